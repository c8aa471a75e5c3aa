// Issue 9 item 3 (S12, S14): the app's database role must not be able to erase an organization's audit
// trail undetected. Attacks run as the app (the pool's helpdesk_app role), as a proper member-only login
// trying RESET ROLE / SET ROLE, and as the owner moving the anchor behind a signed checkpoint. Migration
// 0011: the app role cannot choose an event's time either (backdated, future-dated, reused, stale).
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { enforceLoginRole, inspectLoginRole } from "@/db/login-role-check";
import { appendAuditEvent } from "@/db/audit-chain/append";
import { auditEventHash, canonicalJson } from "@/db/audit-chain/hash";
import { FileCheckpointStore, signCheckpoint } from "@/domain/audit/checkpoints";
import { pruneAuditEvents, pruneIfIntact } from "@/domain/audit/prune-audit-events";
import { verifyAndCheckpoint } from "@/domain/audit/verify-and-checkpoint";
import { verifyAuditChain } from "@/domain/audit/verify-chain";
import { fixedClock, setClock } from "@/lib/clock";
import { createOrg } from "../support/factory";
import { ownerAppendAt } from "../support/owner-audit";
import { ownerConnection } from "../support/owner-db";

let owner: pg.Client;
const store = new FileCheckpointStore(mkdtempSync(path.join(tmpdir(), "audit-hardening-cp-")));
const createdRoles: string[] = [];

beforeAll(async () => {
  owner = await ownerConnection();
});
afterAll(async () => {
  for (const role of createdRoles) await owner.query(`drop role if exists ${role}`);
  await owner.end();
});

async function append(orgId: string, n: number, action = "ticket.updated") {
  for (let i = 1; i <= n; i++) {
    await db().transaction((tx) =>
      appendAuditEvent(tx, { organizationId: orgId, actorId: null, action, targetType: "ticket", targetId: `t${i}`, data: { i } }),
    );
  }
}

/**
 * A chain of `old` events dated 2025 (outside a 30-day window) followed by `recent` ones. Only the owner
 * can date an event (migration 0011): the old ones are the owner's, the recent ones the app's.
 */
async function orgWithChain(old: number, recent: number, retentionDays: number | null = 30) {
  const org = await createOrg("audit-hard");
  for (let i = 1; i <= old; i++) {
    await ownerAppendAt(owner, org.id, new Date("2025-01-01T00:00:00Z"), { action: "old", targetType: "ticket", targetId: `t${i}`, data: { i } });
  }
  await append(org.id, recent, "recent");
  await owner.query(`update audit_chain_heads set retention_days = $2 where organization_id = $1`, [org.id, retentionDays]);
  return org;
}

const refused = (q: Promise<unknown>) =>
  q.then(
    () => "accepted",
    (e: Error & { cause?: Error }) => e.cause?.message ?? e.message,
  );
const eventCount = async (orgId: string) => Number((await owner.query(`select count(*) from audit_events where organization_id = $1`, [orgId])).rows[0].count);

/** A login role for this run (roles are cluster-wide, so it is dropped afterwards). */
async function loginRole(options: string) {
  const name = `hd_login_${randomBytes(4).toString("hex")}`;
  const password = randomBytes(12).toString("hex");
  await owner.query(`create role ${name} login password '${password}' ${options}`);
  createdRoles.push(name);
  const url = new URL(process.env.DATABASE_URL!);
  url.username = name;
  url.password = password;
  return { name, url: url.toString() };
}

