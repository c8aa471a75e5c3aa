// Issue 14 "Data lifecycle", retention of closed tickets (S12, S17): an admin sets the rule (API, audited,
// bounds checked, admins only); the job deletes or anonymises exactly the closed tickets of that
// organization whose last change is older than N months — with their comments, stored files and the
// organization's older exports — exactly once when two workers run it at the same time, and the
// organization's audit chain still verifies. Open or recent tickets and organizations without a rule stay.
import { existsSync } from "node:fs";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { and, eq, inArray, sql } from "drizzle-orm";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { db } from "@/db/client";
import * as schema from "@/db/schema";
import { verifyAuditChain } from "@/domain/audit/verify-chain";
import { applyTicketRetention, retentionCutoff } from "@/domain/lifecycle/apply-ticket-retention";
import { fixedClock, setClock } from "@/lib/clock";
import { storage } from "@/lib/storage";
import { callJson } from "../support/api";
import { createOrg, signIn, type TestOrg } from "../support/factory";
import { createTicketAs } from "../support/tickets";

process.env.STORAGE_DIR = inject("storageDir");
const storageDir = inject("storageDir");

const MONTH_MS = 30 * 86_400_000;

interface Seeded {
  org: TestOrg;
  admin: string;
  oldClosed: string[];
  recentClosed: string;
  oldOpen: string;
  fileKey: string;
  exportKey: string;
}

async function seed(label: string): Promise<Seeded> {
  const org = await createOrg(label);
  const [admin, requester, agent] = await Promise.all([signIn(org.admin), signIn(org.requester), signIn(org.agent)]);
  const make = async (title: string) => (await createTicketAs(requester, { title, descriptionMd: `${title}: the requester's words` })).id;
  const oldClosed = [await make("old closed 1"), await make("old closed 2"), await make("old closed 3")];
  const recentClosed = await make("recent closed");
  const oldOpen = await make("old open");
  await callJson("POST", `/api/tickets/${oldClosed[0]}/comments`, { cookie: agent, body: { bodyMd: "a reply with details" } });
  const old = new Date(Date.now() - 8 * MONTH_MS);
  const recent = new Date(Date.now() - 2 * MONTH_MS);
  await db().update(schema.tickets).set({ status: "closed", updatedAt: old }).where(inArray(schema.tickets.id, oldClosed));
  await db().update(schema.tickets).set({ status: "closed", updatedAt: recent }).where(eq(schema.tickets.id, recentClosed));
  await db().update(schema.tickets).set({ updatedAt: old }).where(eq(schema.tickets.id, oldOpen));
  // A stored file on an expired ticket, and a finished export made yesterday.
  const fileKey = randomBytes(16).toString("hex");
  await storage().put("clean", fileKey, Buffer.from("file bytes"));
  await db()
    .insert(schema.attachments)
    .values({
      organizationId: org.id,
      ticketId: oldClosed[1]!,
      uploaderId: org.requester.id,
      filename: "a.txt",
      mimeType: "text/plain",
      sizeBytes: 10,
      sha256: "0".repeat(64),
      storageKey: fileKey,
      status: "clean",
    });
  // Mail and a webhook sent about an expired ticket, and one about the recent ticket.
  await db()
    .insert(schema.outboxMessages)
    .values([
      {
        organizationId: org.id,
        channel: "email",
        eventType: "ticket.updated",
        status: "sent",
        payload: { to: "x@y.test", subject: "old closed 1", text: "old closed 1: details", ticketId: oldClosed[0]! },
      },
      {
        organizationId: org.id,
        channel: "webhook",
        eventType: "ticket.updated",
        status: "sent",
        payload: { event: "ticket.updated", body: JSON.stringify({ ticket: { id: oldClosed[2], title: "old closed 3" } }) },
      },
      {
        organizationId: org.id,
        channel: "email",
        eventType: "ticket.updated",
        status: "sent",
        payload: { to: "x@y.test", subject: "recent closed", text: "recent", ticketId: recentClosed },
      },
    ]);
  const exportKey = randomBytes(16).toString("hex");
  await storage().put("exports", exportKey, Buffer.from("{}"));
  await db()
    .insert(schema.dataExports)
    .values({
      organizationId: org.id,
      requestedBy: org.admin.id,
      format: "json",
      fromDate: new Date("2025-01-01"),
      toDate: new Date("2027-01-01"),
      status: "done",
      storageKey: exportKey,
      createdAt: new Date(Date.now() - 86_400_000),
    });
  return { org, admin, oldClosed, recentClosed, oldOpen, fileKey, exportKey };
}

