// S12: the audit chain detects every kind of tampering — edit, deletion, insertion, reordering, backdating,
// truncation, and a rewrite of the whole chain (against a signed checkpoint kept outside the database);
// the app's role cannot UPDATE/DELETE audit rows; concurrent writers never fork the chain; retention
// prunes with the chain still verifiable.
import { settleSecurityAudits } from "@/auth/hooks/security-audit-later";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { appendAuditEvent } from "@/db/audit-chain/append";
import { FileCheckpointStore } from "@/domain/audit/checkpoints";
import { pruneAuditEvents } from "@/domain/audit/prune-audit-events";
import { verifyAndCheckpoint } from "@/domain/audit/verify-and-checkpoint";
import { verifyAuditChain } from "@/domain/audit/verify-chain";
import { callJson, fromIp } from "../support/api";
import { createOrg, signIn } from "../support/factory";
import { ownerAppendAt, ownerRewriteChain, type StoredEvent } from "../support/owner-audit";
import { ownerConnection } from "../support/owner-db";
import type pg from "pg";

let owner: pg.Client;
const store = new FileCheckpointStore(mkdtempSync(path.join(tmpdir(), "audit-cp-")));

beforeAll(async () => {
  owner = await ownerConnection();
});
afterAll(async () => {
  await owner.end();
});

/** A fresh organization with a chain of `n` events. */
async function chainOf(n: number) {
  const org = await createOrg("audit");
  for (let i = 1; i <= n; i++) {
    await db().transaction((tx) =>
      appendAuditEvent(tx, { organizationId: org.id, actorId: org.agent.id, action: "ticket.updated", targetType: "ticket", targetId: `t${i}`, data: { i } }),
    );
  }
  return org;
}

const verify = (orgId: string) => verifyAuditChain(db(), orgId);