describe("audit_prune chooses its own cut-off (issue 9 item 3, S12)", () => {
  it("as the app role, no cut-off variant removes events inside the retention window", async () => {
    const org = await orgWithChain(0, 5);
    const other = await orgWithChain(0, 3, null);
    // The old two-argument signature (the quoted attack), a huge, a negative and a text cut-off: gone.
    for (const cut of [sql`5::bigint`, sql`9223372036854775807::bigint`, sql`-1`, sql`'infinity'`]) {
      expect(await refused(db().execute(sql`select audit_prune(${org.id}::uuid, ${cut})`))).toMatch(/does not exist/);
    }
    // The one-argument form removes nothing inside the window, for this organization or another one.
    expect((await db().execute<{ n: number }>(sql`select audit_prune(${org.id}::uuid) as n`)).rows[0]!.n).toBe(0);
    expect(await refused(db().execute(sql`select audit_prune(${other.id}::uuid)`))).toMatch(/no audit retention/);
    // Shortening the window first is refused too: below the admin form's floor, or by writing the head.
    expect(await refused(db().execute(sql`select audit_set_retention(${org.id}::uuid, 1)`))).toMatch(/between 30 and 3650/);
    expect(await refused(db().execute(sql`select audit_set_retention(${org.id}::uuid, 0)`))).toMatch(/between 30 and 3650/);
    expect(await refused(db().execute(sql`update audit_chain_heads set retention_days = 1 where organization_id = ${org.id}`))).toMatch(/permission denied/);
    expect((await pruneAuditEvents(org.id)).removed).toBe(0);
    expect(await eventCount(org.id)).toBe(5);
    expect(await eventCount(other.id)).toBe(3);
    expect(await verifyAuditChain(db(), org.id)).toMatchObject({ ok: true, checkedEvents: 5, anchorSeq: 0 });
  });

  it("one backdated event (only the owner can still write one) makes nothing before it prunable (outside review)", async () => {
    const org = await orgWithChain(2, 4);
    // A correctly linked event dated 2020 and one dated 1970: before 0009, pruning then removed every event up to it.
    await ownerAppendAt(owner, org.id, new Date("2020-01-01T00:00:00Z"), { action: "system.maintenance" });
    await ownerAppendAt(owner, org.id, new Date("1970-01-01T00:00:00Z"), { action: "system.maintenance" });
    await append(org.id, 1, "recent");
    // Only the two genuinely old events at the start of the chain go; today's and the backdated ones stay.
    expect(await pruneAuditEvents(org.id)).toEqual({ removed: 2 });
    expect(await pruneAuditEvents(org.id)).toEqual({ removed: 0 });
    expect(await eventCount(org.id)).toBe(4 + 2 + 1 + 1); // + the audit.pruned record
    // And the verifier names the first backdated event (migration 0011).
    expect(await verifyAuditChain(db(), org.id)).toMatchObject({ ok: false, anchorSeq: 2, problem: { kind: "time_went_backwards", seq: 7 } });
  });

  it("the newest event is never pruned, even when every event is older than the window", async () => {
    const org = await orgWithChain(4, 0);
    expect(await pruneAuditEvents(org.id)).toEqual({ removed: 3 });
    const { rows } = await owner.query(`select seq, action, data from audit_events where organization_id = $1 order by seq`, [org.id]);
    expect(rows.map((r) => r.action)).toEqual(["old", "audit.pruned"]);
    expect(rows[1].data).toMatchObject({ removed: 3, throughSeq: 3, retentionDays: 30 });
    expect(await verifyAuditChain(db(), org.id)).toMatchObject({ ok: true, anchorSeq: 3, checkedEvents: 2, lastSeq: 5 });
  });

  it("a pruning records itself, the chain verifies, and a checkpoint older than the window still agrees", async () => {
    const org = await orgWithChain(3, 0);
    const restore = setClock(fixedClock(new Date("2025-01-02T00:00:00Z")));
    try {
      expect((await verifyAndCheckpoint(org.id, store)).ok).toBe(true); // signed at seq 3, in 2025
    } finally {
      restore();
    }
    await append(org.id, 2, "recent");
    const {
      rows: [anchorEvent],
    } = await owner.query(`select hash from audit_events where organization_id = $1 and seq = 3`, [org.id]);
    expect(await pruneAuditEvents(org.id)).toEqual({ removed: 3 });
    const { rows } = await owner.query(`select action, data from audit_events where organization_id = $1 order by seq`, [org.id]);
    expect(rows.map((r) => r.action)).toEqual(["recent", "recent", "audit.pruned"]);
    expect(rows[2].data).toMatchObject({ removed: 3, throughSeq: 3, anchorHash: anchorEvent.hash });
    const result = await verifyAuditChain(db(), org.id, await store.latest(org.id));
    expect(result).toMatchObject({ ok: true, anchorSeq: 3, checkedEvents: 3, lastSeq: 6, checkpointSeq: 3, problem: null });
    // And the next checkpoint covers the pruned chain.
    expect((await verifyAndCheckpoint(org.id, store)).ok).toBe(true);
    expect((await store.latest(org.id))!.seq).toBe(6);
  });

  it("the scheduled retention does not prune a chain that no longer verifies (it would erase the evidence)", async () => {
    const org = await orgWithChain(3, 2);
    await owner.query(`update audit_events set data = '{"i": 99}' where organization_id = $1 and seq = 2`, [org.id]);
    expect(await pruneIfIntact(org.id, store)).toEqual({ removed: 0, skipped: "hash_mismatch" });
    expect(await eventCount(org.id)).toBe(5);
    expect((await verifyAuditChain(db(), org.id)).problem).toMatchObject({ kind: "hash_mismatch", seq: 2 });
  });

  it("the database's hash encoding is the verifier's, byte for byte", async () => {
    const samples: unknown[] = [
      { b: 1, a: [3, 2, { z: null, y: true }], aa: "x", B: false, _: -17, é: "ü" },
      { text: 'quote " backslash \\ newline \n tab \t ctrl \u0001 \u001f emoji 😀 line-sep \u2028', n: 12345678901234, f: 1.5 },
      [],
      {},
      "plain",
      null,
    ];
    for (const value of samples) {
      const { rows } = await owner.query(`select audit_canonical_json($1::jsonb) as c`, [JSON.stringify(value)]);
      expect(rows[0].c).toBe(canonicalJson(value));
    }
  });
});