let anon: Seeded;
let del: Seeded;
let none: Seeded;
let agentCookie: string;

beforeAll(async () => {
  [anon, del, none] = await Promise.all([seed("retention-anon"), seed("retention-delete"), seed("retention-none")]);
  agentCookie = await signIn(anon.org.agent);
});

async function retentionEvents(orgId: string) {
  return db()
    .select()
    .from(schema.auditEvents)
    .where(and(eq(schema.auditEvents.organizationId, orgId), eq(schema.auditEvents.action, "tickets.retention_applied")));
}

describe("the retention rule (issue 14)", () => {
  it("admins set it through the settings API, audited; bad values are 400, agents 403", async () => {
    for (const bad of [
      { closedTicketRetentionMonths: 0 },
      { closedTicketRetentionMonths: 121 },
      { closedTicketRetentionMonths: 1.5 },
      { closedTicketRetentionAction: "shred" },
    ]) {
      expect((await callJson("PATCH", "/api/admin/organization", { cookie: anon.admin, body: bad })).status, JSON.stringify(bad)).toBe(400);
    }
    expect((await callJson("PATCH", "/api/admin/organization", { cookie: agentCookie, body: { closedTicketRetentionMonths: 6 } })).status).toBe(403);
    const set = await callJson("PATCH", "/api/admin/organization", {
      cookie: anon.admin,
      body: { closedTicketRetentionMonths: 6, closedTicketRetentionAction: "anonymise" },
    });
    expect(set.status, JSON.stringify(set.body)).toBe(200);
    expect(set.body).toMatchObject({ closedTicketRetentionMonths: 6, closedTicketRetentionAction: "anonymise" });
    const setDel = await callJson("PATCH", "/api/admin/organization", {
      cookie: del.admin,
      body: { closedTicketRetentionMonths: 6, closedTicketRetentionAction: "delete" },
    });
    expect(setDel.status).toBe(200);
    // Each admin changed their own organization only.
    expect((await callJson("GET", "/api/admin/organization", { cookie: none.admin })).body).toMatchObject({ closedTicketRetentionMonths: null });
    const [audit] = await db()
      .select()
      .from(schema.auditEvents)
      .where(and(eq(schema.auditEvents.organizationId, anon.org.id), eq(schema.auditEvents.action, "organization.settings_updated")));
    expect(audit!.data).toMatchObject({ changes: { closedTicketRetentionMonths: { from: null, to: 6 } } });
  });

  it("the cut-off is N calendar months back, clamped to the month's last day", () => {
    expect(retentionCutoff(new Date("2026-03-31T10:00:00Z"), 1).toISOString()).toBe("2026-02-28T10:00:00.000Z");
    expect(retentionCutoff(new Date("2026-12-01T00:00:00Z"), 6).toISOString()).toBe("2026-06-01T00:00:00.000Z");
    expect(retentionCutoff(new Date("2026-01-15T00:00:00Z"), 13).toISOString()).toBe("2024-12-15T00:00:00.000Z");
  });

  it("two workers at once: each expired closed ticket handled exactly once, nothing else touched, the chains verify", async () => {
    const [a, b] = await Promise.all([applyTicketRetention(2), applyTicketRetention(2)]);
    const handled = (orgId: string) => [...a, ...b].filter((r) => r.organizationId === orgId).reduce((n, r) => n + r.tickets, 0);
    expect(handled(anon.org.id)).toBe(3);
    expect(handled(del.org.id)).toBe(3);
    expect([...a, ...b].some((r) => r.organizationId === none.org.id)).toBe(false);

    for (const s of [anon, del]) {
      const events = await retentionEvents(s.org.id);
      const ids = events.flatMap((e) => (e.data.tickets as { id: string }[]).map((t) => t.id));
      expect(ids.sort()).toEqual([...s.oldClosed].sort());
      expect(events.every((e) => e.actorId === "system:ticket-retention")).toBe(true);
      expect((await verifyAuditChain(db(), s.org.id)).ok).toBe(true);
      // The file of the expired ticket and the export made before the run are gone.
      expect(existsSync(path.join(storageDir, "clean", s.fileKey))).toBe(false);
      expect(existsSync(path.join(storageDir, "exports", s.exportKey))).toBe(false);
      expect(await db().select().from(schema.attachments).where(eq(schema.attachments.storageKey, s.fileKey))).toEqual([]);
      // The recent closed ticket and the old open one are as they were.
      const kept = await db()
        .select()
        .from(schema.tickets)
        .where(inArray(schema.tickets.id, [s.recentClosed, s.oldOpen]));
      expect(kept.map((t) => [t.title, t.anonymisedAt])).toEqual(
        expect.arrayContaining([
          ["recent closed", null],
          ["old open", null],
        ]),
      );
    }

    const anonymised = await db().select().from(schema.tickets).where(inArray(schema.tickets.id, anon.oldClosed));
    expect(anonymised).toHaveLength(3);
    for (const t of anonymised) {
      expect(t.title).toBe(`Ticket #${t.number}`);
      expect(t.descriptionMd).toBe("[removed by retention]");
      expect(t.anonymisedAt).not.toBeNull();
      expect(t.status).toBe("closed");
    }
    const thread = await db().select().from(schema.comments).where(eq(schema.comments.ticketId, anon.oldClosed[0]!));
    expect(thread.map((c) => c.bodyMd)).toEqual(["[removed by retention]"]);
    const mails = await db().select().from(schema.outboxMessages).where(eq(schema.outboxMessages.organizationId, anon.org.id));
    expect(mails.map((m) => m.payload).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)))).toEqual([
      { event: "ticket.updated", body: "[removed by retention]" },
      { to: "x@y.test", subject: "[removed by retention]", text: "[removed by retention]", ticketId: anon.oldClosed[0] },
      { to: "x@y.test", subject: "recent closed", text: "recent", ticketId: anon.recentClosed },
    ]);
    const leftovers = await db().execute<{ n: number }>(
      sql`select count(*)::int as n from tickets where organization_id = ${anon.org.id}::uuid and (title like 'old closed%' or description_md like 'old closed%')`,
    );
    expect(leftovers.rows[0]!.n).toBe(0);

    expect(await db().select().from(schema.tickets).where(inArray(schema.tickets.id, del.oldClosed))).toEqual([]);
    expect(await db().select().from(schema.comments).where(eq(schema.comments.ticketId, del.oldClosed[0]!))).toEqual([]);

    // The organization without a rule keeps everything.
    const untouched = await db().select().from(schema.tickets).where(inArray(schema.tickets.id, none.oldClosed));
    expect(untouched.map((t) => t.descriptionMd).sort()).toEqual([
      "old closed 1: the requester's words",
      "old closed 2: the requester's words",
      "old closed 3: the requester's words",
    ]);
    expect(existsSync(path.join(storageDir, "clean", none.fileKey))).toBe(true);
    expect(existsSync(path.join(storageDir, "exports", none.exportKey))).toBe(true);
  });

  it("a second run finds nothing to do and writes no event", async () => {
    const before = (await retentionEvents(anon.org.id)).length;
    const again = await applyTicketRetention();
    expect(again.find((r) => r.organizationId === anon.org.id)?.tickets).toBe(0);
    expect(again.find((r) => r.organizationId === del.org.id)?.tickets).toBe(0);
    expect((await retentionEvents(anon.org.id)).length).toBe(before);
  });

  it("time comes from the clock: the recent closed ticket expires once the clock has moved on", async () => {
    const restore = setClock(fixedClock(new Date(Date.now() + 5 * MONTH_MS)));
    try {
      const run = await applyTicketRetention();
      expect(run.find((r) => r.organizationId === del.org.id)?.tickets).toBe(1);
    } finally {
      restore();
    }
    expect(await db().select().from(schema.tickets).where(eq(schema.tickets.id, del.recentClosed))).toEqual([]);
    expect((await db().select().from(schema.tickets).where(eq(schema.tickets.id, del.oldOpen))).length).toBe(1);
    expect((await verifyAuditChain(db(), del.org.id)).ok).toBe(true);
  });
});
