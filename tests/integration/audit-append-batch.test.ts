// Issue 15 (S12): the chain's append is one statement (audit_append_batch) and audited transactions commit
// asynchronously behind a durability barrier. Concurrent creates in one organization must leave one
// gap-free chain; nothing the app role passes can place, date or link an event itself; pieces that lie
// about the content are named by the verifier; and the caller goes on only once its commit is on disk.
import { sql } from "drizzle-orm";
import type pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { actorForUser } from "@/auth/system-actor";
import { appendAuditEvent } from "@/db/audit-chain/append";
import { canonicalParts } from "@/db/audit-chain/hash";
import { db } from "@/db/client";
import { verifyAuditChain } from "@/domain/audit/verify-chain";
import { createTicket } from "@/domain/tickets/create-ticket";
import { callJson } from "../support/api";
import { createOrg, signIn } from "../support/factory";
import { ownerConnection } from "../support/owner-db";

let owner: pg.Client;
beforeAll(async () => {
  owner = await ownerConnection();
});
afterAll(async () => {
  await owner.end();
});

const refused = (q: Promise<unknown>) =>
  q.then(
    () => "accepted",
    (e: Error & { cause?: Error }) => e.cause?.message ?? e.message,
  );

/** audit_append_batch as the app role with the given arrays (one entry per event). */
function batch(orgId: string, events: { action: string; data?: Record<string, unknown>; parts?: ReturnType<typeof canonicalParts> }[]) {
  const rows = events.map((e) => ({
    organizationId: orgId,
    actorId: null,
    action: e.action,
    targetType: "t",
    targetId: null,
    data: e.data ?? {},
    ip: null,
    userAgent: null,
  }));
  const parts = events.map((e, i) => e.parts ?? canonicalParts(rows[i]!));
  const col = (values: unknown[]) => sql.param(values);
  return db().transaction((tx) =>
    tx.execute(sql`select * from audit_append_batch(${orgId}::uuid, ${col(rows.map((r) => r.actorId))}::text[], ${col(rows.map((r) => r.action))}::varchar[],
      ${col(rows.map((r) => r.targetType))}::varchar[], ${col(rows.map((r) => r.targetId))}::text[], ${col(rows.map((r) => JSON.stringify(r.data)))}::jsonb[],
      ${col(rows.map((r) => r.ip))}::varchar[], ${col(rows.map((r) => r.userAgent))}::varchar[], ${col(parts.map((p) => p.beforeTime))}::text[],
      ${col(parts.map((p) => p.beforeSeq))}::text[], ${col(parts.map((p) => p.afterSeq))}::text[])`),
  );
}

const eventCount = async (orgId: string) => Number((await owner.query("select count(*) from audit_events where organization_id = $1", [orgId])).rows[0].count);

describe("concurrent audited writes in one organization (S12, issue 15)", () => {
  it("50 parallel creates (in-process and through the API) leave one gap-free chain and gap-free ticket numbers", async () => {
    const org = await createOrg("audit-create-burst");
    const agent = actorForUser({ id: org.agent.id, role: "agent", name: "agent" }, org.id);
    const cookie = await signIn(org.agent);
    const created = await Promise.all([
      ...Array.from({ length: 40 }, (_, i) => createTicket(agent, { title: `burst ${i}`, descriptionMd: "" })),
      ...Array.from({ length: 10 }, (_, i) => callJson("POST", "/api/tickets", { cookie, body: { title: `api burst ${i}` } }).then((r) => r.body)),
    ]);
    const numbers = created.map((t) => (t as { number: number }).number).sort((a, b) => a - b);
    expect(numbers).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    const result = await verifyAuditChain(db(), org.id);
    expect(result).toMatchObject({ ok: true, problem: null });
    expect(result.lastSeq).toBe(result.checkedEvents);
    const { rows } = await owner.query(
      "select count(*)::int as n, count(distinct seq)::int as seqs, min(seq)::int as lo, max(seq)::int as hi from audit_events where organization_id = $1 and action = 'ticket.created'",
      [org.id],
    );
    expect(rows[0]).toMatchObject({ n: 50, seqs: 50 });
    // Times never go back along the chain (the database's clock, after the lock).
    const { rows: back } = await owner.query(
      "select count(*)::int as n from audit_events a join audit_events b on b.organization_id = a.organization_id and b.seq = a.seq + 1 where a.organization_id = $1 and b.created_at < a.created_at",
      [org.id],
    );
    expect(back[0].n).toBe(0);
  });

  it("an audited transaction commits asynchronously and is on disk when the caller goes on", async () => {
    const org = await createOrg("audit-durable");
    for (let i = 0; i < 5; i++) {
      let lsn = "";
      await db().transaction(async (tx) => {
        await appendAuditEvent(tx, { organizationId: org.id, actorId: null, action: "durable", targetType: "t", data: { i } });
        const { rows } = await tx.execute<{ mode: string; lsn: string }>(
          sql`select current_setting('synchronous_commit') as mode, pg_current_wal_insert_lsn()::text as lsn`,
        );
        expect(rows[0]!.mode).toBe("off");
        lsn = rows[0]!.lsn;
      });
      // The barrier ran before the transaction resolved: the WAL is flushed past everything it wrote.
      const { rows } = await db().execute<{ flushed: boolean; mode: string }>(
        sql`select pg_current_wal_flush_lsn() >= ${lsn}::pg_lsn as flushed, current_setting('synchronous_commit') as mode`,
      );
      expect(rows[0]).toEqual({ flushed: true, mode: "on" });
    }
  });
});

