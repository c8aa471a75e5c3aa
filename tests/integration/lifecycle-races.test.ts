// Attack pass 2 (issue 14, S12, S17): the data lifecycle against work already under way.
// 1. An export the job is writing while a person is erased (or a retention run removes tickets) read the
//    old data before the erasure committed: its file must not be kept, or the person's name and address
//    survive in a download after the erasure said they were gone.
// 2. A reactivation or role change that read the person just before a concurrent erasure committed must
//    not bring the erased placeholder back to life (active again, or promoted).
import { randomUUID } from "node:crypto";
import { readdirSync, readFileSync, existsSync } from "node:fs";
import path from "node:path";
import { hashPassword } from "better-auth/crypto";
import { eq } from "drizzle-orm";
import pg from "pg";
import { afterEach, beforeAll, describe, expect, inject, it, vi } from "vitest";
import { db } from "@/db/client";
import * as schema from "@/db/schema";
import { runQueuedExports } from "@/domain/exports/run-export";
import { applyRetentionRule } from "@/domain/lifecycle/apply-ticket-retention";
import { storage } from "@/lib/storage";
import { callJson } from "../support/api";
import { createOrg, signIn, TEST_PASSWORD, type TestOrg } from "../support/factory";
import { createTicketAs } from "../support/tickets";

process.env.STORAGE_DIR = inject("storageDir");
const storageDir = inject("storageDir");

let org: TestOrg;
let adminCookie: string;

async function createRequester(name: string, email: string, active = true): Promise<string> {
  const id = randomUUID();
  await db().insert(schema.users).values({ id, email, name, role: "requester", organizationId: org.id, emailVerified: true, active });
  await db()
    .insert(schema.accounts)
    .values({ id: randomUUID(), accountId: id, providerId: "credential", userId: id, password: await hashPassword(TEST_PASSWORD) });
  return id;
}

/** Every file in the exports area that holds `needle`. */
function exportFilesHolding(needle: string): string[] {
  const dir = path.join(storageDir, "exports");
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((f) => f.isFile())
    .map((f) => path.join(f.parentPath, f.name))
    .filter((f) => readFileSync(f, "utf8").includes(needle));
}

beforeAll(async () => {
  org = await createOrg("lifecycle-races");
  adminCookie = await signIn(org.admin);
});

afterEach(() => {
  vi.restoreAllMocks();
});

describe("an export running while a person is erased", () => {
  it("is stopped: its file, read before the erasure, is deleted and never offered", async () => {
    const tag = randomUUID().slice(0, 8);
    const name = `Racy Person-${tag}`;
    const email = `racy.${tag}@race-erasure.test`;
    const personId = await createRequester(name, email);
    const personCookie = await signIn({ email });
    await createTicketAs(personCookie, { title: `Broken — ${name}`, descriptionMd: `I am ${name}, ${email}` });

    const started = await callJson("POST", "/api/exports", { cookie: adminCookie, body: { format: "csv", from: "2025-06-01", to: "2027-06-01" } });
    expect(started.status, JSON.stringify(started.body)).toBe(202);

    // The job has read everything and is writing the file when the erasure commits.
    const put = storage().put.bind(storage());
    let erased = 0;
    vi.spyOn(storage(), "put").mockImplementation(async (area, key, body) => {
      await put(area, key, body);
      if (area === "exports" && erased === 0) {
        const res = await callJson("POST", `/api/admin/users/${personId}/erase`, { cookie: adminCookie });
        expect(res.status, JSON.stringify(res.body)).toBe(200);
        erased += 1;
      }
    });
    await runQueuedExports();
    expect(erased).toBe(1);

    const [row] = await db().select().from(schema.dataExports).where(eq(schema.dataExports.id, started.body.id));
    expect(row!.status).toBe("failed");
    expect(row!.storageKey).toBeNull();
    expect(exportFilesHolding(email)).toEqual([]);
    expect(exportFilesHolding(name)).toEqual([]);
    const download = await callJson("GET", `/api/exports/${started.body.id}`, { cookie: adminCookie });
    expect(JSON.stringify(download.body)).not.toContain(email);
  });
});

describe("an export running while retention removes tickets", () => {
  it("is stopped too: the expired ticket's words are in no file", async () => {
    const other = await createOrg("lifecycle-races-retention");
    const [admin, requester] = await Promise.all([signIn(other.admin), signIn(other.requester)]);
    const words = `EXPIRED-WORDS-${randomUUID().slice(0, 8)}`;
    const ticket = await createTicketAs(requester, { title: "Old and closed", descriptionMd: words });
    await db()
      .update(schema.tickets)
      .set({ status: "closed", updatedAt: new Date(Date.now() - 8 * 30 * 86_400_000) })
      .where(eq(schema.tickets.id, ticket.id));
    const started = await callJson("POST", "/api/exports", { cookie: admin, body: { format: "json", from: "2025-06-01", to: "2027-06-01" } });
    expect(started.status, JSON.stringify(started.body)).toBe(202);

    // The job has read the ticket and writes its file when this organization's retention batch commits.
    const put = storage().put.bind(storage());
    let applied = 0;
    vi.spyOn(storage(), "put").mockImplementation(async (area, key, body) => {
      await put(area, key, body);
      if (area === "exports" && applied === 0) {
        applied = (await applyRetentionRule({ organizationId: other.id, months: 6, action: "anonymise" })).tickets;
      }
    });
    await runQueuedExports();
    expect(applied).toBe(1);
    const [row] = await db().select().from(schema.dataExports).where(eq(schema.dataExports.id, started.body.id));
    expect(row!.status).toBe("failed");
    expect(exportFilesHolding(words)).toEqual([]);
  });
});