describe("hash chain (S12)", () => {
  it("an untouched chain verifies", async () => {
    const org = await chainOf(8);
    const result = await verify(org.id);
    expect(result).toMatchObject({ ok: true, checkedEvents: 8, lastSeq: 8, headSeq: 8, problem: null });
  });

  it("an edited event is named", async () => {
    const org = await chainOf(8);
    await owner.query(`update audit_events set data = '{"i": 99}' where organization_id = $1 and seq = 3`, [org.id]);
    expect((await verify(org.id)).problem).toMatchObject({ kind: "hash_mismatch", seq: 3 });
  });

  it("a deleted event is named", async () => {
    const org = await chainOf(8);
    await owner.query(`delete from audit_events where organization_id = $1 and seq = 3`, [org.id]);
    expect((await verify(org.id)).problem).toMatchObject({ kind: "sequence_gap", seq: 3 });
  });

  it("an inserted event is named", async () => {
    const org = await chainOf(8);
    await owner.query(`update audit_events set seq = seq + 1000 where organization_id = $1 and seq >= 3`, [org.id]);
    await owner.query(`update audit_events set seq = seq - 999 where organization_id = $1 and seq >= 1003`, [org.id]);
    await owner.query(
      `insert into audit_events (organization_id, seq, action, target_type, data, prev_hash, hash, created_at)
       select organization_id, 3, 'ticket.deleted', 'ticket', '{}', hash, repeat('a', 64), now() from audit_events where organization_id = $1 and seq = 2`,
      [org.id],
    );
    expect((await verify(org.id)).problem).toMatchObject({ kind: "hash_mismatch", seq: 3 });
  });

  it("reordered events are named", async () => {
    const org = await chainOf(8);
    await owner.query(`update audit_events set seq = -1 where organization_id = $1 and seq = 2`, [org.id]);
    await owner.query(`update audit_events set seq = 2 where organization_id = $1 and seq = 3`, [org.id]);
    await owner.query(`update audit_events set seq = 3 where organization_id = $1 and seq = -1`, [org.id]);
    expect((await verify(org.id)).problem).toMatchObject({ kind: "hash_mismatch", seq: 2 });
  });

  it("a truncated tail is named", async () => {
    const org = await chainOf(8);
    await owner.query(`delete from audit_events where organization_id = $1 and seq >= 7`, [org.id]);
    expect((await verify(org.id)).problem).toMatchObject({ kind: "truncated", seq: 7 });
  });

  it("a truncation that also rewinds the head is caught by the signed checkpoint kept outside the database", async () => {
    const org = await chainOf(8);
    expect((await verifyAndCheckpoint(org.id, store)).ok).toBe(true);
    await owner.query(`delete from audit_events where organization_id = $1 and seq >= 7`, [org.id]);
    await owner.query(
      `update audit_chain_heads set last_seq = 6, last_hash = (select hash from audit_events where organization_id = $1 and seq = 6) where organization_id = $1`,
      [org.id],
    );
    expect((await verify(org.id)).ok).toBe(true); // the chain alone looks fine...
    const result = await verifyAuditChain(db(), org.id, await store.latest(org.id));
    expect(result.problem).toMatchObject({ kind: "truncated", seq: 7 }); // ...the checkpoint says otherwise
  });

  it("a rewrite of the whole chain with recomputed hashes is caught by the signed checkpoint", async () => {
    const org = await chainOf(6);
    expect((await verifyAndCheckpoint(org.id, store)).ok).toBe(true);
    // The attacker edits event 2 and recomputes every hash after it, head included.
    await ownerRewriteChain(owner, org.id, (e) => (e.seq === 2 ? { data: { i: 2, note: "nothing happened here" } } : {}));
    expect((await verify(org.id)).ok).toBe(true);
    const result = await verifyAuditChain(db(), org.id, await store.latest(org.id));
    expect(result.problem).toMatchObject({ kind: "checkpoint_mismatch", seq: 6 });
  });

  // Migration 0011: event times are the database's and never run backwards; the owner can still write any
  // time (and recompute every hash), which the hash cannot see but the order of the times can.
  it("an event dated before its predecessor is named, even with every hash recomputed (time_went_backwards)", async () => {
    const timeOf = (all: StoredEvent[], seq: number) => all.find((e) => e.seq === seq)!.createdAt.getTime();
    const oneMsEarlier = await chainOf(8);
    await ownerRewriteChain(owner, oneMsEarlier.id, (e, all) => (e.seq === 3 ? { createdAt: new Date(timeOf(all, 2) - 1) } : {}));
    const lastByAYear = await chainOf(8);
    await ownerRewriteChain(owner, lastByAYear.id, (e, all) => (e.seq === 8 ? { createdAt: new Date(timeOf(all, 7) - 365 * 86_400_000) } : {}));
    const appended = await chainOf(4);
    await ownerAppendAt(owner, appended.id, new Date("2020-01-01T00:00:00Z"), { action: "ticket.deleted" });
    const postdated = await chainOf(6);
    await ownerRewriteChain(owner, postdated.id, (e, all) =>
      e.seq === 4 ? { createdAt: new Date(timeOf(all, 5) + 1000) } : e.seq === 5 ? { createdAt: new Date(timeOf(all, 4)) } : {},
    );
    expect((await verify(oneMsEarlier.id)).problem).toMatchObject({ kind: "time_went_backwards", seq: 3 });
    expect((await verify(lastByAYear.id)).problem).toMatchObject({ kind: "time_went_backwards", seq: 8 });
    expect((await verify(appended.id)).problem).toMatchObject({ kind: "time_went_backwards", seq: 5 });
    expect((await verify(postdated.id)).problem).toMatchObject({ kind: "time_went_backwards", seq: 5 });
    // Equal times are not backwards (several events in one millisecond).
    const sameMs = await chainOf(4);
    await ownerRewriteChain(owner, sameMs.id, (e, all) => (e.seq === 3 ? { createdAt: new Date(timeOf(all, 2)) } : {}));
    expect(await verify(sameMs.id)).toMatchObject({ ok: true, checkedEvents: 4, timeOrderFromSeq: 1 });
  });

  it("time order is checked from the first event the database timed; events before it carry the app servers' clocks", async () => {
    const org = await chainOf(8);
    const timeOf = (all: StoredEvent[], seq: number) => all.find((e) => e.seq === seq)!.createdAt.getTime();
    // As migration 0011 leaves a chain written before it: events 1..4 were timed by the app.
    await owner.query(`update audit_chain_heads set db_time_from_seq = 5 where organization_id = $1`, [org.id]);
    await ownerRewriteChain(owner, org.id, (e, all) =>
      e.seq === 3 ? { createdAt: new Date(timeOf(all, 2) - 86_400_000) } : e.seq === 5 ? { createdAt: new Date(timeOf(all, 4) - 5) } : {},
    );
    expect(await verify(org.id)).toMatchObject({ ok: true, checkedEvents: 8, timeOrderFromSeq: 5 });
    await ownerRewriteChain(owner, org.id, (e, all) => (e.seq === 7 ? { createdAt: new Date(timeOf(all, 6) - 1) } : {}));
    expect((await verify(org.id)).problem).toMatchObject({ kind: "time_went_backwards", seq: 7 });
  });

  it("a forged checkpoint is refused", async () => {
    const org = await chainOf(3);
    await verifyAndCheckpoint(org.id, store);
    const forged = { ...(await store.latest(org.id))!, seq: 2 };
    expect((await verifyAuditChain(db(), org.id, forged)).problem).toMatchObject({ kind: "checkpoint_signature_invalid" });
  });
});

describe("append-only in the database (S12)", () => {
  it("the app's role cannot UPDATE, DELETE or TRUNCATE audit events", async () => {
    const org = await chainOf(2);
    const refused = (q: Promise<unknown>) =>
      q.then(
        () => "accepted",
        (e: Error & { cause?: Error }) => e.cause?.message ?? e.message,
      );
    expect(await refused(db().execute(sql`update audit_events set action = 'x' where organization_id = ${org.id}`))).toMatch(/permission denied/);
    expect(await refused(db().execute(sql`delete from audit_events where organization_id = ${org.id}`))).toMatch(/permission denied/);
    expect(await refused(db().execute(sql`truncate audit_events`))).toMatch(/permission denied/);
    expect((await verify(org.id)).ok).toBe(true);
  });

  it("even the table owner is refused by the trigger", async () => {
    const org = await chainOf(2);
    const plainOwner = new (await import("pg")).default.Client({ connectionString: process.env.DATABASE_URL });
    await plainOwner.connect();
    try {
      await expect(plainOwner.query(`update audit_events set action = 'x' where organization_id = $1`, [org.id])).rejects.toThrow(/append-only/);
      await expect(plainOwner.query(`delete from audit_events where organization_id = $1`, [org.id])).rejects.toThrow(/append-only/);
    } finally {
      await plainOwner.end();
    }
  });
});