describe("audit_append_batch as the app role (S12, issue 15)", () => {
  it("refuses the database's own actions anywhere in a batch, and arrays of different lengths; writes nothing then", async () => {
    const org = await createOrg("audit-batch-attack");
    await batch(org.id, [{ action: "first" }]);
    for (const reserved of ["audit.pruned", "audit.retention_changed"]) {
      expect(await refused(batch(org.id, [{ action: "harmless" }, { action: reserved, data: { throughSeq: 1 } }]))).toMatch(/written by the database only/);
    }
    const short = db().transaction((tx) =>
      tx.execute(sql`select * from audit_append_batch(${org.id}::uuid, ${sql.param([null, null])}::text[], ${sql.param(["a", "b"])}::varchar[],
        ${sql.param(["t"])}::varchar[], ${sql.param([null, null])}::text[], ${sql.param(["{}", "{}"])}::jsonb[], ${sql.param([null, null])}::varchar[],
        ${sql.param([null, null])}::varchar[], ${sql.param(["x", "x"])}::text[], ${sql.param(["x", "x"])}::text[], ${sql.param(["x", "x"])}::text[])`),
    );
    expect(await refused(short)).toMatch(/one entry per event/);
    expect(await eventCount(org.id)).toBe(1);
    expect(await verifyAuditChain(db(), org.id)).toMatchObject({ ok: true, checkedEvents: 1 });
  });

  it("pieces that do not describe the stored event — a forged time, other data, another organization — are named by the verifier", async () => {
    const variants: [string, (p: ReturnType<typeof canonicalParts>) => ReturnType<typeof canonicalParts>][] = [
      ["a time of its own", (p) => ({ ...p, beforeTime: `${p.beforeTime}"2020-01-01T00:00:00.000Z","x":` })],
      ["other data", (p) => ({ ...p, beforeSeq: p.beforeSeq.replace('"data":{"n":1}', '"data":{"n":2}') })],
      [
        "another organization",
        (p) => ({ ...p, beforeSeq: p.beforeSeq.replace(/"organizationId":"[^"]+"/, '"organizationId":"00000000-0000-4000-8000-000000000000"') }),
      ],
    ];
    for (const [name, lie] of variants) {
      const org = await createOrg("audit-batch-lie");
      await batch(org.id, [{ action: "honest" }]);
      const honest = canonicalParts({
        organizationId: org.id,
        actorId: null,
        action: "lie",
        targetType: "t",
        targetId: null,
        data: { n: 1 },
        ip: null,
        userAgent: null,
      });
      await batch(org.id, [{ action: "lie", data: { n: 1 }, parts: lie(honest) }]);
      expect((await verifyAuditChain(db(), org.id)).problem, name).toMatchObject({ kind: "hash_mismatch", seq: 2 });
    }
  });
});