describe("a reactivation or role change racing an erasure", () => {
  async function raceWithErasure(patch: Record<string, unknown>) {
    const tag = randomUUID().slice(0, 8);
    const personId = await createRequester(`Gone Person-${tag}`, `gone.${tag}@race-erasure.test`, false);
    // The erasure's transaction: it holds the person's row while the admin's change reads the person
    // (not yet erased) and then waits for the row; the erasure commits first.
    const erasure = new pg.Client({ connectionString: process.env.DATABASE_URL });
    // Another connection watches: pg_stat_activity is read once per transaction.
    const watcher = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await Promise.all([erasure.connect(), watcher.connect()]);
    try {
      await erasure.query("BEGIN");
      await erasure.query("SELECT id FROM users WHERE id = $1 FOR UPDATE", [personId]);
      const change = callJson("PATCH", `/api/admin/users/${personId}`, { cookie: adminCookie, body: patch });
      // Until the change waits on the erasure's row lock.
      await expect
        .poll(
          async () =>
            (
              await watcher.query<{ n: number }>(
                "SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND query ILIKE 'update \"users\" set%'",
              )
            ).rows[0]!.n,
          { timeout: 20_000 },
        )
        .toBe(1);
      await erasure.query(
        "UPDATE users SET name = 'Erased person', email = 'erased-' || id || '@erased.invalid', active = false, erased_at = now() WHERE id = $1",
        [personId],
      );
      await erasure.query("COMMIT");
      const res = await change;
      expect(res.status, JSON.stringify(res.body)).toBe(409);
    } finally {
      await Promise.all([erasure.end(), watcher.end()]);
    }
    const [row] = await db().select().from(schema.users).where(eq(schema.users.id, personId));
    expect(row).toMatchObject({ active: false, role: "requester" });
    expect(row!.erasedAt).not.toBeNull();
  }

  it("a reactivation that read the person before the erasure committed changes nothing (409)", async () => {
    await raceWithErasure({ active: true });
  });

  it("a promotion to agent that read the person before the erasure committed changes nothing (409)", async () => {
    await raceWithErasure({ role: "agent", active: true });
  });
});

describe("the person writing while they are erased", () => {
  it("a comment that waited for the erasure's lock on them is refused, and no text of theirs is left", async () => {
    const tag = randomUUID().slice(0, 8);
    const name = `Late Writer-${tag}`;
    const email = `late.${tag}@race-erasure.test`;
    const personId = await createRequester(name, email);
    const cookie = await signIn({ email });
    const ticket = await createTicketAs(cookie, { title: "Still broken", descriptionMd: "It does not print." });
    const erasure = new pg.Client({ connectionString: process.env.DATABASE_URL });
    const watcher = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await Promise.all([erasure.connect(), watcher.connect()]);
    try {
      // The erasure holds the person's row (erasePerson's first statement) while their comment, signed in
      // before it, is written; it commits with the person anonymised and their sessions gone.
      await erasure.query("BEGIN");
      await erasure.query("SELECT id FROM users WHERE id = $1 FOR UPDATE", [personId]);
      const comment = callJson("POST", `/api/tickets/${ticket.id}/comments`, { cookie, body: { bodyMd: `LATE-WORDS-${tag} from ${name}` } });
      await expect
        .poll(
          async () =>
            (
              await watcher.query<{ n: number }>(
                "SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND query ILIKE 'insert into \"comments\"%'",
              )
            ).rows[0]!.n,
          { timeout: 20_000 },
        )
        .toBe(1);
      await erasure.query(
        "UPDATE users SET name = 'Erased person', email = 'erased-' || id || '@erased.invalid', active = false, erased_at = now() WHERE id = $1",
        [personId],
      );
      await erasure.query("DELETE FROM sessions WHERE user_id = $1", [personId]);
      await erasure.query("COMMIT");
      const res = await comment;
      expect(res.status, JSON.stringify(res.body)).toBe(409);
    } finally {
      await Promise.all([erasure.end(), watcher.end()]);
    }
    const left = await db().select().from(schema.comments).where(eq(schema.comments.authorId, personId));
    expect(left.map((c) => c.bodyMd).join("\n")).not.toContain(`LATE-WORDS-${tag}`);
  });
});