describe("the app role cannot write the chain head or the events (issue 9 item 3, S12)", () => {
  it("direct INSERT/UPDATE/DELETE/TRUNCATE are refused; appends must link to the head; reserved actions are the database's", async () => {
    const org = await orgWithChain(0, 3);
    const fresh = await createOrg("audit-hard-fresh");
    for (const attack of [
      sql`update audit_chain_heads set anchor_seq = last_seq, anchor_hash = last_hash where organization_id = ${org.id}`,
      sql`update audit_chain_heads set last_seq = 0 where organization_id = ${org.id}`,
      sql`insert into audit_chain_heads (organization_id) values (${fresh.id})`,
      sql`delete from audit_chain_heads where organization_id = ${org.id}`,
      sql`truncate audit_chain_heads`,
      sql`insert into audit_events (organization_id, seq, action, target_type, prev_hash, hash) values (${org.id}, 4, 'x', 'x', '', '')`,
      sql`delete from audit_events where organization_id = ${org.id}`,
      sql`select audit_append_internal(${org.id}::uuid, 'audit.pruned', 'audit', '{}'::jsonb)`,
    ]) {
      expect(await refused(db().execute(attack))).toMatch(/permission denied/);
    }
    const forge = (seq: number, prev: string, action = "ticket.updated") =>
      db().transaction(async (tx) => {
        await tx.execute(sql`select * from audit_chain_next(${org.id}::uuid)`);
        await tx.execute(
          sql`select audit_append(${org.id}::uuid, ${seq}::bigint, ${prev}::varchar, ${"a".repeat(64)}::varchar, null, ${action}::varchar, 'x'::varchar, null, '{}'::jsonb, null, null, now())`,
        );
      });
    const {
      rows: [head],
    } = await owner.query(`select last_seq, last_hash from audit_chain_heads where organization_id = $1`, [org.id]);
    expect(await refused(forge(Number(head.last_seq) + 5, head.last_hash))).toMatch(/does not follow the chain head/); // skip ahead
    expect(await refused(forge(Number(head.last_seq), head.last_hash))).toMatch(/does not follow the chain head/); // overwrite
    expect(await refused(forge(Number(head.last_seq) + 1, "0".repeat(64)))).toMatch(/does not follow the chain head/); // fork
    expect(await refused(forge(Number(head.last_seq) + 1, head.last_hash, "audit.pruned"))).toMatch(/written by the database only/);
    expect(await verifyAuditChain(db(), org.id)).toMatchObject({ ok: true, checkedEvents: 3, headSeq: 3 });
  });

  it("a member-only login cannot regain rights with RESET ROLE, SET ROLE or SET SESSION AUTHORIZATION", async () => {
    const org = await orgWithChain(0, 2);
    const login = await loginRole("in role helpdesk_app");
    const app = new pg.Client({ connectionString: login.url, options: "-c role=helpdesk_app" });
    await app.connect();
    const q = (text: string) =>
      app.query(text).then(
        () => "accepted",
        (e: Error) => e.message,
      );
    try {
      expect(await q("reset role")).toBe("accepted");
      expect(await q(`update audit_chain_heads set anchor_seq = last_seq where organization_id = '${org.id}'`)).toMatch(/permission denied/);
      expect(await q(`delete from audit_events where organization_id = '${org.id}'`)).toMatch(/permission denied/);
      expect(await q("set role postgres")).toMatch(/permission denied/);
      expect(await q("set session authorization postgres")).toMatch(/permission denied/);
      expect(await q("set session_replication_role = replica")).toMatch(/permission denied/);
      expect(await q(`select set_config('helpdesk.audit_prune_org', '${org.id}', false)`)).toBe("accepted");
      expect(await q(`delete from audit_events where organization_id = '${org.id}'`)).toMatch(/permission denied/);
      expect(await q(`alter table audit_events disable trigger all`)).toMatch(/must be owner/);
    } finally {
      await app.end();
    }
    expect(await eventCount(org.id)).toBe(2);
    // The start-up check accepts exactly this kind of login, in production too.
    expect((await inspectLoginRole(login.url, "helpdesk_app")).problems).toEqual([]);
    await expect(enforceLoginRole({ databaseUrl: login.url, appRole: "helpdesk_app", production: true, warn: () => undefined })).resolves.toBeTruthy();
  });
});

