// Issue 14 "Data lifecycle", erasure on request (S12, S17, D7): an admin erases a requester (or a
// deactivated staff member) and afterwards no column of any table — searched from the catalogue, every
// text, varchar, jsonb, array and bytea column of every schema — holds the person's name or address in any
// case or Unicode form; the audit chain still verifies, and a redacted event that is edited afterwards is
// caught; the person cannot sign in; their files and the organization's exports are gone from storage.
// The doors: another organization's admin gets 404, an agent or requester 403, an active agent 409.
import { existsSync } from "node:fs";
import path from "node:path";
import { randomUUID } from "node:crypto";
import { hashPassword } from "better-auth/crypto";
import { and, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { appendAuditEvent } from "@/db/audit-chain/append";
import { db } from "@/db/client";
import * as schema from "@/db/schema";
import { runQueuedExports } from "@/domain/exports/run-export";
import { verifyAuditChain } from "@/domain/audit/verify-chain";
import { verifyAndCheckpoint } from "@/domain/audit/verify-and-checkpoint";
import { callJson, ORIGIN } from "../support/api";
import { text, upload } from "../support/attachment-files";
import { createOrg, setUserActive, signIn, TEST_PASSWORD, type TestOrg } from "../support/factory";
import { ownerConnection } from "../support/owner-db";
import { createTicketAs } from "../support/tickets";

process.env.CLAMD_HOST = inject("clamdHost");
process.env.CLAMD_PORT = String(inject("clamdPort"));
process.env.STORAGE_DIR = inject("storageDir");
const storageDir = inject("storageDir");

let org: TestOrg;
let other: TestOrg;
const cookies = {} as Record<"admin" | "agent" | "requester" | "otherAdmin" | "person", string>;

// A person whose name has a combining form (NFC "ë", written elsewhere as NFD "e\u0308") and whose address
// is stored in mixed case: every form must go.
const tag = randomUUID().slice(0, 8);
const NAME = `Zoë Åkerlund-${tag}`;
const EMAIL = `Zoe.Akerlund.${tag}@Example-Erasure.test`;
const person = { id: randomUUID(), email: EMAIL };

async function createPerson(orgId: string) {
  await db().insert(schema.users).values({ id: person.id, email: EMAIL, name: NAME, role: "requester", organizationId: orgId, emailVerified: true });
  await db()
    .insert(schema.accounts)
    .values({ id: randomUUID(), accountId: person.id, providerId: "credential", userId: person.id, password: await hashPassword(TEST_PASSWORD) });
}

/** Every form of the name and address a search must not find (compared in lower case). */
function forms(): string[] {
  const all = [NAME, NAME.normalize("NFD"), NAME.normalize("NFKC"), EMAIL, EMAIL.toLowerCase()];
  return [...new Set(all.map((f) => f.toLowerCase()))];
}

/** Every text-like column of every table in every schema, from the catalogue, and the rows that hold a form. */
async function findTraces(): Promise<string[]> {
  const columns = await db().execute<{ table_schema: string; table_name: string; column_name: string; data_type: string }>(sql`
    select c.table_schema, c.table_name, c.column_name, c.data_type
      from information_schema.columns c
      join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name and t.table_type = 'BASE TABLE'
     where c.table_schema not in ('pg_catalog', 'information_schema', 'pg_toast')
       and (c.data_type in ('text', 'character varying', 'character', 'jsonb', 'json', 'bytea', 'ARRAY'))`);
  expect(columns.rows.length).toBeGreaterThan(100);
  const found: string[] = [];
  for (const col of columns.rows) {
    const t = sql`${sql.identifier(col.table_schema)}.${sql.identifier(col.table_name)}`;
    const c = sql.identifier(col.column_name);
    const asText = col.data_type === "bytea" ? sql`encode(${c}, 'escape')` : sql`${c}::text`;
    const hit = await db().execute<{ n: number }>(
      sql`select count(*)::int as n from ${t} where exists (select 1 from unnest(${sql.param(forms())}::text[]) f
            where strpos(lower(${asText}), f) > 0 or strpos(lower(normalize(${asText}, NFC)), f) > 0)`,
    );
    if (hit.rows[0]!.n > 0) found.push(`${col.table_schema}.${col.table_name}.${col.column_name}`);
  }
  return found;
}

let ticketId: string;
let attachmentKey: string;
let exportKey: string;

beforeAll(async () => {
  [org, other] = await Promise.all([createOrg("erasure"), createOrg("erasure-other")]);
  await createPerson(org.id);
  [cookies.admin, cookies.agent, cookies.requester, cookies.otherAdmin, cookies.person] = await Promise.all([
    signIn(org.admin),
    signIn(org.agent),
    signIn(org.requester),
    signIn(other.admin),
    signIn(person),
  ]);
  // Their ticket, their reply, their file; staff replies and a note that name them in other forms.
  const ticket = await createTicketAs(cookies.person, { title: `Printer broken — ${NAME}`, descriptionMd: `I am ${NAME}, reach me at ${EMAIL}.` });
  ticketId = ticket.id;
  expect((await callJson("POST", `/api/tickets/${ticketId}/comments`, { cookie: cookies.person, body: { bodyMd: "It is still broken." } })).status).toBe(201);
  const reply = `Hi ${NAME.normalize("NFD")}, we wrote to ${EMAIL.toUpperCase()}.`;
  expect((await callJson("POST", `/api/tickets/${ticketId}/comments`, { cookie: cookies.agent, body: { bodyMd: reply } })).status).toBe(201);
  expect(
    (await callJson("POST", `/api/tickets/${ticketId}/comments`, { cookie: cookies.agent, body: { bodyMd: `Note: ${NAME} called`, internal: true } })).status,
  ).toBe(201);
  const up = await upload(cookies.person, ticketId, "notes.txt", text(`From ${NAME} <${EMAIL}>\n`));
  expect(up.status, JSON.stringify(up.body)).toBe(201);
  const [att] = await db().select().from(schema.attachments).where(eq(schema.attachments.id, up.body.id));
  attachmentKey = att!.storageKey;
  // An export that holds them, made by the admin and produced by the job.
  const started = await callJson("POST", "/api/exports", { cookie: cookies.admin, body: { format: "json", from: "2025-06-01", to: "2027-06-01" } });
  expect(started.status, JSON.stringify(started.body)).toBe(202);
  await runQueuedExports();
  const [exp] = await db().select().from(schema.dataExports).where(eq(schema.dataExports.id, started.body.id));
  expect(exp!.status).toBe("done");
  exportKey = exp!.storageKey!;
  // Events written before erasure existed kept personal data inside the hashed fields: an invite with the
  // address and name, and a security event whose target is the address.
  await db().transaction(async (tx) => {
    await appendAuditEvent(tx, {
      organizationId: org.id,
      actorId: org.admin.id,
      action: "user.invited",
      targetType: "user",
      targetId: person.id,
      data: { email: EMAIL, name: NAME, role: "requester" },
    });
    await appendAuditEvent(tx, {
      organizationId: org.id,
      actorId: null,
      action: "auth.sign_in_failed",
      targetType: "account",
      targetId: EMAIL.toLowerCase(),
      data: { reason: "bad_password" },
    });
    // Hostile text around the address: the seal is computed by the database and by the verifier from the
    // streamed COPY text, which escapes tabs, line breaks and backslashes; both must agree on every byte.
    await appendAuditEvent(tx, {
      organizationId: org.id,
      actorId: org.admin.id,
      action: "mail.held",
      targetType: "inbound_mail",
      targetId: randomUUID(),
      data: { from: `"Zoë"\t<${EMAIL}>\n\\ 😀 \u0001`, nested: [{ who: NAME.normalize("NFD") }, 1.5, 1e21, null] },
      ip: "2001:db8::1",
      userAgent: 'Mozilla/5.0 "quoted" \\ back\ttab 😀',
    });
  });
  // Raw mail they sent (and one that only copies them), with the envelope and authentication results.
  const raw = (from: string, cc: string) =>
    Buffer.from(`From: ${from}\r\nCc: ${cc}\r\nSubject: about ${NAME}\r\nMessage-ID: <${randomUUID()}@x>\r\n\r\nHello\r\n`, "utf8");
  await db()
    .insert(schema.inboundMails)
    .values([
      {
        organizationId: org.id,
        source: "smtp",
        messageId: `<${randomUUID()}@x>`,
        fromAddress: EMAIL.toLowerCase(),
        subject: `about ${NAME}`,
        envelopeFrom: EMAIL,
        envelopeTo: ["support@x.test"],
        raw: raw(`${NAME} <${EMAIL}>`, "other@x.test"),
        sizeBytes: 100,
        sha256: "0".repeat(64),
        ticketId,
        authResults: { spf: { domain: EMAIL.split("@")[1], envelopeFrom: EMAIL } },
      },
      {
        organizationId: org.id,
        source: "smtp",
        messageId: `<${randomUUID()}@x>`,
        fromAddress: "colleague@x.test",
        subject: "fwd",
        envelopeTo: ["support@x.test", EMAIL.toLowerCase()],
        raw: raw("colleague@x.test", EMAIL.toUpperCase()),
        sizeBytes: 100,
        sha256: "0".repeat(64),
      },
    ]);
  // Their answer to "How did we do?" (issue 13) with words that name no one: the words must go too.
  expect((await callJson("PATCH", `/api/tickets/${ticketId}`, { cookie: cookies.agent, body: { status: "resolved" } })).status).toBe(200);
  const answered = await callJson("POST", `/api/tickets/${ticketId}/satisfaction`, {
    cookie: cookies.person,
    body: { rating: "bad", comment: "SATISFACTION-WORDS slow replies", resolution: 1 },
  });
  expect(answered.status, JSON.stringify(answered.body)).toBe(201);
  // A password reset link and a failed sign-in with their address.
  await db().insert(schema.passwordResetRequests).values({ email: EMAIL.toLowerCase(), ip: "203.0.113.9", userAgent: "test" });
  await callJson("POST", "/api/auth/sign-in/email", { body: { email: EMAIL, password: "wrong-password-123" }, headers: { origin: ORIGIN } });
});

describe("erasing a person (issue 14)", () => {
  it("the doors: another organization's admin 404, an agent or requester 403, an active agent 409, oneself 409", async () => {
    const path = `/api/admin/users/${person.id}/erase`;
    expect((await callJson("POST", path, { cookie: cookies.otherAdmin })).status).toBe(404);
    expect((await callJson("POST", path, { cookie: cookies.agent })).status).toBe(403);
    expect((await callJson("POST", path, { cookie: cookies.requester })).status).toBe(403);
    const active = await callJson("POST", `/api/admin/users/${org.agent.id}/erase`, { cookie: cookies.admin });
    expect(active.status).toBe(409);
    expect(active.body.error.message).toMatch(/Deactivate this staff member/);
    expect((await callJson("POST", `/api/admin/users/${org.admin.id}/erase`, { cookie: cookies.admin })).status).toBe(409);
    expect((await callJson("POST", `/api/admin/users/${randomUUID()}/erase`, { cookie: cookies.admin })).status).toBe(404);
    // Nothing was erased by any of them.
    const [row] = await db().select().from(schema.users).where(eq(schema.users.id, person.id));
    expect(row).toMatchObject({ name: NAME, email: EMAIL, erasedAt: null });
    // The search sees them where they are before the erasure: it is not blind to any of these kinds.
    expect(await findTraces()).toEqual(
      expect.arrayContaining([
        "public.users.name",
        "public.users.email",
        "public.tickets.title",
        "public.tickets.description_md",
        "public.comments.body_md",
        "public.inbound_mails.raw",
        "public.inbound_mails.envelope_to",
        "public.inbound_mails.auth_results",
        "public.audit_events.data",
        "public.audit_events.target_id",
        "public.password_reset_requests.email",
      ]),
    );
  });

  it("afterwards no table or column holds their name or address, the chain verifies, files and exports are gone", async () => {
    expect(existsSync(path.join(storageDir, "clean", attachmentKey)) || existsSync(path.join(storageDir, "held", attachmentKey))).toBe(true);
    expect(existsSync(path.join(storageDir, "exports", exportKey))).toBe(true);

    // A checkpoint signed before the erasure (as the scheduled verifier does) still holds afterwards.
    const before = await verifyAndCheckpoint(org.id);
    expect(before.ok).toBe(true);

    const res = await callJson("POST", `/api/admin/users/${person.id}/erase`, { cookie: cookies.admin });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ id: person.id, erased: true, comments: 1, tickets: 1 });
    expect(res.body.auditEventsRedacted).toBeGreaterThanOrEqual(3);

    expect(await findTraces()).toEqual([]);

    // The ticket and the conversation stay, without their words.
    const [ticket] = await db().select().from(schema.tickets).where(eq(schema.tickets.id, ticketId));
    expect(ticket!.descriptionMd).toBe("[erased]");
    expect(ticket!.title).toBe("Printer broken — [erased]");
    const thread = await db().select().from(schema.comments).where(eq(schema.comments.ticketId, ticketId)).orderBy(schema.comments.seq);
    expect(thread.map((c) => c.bodyMd)).toEqual(["[erased]", "Hi [erased], we wrote to [erased].", "Note: [erased] called"]);

    // Their satisfaction answer stays counted (bad), without their words.
    const ratings = await db().select().from(schema.satisfactionRatings).where(eq(schema.satisfactionRatings.ticketId, ticketId));
    expect(ratings.map((r) => [r.rating, r.comment])).toEqual([["bad", null]]);

    // Files: the upload and the export, row and bytes.
    for (const area of ["held", "clean", "quarantine"]) expect(existsSync(path.join(storageDir, area, attachmentKey))).toBe(false);
    expect(existsSync(path.join(storageDir, "exports", exportKey))).toBe(false);
    expect(await db().select().from(schema.dataExports).where(eq(schema.dataExports.organizationId, org.id))).toEqual([]);

    // The chain verifies, with the verifier's full walk and with the job's verify-and-checkpoint.
    const verified = await verifyAuditChain(db(), org.id);
    expect(verified.problem).toBeNull();
    expect(verified.ok).toBe(true);
    const after = await verifyAndCheckpoint(org.id);
    expect(after).toMatchObject({ ok: true, checkpointSeq: before.lastSeq });

    // "person.erased", written by the database, naming no one.
    const [erased] = await db()
      .select()
      .from(schema.auditEvents)
      .where(and(eq(schema.auditEvents.organizationId, org.id), eq(schema.auditEvents.action, "person.erased")));
    expect(erased).toMatchObject({ actorId: org.admin.id, targetType: "user", targetId: person.id });
    expect(JSON.stringify(erased!.data)).not.toMatch(/zo[eë]|akerlund|åkerlund/i);
    const [invited] = await db()
      .select()
      .from(schema.auditEvents)
      .where(and(eq(schema.auditEvents.organizationId, org.id), eq(schema.auditEvents.action, "user.invited")));
    expect(invited!.data).toEqual({ email: "[erased]", name: "[erased]", role: "requester" });
  });

  it("the erased person cannot sign in, with the old address or the new one, and their session is gone", async () => {
    for (const email of [EMAIL, EMAIL.toLowerCase(), `erased-${person.id}@erased.invalid`]) {
      const res = await callJson("POST", "/api/auth/sign-in/email", { body: { email, password: TEST_PASSWORD }, headers: { origin: ORIGIN } });
      expect(res.status, email).toBe(401);
    }
    expect((await callJson("GET", "/api/tickets", { cookie: cookies.person })).status).toBe(401);
    expect(await db().select().from(schema.sessions).where(eq(schema.sessions.userId, person.id))).toEqual([]);
    expect(await db().select().from(schema.accounts).where(eq(schema.accounts.userId, person.id))).toEqual([]);
  });

  it("a second erasure is a 409, so is reactivating the placeholder; the rest of the organization works on", async () => {
    expect((await callJson("POST", `/api/admin/users/${person.id}/erase`, { cookie: cookies.admin })).status).toBe(409);
    const reactivate = await callJson("PATCH", `/api/admin/users/${person.id}`, { cookie: cookies.admin, body: { active: true } });
    expect(reactivate.status).toBe(409);
    const listed = await callJson("GET", "/api/admin/users?limit=100", { cookie: cookies.admin });
    expect(listed.body.items.find((u: { id: string }) => u.id === person.id)).toMatchObject({ name: "Erased person", status: "erased", active: false });
    const t = await callJson("GET", `/api/tickets/${ticketId}`, { cookie: cookies.agent });
    expect(t.status).toBe(200);
    expect(t.body.requesterId).toBe(person.id);
  });

  it("a redacted event edited afterwards breaks the chain at that event (the seal covers it)", async () => {
    const [invited] = await db()
      .select()
      .from(schema.auditEvents)
      .where(and(eq(schema.auditEvents.organizationId, org.id), eq(schema.auditEvents.action, "user.invited")));
    const owner = await ownerConnection();
    try {
      await owner.query(`update audit_events set data = '{"email":"[erased]","name":"[erased]","role":"admin"}' where id = $1`, [invited!.id]);
      const broken = await verifyAuditChain(db(), org.id);
      expect(broken.ok).toBe(false);
      expect(broken.problem).toMatchObject({ kind: "hash_mismatch", seq: invited!.seq });
    } finally {
      await owner.query(`update audit_events set data = '{"email":"[erased]","name":"[erased]","role":"requester"}' where id = $1`, [invited!.id]);
      await owner.end();
    }
    expect((await verifyAuditChain(db(), org.id)).ok).toBe(true);
  });

  it("the app role can neither write person.erased itself nor update an event", async () => {
    const forged = db().transaction(async (tx) => {
      await appendAuditEvent(tx, {
        organizationId: org.id,
        actorId: org.admin.id,
        action: "person.erased",
        targetType: "user",
        targetId: org.agent.id,
        data: { redacted: [] },
      });
    });
    await expect(forged).rejects.toMatchObject({ cause: { message: expect.stringMatching(/written by the database only/) } });
    const update = db().execute(sql`update audit_events set data = '{}' where organization_id = ${org.id}::uuid`);
    await expect(update).rejects.toMatchObject({ cause: { message: expect.stringMatching(/permission denied/) } });
  });

  it("two erasures of the same person at once: one erases, the other is a 409, one person.erased event", async () => {
    const results = await Promise.all([1, 2].map(() => callJson("POST", `/api/admin/users/${org.requester2.id}/erase`, { cookie: cookies.admin })));
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    const events = await db()
      .select()
      .from(schema.auditEvents)
      .where(
        and(eq(schema.auditEvents.organizationId, org.id), eq(schema.auditEvents.action, "person.erased"), eq(schema.auditEvents.targetId, org.requester2.id)),
      );
    expect(events).toHaveLength(1);
    expect((await verifyAuditChain(db(), org.id)).ok).toBe(true);
  });

  it("a deactivated agent can be erased; their replies stay as [erased], the tickets they handled stay", async () => {
    await setUserActive(org.agent2.id, false);
    const t = await createTicketAs(cookies.requester, { title: "Needs agent2", descriptionMd: "x" });
    await db().insert(schema.comments).values({ organizationId: org.id, ticketId: t.id, authorId: org.agent2.id, bodyMd: "agent2 was here" });
    const res = await callJson("POST", `/api/admin/users/${org.agent2.id}/erase`, { cookie: cookies.admin });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const [row] = await db().select().from(schema.users).where(eq(schema.users.id, org.agent2.id));
    expect(row).toMatchObject({ name: "Erased person", active: false });
    expect(row!.email).not.toContain(org.slug);
    expect((await verifyAuditChain(db(), org.id)).ok).toBe(true);
  });
});