describe("concurrent writers (S12)", () => {
  it("many parallel writers and API requests leave one unbroken chain", async () => {
    const org = await chainOf(0);
    const cookie = await signIn(org.agent);
    await Promise.all([
      ...Array.from({ length: 40 }, (_, i) =>
        db().transaction((tx) => appendAuditEvent(tx, { organizationId: org.id, actorId: null, action: "parallel", targetType: "test", data: { i } })),
      ),
      ...Array.from({ length: 10 }, (_, i) => callJson("POST", "/api/tickets", { cookie, body: { title: `parallel ${i}` } })),
    ]);
    const result = await verify(org.id);
    expect(result.ok).toBe(true);
    expect(result.lastSeq).toBe(result.checkedEvents);
    // Other side effects of ticket creation (SLA) may add events; ours must all be in the one chain.
    const { rows } = await owner.query(`select action, count(*)::int as n from audit_events where organization_id = $1 group by action`, [org.id]);
    const counts = Object.fromEntries(rows.map((r) => [r.action, r.n]));
    expect(counts).toMatchObject({ parallel: 40, "ticket.created": 10 });
  });
});

describe("retention (S12)", () => {
  it("old events are pruned, the pruning is recorded, and the rest still verifies", async () => {
    const org = await createOrg("audit-retention");
    // Old events can only be written by the owner now: the app's carry the database's time (migration 0011).
    for (let i = 0; i < 3; i++) await ownerAppendAt(owner, org.id, new Date("2025-01-01T00:00:00Z"), { action: "old" });
    for (let i = 0; i < 2; i++)
      await db().transaction((tx) => appendAuditEvent(tx, { organizationId: org.id, actorId: null, action: "new", targetType: "test" }));
    // The database chooses the cut-off from the retention setting (issue 9 item 3): 30 days before now.
    await owner.query(`update audit_chain_heads set retention_days = 30 where organization_id = $1`, [org.id]);
    const pruned = await pruneAuditEvents(org.id);
    expect(pruned).toEqual({ removed: 3 });
    const result = await verify(org.id);
    expect(result).toMatchObject({ ok: true, anchorSeq: 3, checkedEvents: 3, lastSeq: 6 });
    const { rows } = await owner.query(`select action from audit_events where organization_id = $1 order by seq`, [org.id]);
    expect(rows.map((r) => r.action)).toEqual(["new", "new", "audit.pruned"]);
  });
});

describe("denied attempts are recorded (S12)", () => {
  it("a 404 on another tenant's ticket and a failed sign-in land in the audit chain", async () => {
    const [home, other] = await Promise.all([createOrg("denied-home"), createOrg("denied-other")]);
    const otherCookie = await signIn(other.agent);
    const foreign = await callJson("POST", "/api/tickets", { cookie: otherCookie, body: { title: "not yours" } });
    const cookie = await signIn(home.agent);
    expect((await callJson("GET", `/api/tickets/${foreign.body.id}`, { cookie })).status).toBe(404);
    await callJson("POST", "/api/auth/sign-in/email", { body: { email: home.admin.email, password: "wrong-password-000" }, headers: fromIp("203.0.113.77") });
    await settleSecurityAudits(); // written off the response's timing path (issue 9 item 9)

    const list = await callJson("GET", "/api/admin/audit?limit=50", { cookie: await signIn(home.admin) });
    const actions = list.body.items.map((e: { action: string }) => e.action);
    expect(actions).toContain("access.denied");
    expect(actions).toContain("auth.sign_in_failed");
    const denied = list.body.items.find((e: { action: string }) => e.action === "access.denied");
    expect(denied).toMatchObject({ actorId: home.agent.id, targetId: `/api/tickets/${foreign.body.id}`, data: { status: 404 } });
    const failed = list.body.items.find((e: { action: string }) => e.action === "auth.sign_in_failed");
    expect(failed).toMatchObject({ targetId: home.admin.id, ip: "203.0.113.77" });
    expect((await verify(home.id)).ok).toBe(true);
  });

  it("the admin verify action reports the result and records a checkpoint", async () => {
    const org = await createOrg("verify-action");
    const admin = await signIn(org.admin);
    await callJson("POST", "/api/tickets", { cookie: admin, body: { title: "something to audit" } });
    const res = await callJson("POST", "/api/admin/audit/verify", { cookie: admin, body: {} });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ ok: true, organizationId: org.id, problem: null });
    expect((await callJson("POST", "/api/admin/audit/verify", { cookie: await signIn(org.agent), body: {} })).status).toBe(403);
  });
});