describe("the database chooses every audit event's time (issue 9 item 3 gap, migration 0011, S12)", () => {
  const ISO = sql.raw(`'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'`);
  /** The last event's time as the app role can read it. */
  const headTime = async (orgId: string) =>
    new Date((await owner.query(`select created_at from audit_events where organization_id = $1 order by seq desc limit 1`, [orgId])).rows[0].created_at);

  /**
   * As the app role: takes the next link with audit_chain_next() (unless `skipNext`), then appends a
   * correctly hashed event dated by `pick` — the attacker controls everything the function does not check.
   */
  async function appendAs(orgId: string, pick: (linkAt: Date) => Date, link?: { seq: number; prevHash: string }) {
    return db().transaction(async (tx) => {
      let next = link;
      let linkAt = new Date();
      if (!next) {
        const { rows } = await tx.execute<{ seq: string; prev_hash: string; at: string }>(
          sql`select seq, prev_hash, to_char(created_at at time zone 'UTC', ${ISO}) as at from audit_chain_next(${orgId}::uuid)`,
        );
        next = { seq: Number(rows[0]!.seq), prevHash: rows[0]!.prev_hash };
        linkAt = new Date(rows[0]!.at);
      }
      const e = {
        organizationId: orgId,
        seq: next.seq,
        actorId: null,
        action: "ticket.deleted",
        targetType: "ticket",
        targetId: "t1",
        data: {},
        ip: null,
        userAgent: null,
        createdAt: pick(linkAt),
        prevHash: next.prevHash,
      };
      await tx.execute(
        sql`select audit_append(${orgId}::uuid, ${e.seq}::bigint, ${e.prevHash}::varchar, ${auditEventHash(e)}::varchar, null, ${e.action}::varchar,
          ${e.targetType}::varchar, ${e.targetId}::text, '{}'::jsonb, null, null, ${e.createdAt.toISOString()}::timestamptz)`,
      );
    });
  }

  it("as the app role, a backdated, far-future, head-minus-1-ms or 1-ms-late time is refused; the link's own time is accepted", async () => {
    const org = await orgWithChain(0, 3);
    const head = await headTime(org.id);
    const variants: [string, (linkAt: Date) => Date][] = [
      ["a day back", (at) => new Date(at.getTime() - 86_400_000)],
      ["1970", () => new Date(0)],
      ["a year ahead", (at) => new Date(at.getTime() + 365 * 86_400_000)],
      ["the head's time minus 1 ms", () => new Date(head.getTime() - 1)],
      ["1 ms after the link's time", (at) => new Date(at.getTime() + 1)],
    ];
    for (const [name, pick] of variants) {
      expect(await refused(appendAs(org.id, pick)), name).toMatch(/audit event time is the database's/);
    }
    expect(await eventCount(org.id)).toBe(3);
    // The control: the same call with the time audit_chain_next() gave goes through, and the chain verifies.
    expect(await refused(appendAs(org.id, (at) => at))).toBe("accepted");
    expect(await verifyAuditChain(db(), org.id)).toMatchObject({ ok: true, checkedEvents: 4, timeOrderFromSeq: 1 });
  });

  it("as the app role, a time not taken by audit_chain_next() in the same transaction is refused (no reuse of an old link)", async () => {
    const org = await orgWithChain(0, 2);
    // A link taken (and its time left in the head) by a transaction that then commits without appending...
    const {
      rows: [link],
    } = await db().execute<{ seq: string; prev_hash: string; at: string }>(
      sql`select seq, prev_hash, to_char(created_at at time zone 'UTC', ${ISO}) as at from audit_chain_next(${org.id}::uuid)`,
    );
    const stale = { seq: Number(link!.seq), prevHash: link!.prev_hash };
    // ...is not usable later, with its own time or any other.
    expect(await refused(appendAs(org.id, () => new Date(link!.at), stale))).toMatch(/taken by audit_chain_next\(\) in the same transaction/);
    expect(await refused(appendAs(org.id, () => new Date(), stale))).toMatch(/taken by audit_chain_next\(\) in the same transaction/);
    // After an append the head holds no time at all: skipping audit_chain_next() is refused too.
    await append(org.id, 1);
    const {
      rows: [h],
    } = await owner.query(`select last_seq, last_hash, next_at from audit_chain_heads where organization_id = $1`, [org.id]);
    expect(h.next_at).toBeNull();
    expect(await refused(appendAs(org.id, () => new Date(), { seq: Number(h.last_seq) + 1, prevHash: h.last_hash }))).toMatch(
      /taken by audit_chain_next\(\) in the same transaction/,
    );
    expect(await verifyAuditChain(db(), org.id)).toMatchObject({ ok: true, checkedEvents: 3 });
  });

  it("the fake clock of the app no longer dates audit events: appendAuditEvent stores the database's time", async () => {
    const org = await orgWithChain(0, 1);
    for (const when of ["2020-01-01T00:00:00Z", "2100-01-01T00:00:00Z", "1970-01-01T00:00:00Z"]) {
      const restore = setClock(fixedClock(new Date(when)));
      try {
        await append(org.id, 1, "system.maintenance");
      } finally {
        restore();
      }
    }
    const { rows } = await owner.query(
      `select seq, extract(epoch from (clock_timestamp() - created_at)) as age from audit_events where organization_id = $1 order by seq`,
      [org.id],
    );
    for (const r of rows) expect(Math.abs(Number(r.age)), `event ${r.seq}`).toBeLessThan(30);
    expect(await verifyAuditChain(db(), org.id)).toMatchObject({ ok: true, checkedEvents: 4 });
  });

  it("a link older than 60 seconds is refused even in its own transaction (the owner ages it; the app role cannot)", async () => {
    const org = await orgWithChain(0, 1);
    await owner.query("begin");
    try {
      await owner.query(`select * from audit_chain_next($1)`, [org.id]);
      const {
        rows: [h],
      } = await owner.query(
        `update audit_chain_heads set next_at = next_at - interval '61 seconds' where organization_id = $1 returning last_seq, last_hash, next_at`,
        [org.id],
      );
      await expect(
        owner.query(`select audit_append($1, $2, $3, $4, null, 'ticket.deleted', 'ticket', null, '{}', null, null, $5)`, [
          org.id,
          Number(h.last_seq) + 1,
          h.last_hash,
          "a".repeat(64),
          h.next_at,
        ]),
      ).rejects.toThrow(/audit event time is stale/);
    } finally {
      await owner.query("rollback");
    }
    expect(await eventCount(org.id)).toBe(1);
  });

  it("the app role cannot write event times or the head's time fields directly, nor call the clock function", async () => {
    const org = await orgWithChain(0, 2);
    for (const attack of [
      sql`insert into audit_events (organization_id, seq, action, target_type, prev_hash, hash, created_at) values (${org.id}, 3, 'x', 'x', '', '', '2020-01-01')`,
      sql`update audit_events set created_at = created_at - interval '1 day' where organization_id = ${org.id}`,
      sql`update audit_chain_heads set next_at = '2020-01-01' where organization_id = ${org.id}`,
      sql`update audit_chain_heads set next_xact = 1 where organization_id = ${org.id}`,
      sql`update audit_chain_heads set db_time_from_seq = 1000 where organization_id = ${org.id}`,
      sql`select audit_next_event_time(${org.id}::uuid)`,
    ]) {
      expect(await refused(db().execute(attack))).toMatch(/permission denied/);
    }
    expect(await verifyAuditChain(db(), org.id)).toMatchObject({ ok: true, checkedEvents: 2 });
  });

  it("the database's own events take their time after the head lock, not at transaction start (no backwards retention record)", async () => {
    const org = await orgWithChain(0, 1);
    // A transaction starts (now() is fixed from here), another one appends, then the first changes the retention.
    await db().transaction(async (tx) => {
      await tx.execute(sql`select now()`);
      await append(org.id, 1, "meanwhile");
      await new Promise((r) => setTimeout(r, 20));
      await tx.execute(sql`select audit_set_retention(${org.id}::uuid, 90)`);
    });
    const { rows } = await owner.query(`select action, created_at from audit_events where organization_id = $1 order by seq`, [org.id]);
    expect(rows.map((r) => r.action)).toEqual(["recent", "meanwhile", "audit.retention_changed"]);
    expect(rows[2].created_at.getTime()).toBeGreaterThanOrEqual(rows[1].created_at.getTime());
    expect(await verifyAuditChain(db(), org.id)).toMatchObject({ ok: true, checkedEvents: 3 });
  });
});

describe("checkpoints signed before they carried eventAt are handled by name (issue 9 item 3 gap, S12)", () => {
  /** A checkpoint as signed before migration 0008's release: no eventAt. */
  async function legacyCheckpoint(orgId: string, seq: number, at: Date) {
    const {
      rows: [e],
    } = await owner.query(`select hash from audit_events where organization_id = $1 and seq = $2`, [orgId, seq]);
    return signCheckpoint({ organizationId: orgId, seq, hash: e.hash, at: at.toISOString() });
  }

  it("its event still in the chain: verifies; pruned past it: fine when signed before the window, named when signed inside it", async () => {
    const present = await orgWithChain(3, 2);
    expect(await verifyAuditChain(db(), present.id, await legacyCheckpoint(present.id, 4, new Date()))).toMatchObject({ ok: true, checkpointSeq: 4 });

    // Signed in 2025: its event is at least that old, outside the 30-day window, so pruning past it was allowed.
    const signedLongAgo = await orgWithChain(3, 2);
    const old = await legacyCheckpoint(signedLongAgo.id, 3, new Date("2025-01-02T00:00:00Z"));
    expect(await pruneAuditEvents(signedLongAgo.id)).toEqual({ removed: 3 });
    expect(await verifyAuditChain(db(), signedLongAgo.id, old)).toMatchObject({ ok: true, anchorSeq: 3, checkpointSeq: 3 });

    // Signed yesterday: the event may be older than the window or not; the verifier says it cannot tell.
    const signedRecently = await orgWithChain(3, 2);
    const recent = await legacyCheckpoint(signedRecently.id, 3, new Date(Date.now() - 86_400_000));
    expect(await pruneAuditEvents(signedRecently.id)).toEqual({ removed: 3 });
    expect((await verifyAuditChain(db(), signedRecently.id, recent)).problem).toMatchObject({ kind: "checkpoint_event_time_unknown", seq: 3 });

    // A keep-forever chain: no event may go, whenever the checkpoint was signed.
    const forever = await orgWithChain(3, 2, null);
    const cp = await legacyCheckpoint(forever.id, 3, new Date("2025-01-02T00:00:00Z"));
    const {
      rows: [e],
    } = await owner.query(`select hash from audit_events where organization_id = $1 and seq = 3`, [forever.id]);
    await owner.query(`delete from audit_events where organization_id = $1 and seq <= 3`, [forever.id]);
    await owner.query(`update audit_chain_heads set anchor_seq = 3, anchor_hash = $2 where organization_id = $1`, [forever.id, e.hash]);
    await owner.query(`select audit_append_internal($1, 'audit.pruned', 'audit', $2::jsonb)`, [
      forever.id,
      JSON.stringify({ removed: 3, throughSeq: 3, anchorHash: e.hash }),
    ]);
    expect((await verifyAuditChain(db(), forever.id, cp)).problem).toMatchObject({ kind: "anchor_past_checkpoint", seq: 3 });
  });

  it("the scheduled retention signs a checkpoint with eventAt before pruning, so it never passes a legacy one", async () => {
    const org = await orgWithChain(3, 2);
    const legacyStore = new FileCheckpointStore(mkdtempSync(path.join(tmpdir(), "audit-legacy-cp-")));
    await legacyStore.append(await legacyCheckpoint(org.id, 3, new Date(Date.now() - 86_400_000)));
    expect(await pruneIfIntact(org.id, legacyStore)).toEqual({ removed: 3 });
    const latest = (await legacyStore.latest(org.id))!;
    expect(latest).toMatchObject({ seq: 5, eventAt: expect.any(String) });
    expect(await verifyAuditChain(db(), org.id, latest)).toMatchObject({ ok: true, anchorSeq: 3, checkpointSeq: 5 });
  });
});

describe("the verifier catches an anchor moved behind a signed checkpoint (issue 9 item 3, S12)", () => {
  /** The owner (triggers off) removes events through `seq` and points the anchor at it. */
  async function moveAnchor(orgId: string, seq: number) {
    const {
      rows: [e],
    } = await owner.query(`select hash from audit_events where organization_id = $1 and seq = $2`, [orgId, seq]);
    await owner.query(`delete from audit_events where organization_id = $1 and seq <= $2`, [orgId, seq]);
    await owner.query(`update audit_chain_heads set anchor_seq = $2, anchor_hash = $3 where organization_id = $1`, [orgId, seq, e.hash]);
    return e.hash as string;
  }

  it("the quoted attack — every event removed, anchor at the head — is no longer 'ok with 0 events'", async () => {
    const org = await orgWithChain(0, 6);
    expect((await verifyAndCheckpoint(org.id, store)).ok).toBe(true);
    await moveAnchor(org.id, 6);
    // No audit.pruned event explains the moved anchor: named with or without the checkpoint.
    const withCheckpoint = await verifyAuditChain(db(), org.id, await store.latest(org.id));
    expect(withCheckpoint).toMatchObject({ ok: false, checkedEvents: 0, problem: { kind: "unrecorded_prune", seq: 6 } });
    expect(await verifyAuditChain(db(), org.id)).toMatchObject({ ok: false, checkedEvents: 0, problem: { kind: "unrecorded_prune", seq: 6 } });
    // verifyAndCheckpoint reports it and signs no checkpoint over the emptied chain.
    expect((await verifyAndCheckpoint(org.id, store)).ok).toBe(false);
    expect((await store.latest(org.id))!.seq).toBe(6);
  });

  it("a forged 'audit.pruned' record does not excuse removing events inside the retention window", async () => {
    const org = await orgWithChain(0, 5);
    expect((await verifyAndCheckpoint(org.id, store)).ok).toBe(true);
    const hash = await moveAnchor(org.id, 5);
    await owner.query(`select audit_append_internal($1, 'audit.pruned', 'audit', $2::jsonb)`, [
      org.id,
      JSON.stringify({ removed: 5, throughSeq: 5, anchorHash: hash }),
    ]);
    expect((await verifyAuditChain(db(), org.id)).ok).toBe(true); // the chain alone looks consistent...
    const result = await verifyAuditChain(db(), org.id, await store.latest(org.id));
    expect(result.problem).toMatchObject({ kind: "anchor_past_checkpoint", seq: 5 }); // ...the checkpoint says otherwise
  });

  it("an anchor moved beyond an older checkpoint of a keep-forever chain is named", async () => {
    const org = await orgWithChain(3, 0, null);
    const restore = setClock(fixedClock(new Date("2025-01-02T00:00:00Z")));
    try {
      expect((await verifyAndCheckpoint(org.id, store)).ok).toBe(true); // checkpoint at 3, long ago
    } finally {
      restore();
    }
    await append(org.id, 4, "recent");
    const hash = await moveAnchor(org.id, 5);
    await owner.query(`select audit_append_internal($1, 'audit.pruned', 'audit', $2::jsonb)`, [
      org.id,
      JSON.stringify({ removed: 5, throughSeq: 5, anchorHash: hash }),
    ]);
    const result = await verifyAuditChain(db(), org.id, await store.latest(org.id));
    expect(result.problem).toMatchObject({ kind: "anchor_past_checkpoint", seq: 3 });
  });

  it("an anchor at the checkpoint with another hash is a mismatch", async () => {
    const org = await orgWithChain(3, 2);
    // An old checkpoint at seq 3 (outside the window): pruning through it is legitimate, a different anchor is not.
    const cp = { organizationId: org.id, seq: 3, hash: "b".repeat(64), at: "2025-01-02T00:00:00.000Z", eventAt: "2025-01-01T00:00:00.000Z" };
    expect(await pruneAuditEvents(org.id)).toEqual({ removed: 3 });
    const result = await verifyAuditChain(db(), org.id, signCheckpoint(cp));
    expect(result.problem).toMatchObject({ kind: "checkpoint_mismatch", seq: 3 });
  });
});

describe("start-up refuses a login role that can bypass the app role (issue 9 item 3, S14)", () => {
  it("a superuser DATABASE_URL is refused in production and named, and only warned about elsewhere", async () => {
    const url = process.env.DATABASE_URL!;
    const superuser = new URL(url).username;
    await expect(enforceLoginRole({ databaseUrl: url, appRole: "helpdesk_app", production: true, warn: () => undefined })).rejects.toThrow(
      new RegExp(`cannot start: the DATABASE_URL login role "${superuser}" is a superuser.*RESET ROLE.*MIGRATION_DATABASE_URL`),
    );
    const warnings: string[] = [];
    await enforceLoginRole({ databaseUrl: url, appRole: "helpdesk_app", production: false, warn: (m) => warnings.push(m) });
    expect(warnings.join("\n")).toMatch(/is a superuser/);
  });

  it("a login that is also a member of the owner, has BYPASSRLS or can write the audit tables is refused", async () => {
    const ownerName = (await owner.query(`select tableowner from pg_tables where tablename = 'audit_events'`)).rows[0].tableowner as string;
    const memberOfOwner = await loginRole(`in role helpdesk_app, ${ownerName}`);
    const bypass = await loginRole("bypassrls in role helpdesk_app");
    const writer = await loginRole("in role helpdesk_app");
    await owner.query(`grant update on audit_chain_heads to ${writer.name}`);
    const check = (u: string) => enforceLoginRole({ databaseUrl: u, appRole: "helpdesk_app", production: true, warn: () => undefined });
    await expect(check(memberOfOwner.url)).rejects.toThrow(new RegExp(`"${memberOfOwner.name}" owns .*audit_events.*member of ${ownerName}`));
    await expect(check(bypass.url)).rejects.toThrow(/has BYPASSRLS/);
    await expect(check(writer.url)).rejects.toThrow(/can write audit_chain_heads directly/);
    await owner.query(`revoke update on audit_chain_heads from ${writer.name}`);
  });

  it.each(["scripts/worker.ts", "scripts/serve.ts"])(
    "%s exits with the message in production on a superuser URL",
    async (script) => {
      const env: NodeJS.ProcessEnv = {
        PATH: process.env.PATH,
        NODE_ENV: "production",
        APP_ENV: "production",
        DATABASE_URL: process.env.DATABASE_URL,
        BETTER_AUTH_SECRET: randomBytes(32).toString("hex"),
        APP_URL: "https://help.example.com",
        LOG_LEVEL: "silent",
      };
      const child = spawn(process.execPath, ["--import", "tsx", script], { env, stdio: ["ignore", "pipe", "pipe"] });
      let stderr = "";
      child.stderr.on("data", (d) => (stderr += String(d)));
      const code = await new Promise<number | null>((resolve) => child.on("exit", resolve));
      expect(code).toBe(1);
      expect(stderr).toMatch(/Helpdesk cannot start: the DATABASE_URL login role ".+" is a superuser/);
    },
    60_000,
  );
});
