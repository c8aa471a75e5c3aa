// The streamed verifier (S12, issue 15) reads the chain through COPY as raw text in one snapshot and writes
// each event's canonical JSON from that text. It must agree with the writer on every byte a hostile actor
// can put into an event, find tampering deep in a long chain (and name the event), and not mistake events
// appended while it walks for events "beyond the head".
import { sql } from "drizzle-orm";
import type pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appendAuditEvent, appendAuditEvents } from "@/db/audit-chain/append";
import { canonicalJson } from "@/db/audit-chain/hash";
import { canonicalFromJsonbText } from "@/db/audit-chain/jsonb-canonical";
import { db } from "@/db/client";
import { workerCounts } from "@/domain/audit/chain-batch-pool";
import { verifyAuditChain } from "@/domain/audit/verify-chain";
import { createOrg } from "../support/factory";
import { ownerConnection } from "../support/owner-db";

let owner: pg.Client;
beforeAll(async () => {
  owner = await ownerConnection();
});
afterAll(async () => {
  await owner.end();
});

// Everything COPY's text format escapes or could split on, everything JSON escapes, and what neither does.
const HOSTILE = [
  "tab\there",
  "new\nline",
  "carriage\rreturn",
  "back\\slash \\N \\t \\\\",
  'quote " and \\"',
  "\\N",
  "ctrl \u0001 \u0008 \u000b \u001f del \u007f",
  "unicode é ü 😀 \u2028 \u2029",
  "",
  "{}",
  "null",
];

describe("streamed audit verification (S12, issue 15)", () => {
  it("events full of tabs, line breaks, backslashes, control characters and unicode verify", async () => {
    const org = await createOrg("audit-stream");
    for (const [i, s] of HOSTILE.entries()) {
      await db().transaction((tx) =>
        appendAuditEvent(tx, {
          organizationId: org.id,
          actorId: s || null,
          action: `test.${i}`,
          targetType: s || "t",
          targetId: s,
          data: { [s || "k"]: s, nested: { list: [s, i, null, true], [`${s}2`]: { deep: s } }, n: i, f: 1.5, big: 2 ** 53 + 2, tiny: 5e-7 },
          ip: s,
          userAgent: s,
        }),
      );
    }
    await db().transaction((tx) =>
      appendAuditEvents(
        tx,
        org.id,
        HOSTILE.map((s, i) => ({ actorId: null, action: "batch", targetType: "t", targetId: `${i}`, data: { s }, userAgent: s })),
      ),
    );
    expect(await verifyAuditChain(db(), org.id)).toMatchObject({ ok: true, checkedEvents: HOSTILE.length * 2, problem: null });
  });

  it("the jsonb fast path equals the defining encoding on values PostgreSQL itself wrote", async () => {
    const texts = [
      ...HOSTILE.map((s) => JSON.stringify({ [s || "k"]: [s, { [s || "x"]: s }] })),
      '{"n": 1.0, "m": 10.5, "e": 1e21, "t": 5e-7, "big": 12345678901234567890, "neg": -0, "i": -15, "z": 0}',
      JSON.stringify({ a: { b: { c: { d: [[], {}, [null], { "": "" }] } } } }),
      JSON.stringify({ é: 1, e: 2, "😀": 3, Z: 4, aa: 5, b: 6 }),
    ];
    for (const json of texts) {
      const { rows } = await owner.query("select $1::jsonb::text as t", [json]);
      const text = rows[0].t as string;
      expect(canonicalFromJsonbText(text) ?? canonicalJson(JSON.parse(text)), text).toBe(canonicalJson(JSON.parse(text)));
    }
  });

  it("an edit deep in a long chain (beyond the first streamed chunks) is named with its event", async () => {
    const org = await createOrg("audit-stream-long");
    const events = Array.from({ length: 3000 }, (_, i) => ({
      actorId: null,
      action: "bulk",
      targetType: "t",
      targetId: `t${i}`,
      data: { i, text: "x".repeat(40) },
    }));
    for (let from = 0; from < events.length; from += 500) await db().transaction((tx) => appendAuditEvents(tx, org.id, events.slice(from, from + 500)));
    expect(await verifyAuditChain(db(), org.id)).toMatchObject({ ok: true, checkedEvents: 3000 });
    await owner.query(`update audit_events set data = '{"i": 2600, "text": "y"}' where organization_id = $1 and seq = 2601`, [org.id]);
    const { rows } = await owner.query("select id from audit_events where organization_id = $1 and seq = 2601", [org.id]);
    const result = await verifyAuditChain(db(), org.id);
    expect(result).toMatchObject({ ok: false, checkedEvents: 2600, lastSeq: 2600, problem: { kind: "hash_mismatch", seq: 2601, eventId: rows[0].id } });
    // The connection went back to the pool in order: the next verification runs as usual.
    expect((await verifyAuditChain(db(), org.id)).problem).toMatchObject({ kind: "hash_mismatch", seq: 2601 });
  });

  it("worker threads find the same tampering, named with its event, wherever the batches are cut (issue 15)", async () => {
    const org = await createOrg("audit-stream-threads");
    const events = Array.from({ length: 4000 }, (_, i) => ({
      actorId: i % 2 ? null : `user-${i}`,
      action: "bulk",
      targetType: "t",
      targetId: `t${i}`,
      data: { i, text: i % 97 ? "x".repeat(40) : HOSTILE[i % HOSTILE.length], nested: { b: [i, true], a: null } },
      userAgent: i % 13 ? "Mozilla/5.0" : HOSTILE[i % HOSTILE.length],
    }));
    for (let from = 0; from < events.length; from += 500) await db().transaction((tx) => appendAuditEvents(tx, org.id, events.slice(from, from + 500)));
    // One line per batch (every event at a boundary), batches that cut anywhere, one batch; in this thread and in two workers.
    const ways = [1, 7_000, 16_384, 1 << 22].flatMap((batchBytes) => [0, 2].map((threads) => ({ threads, batchBytes, awaitThreads: true })));
    const verifyAllWays = async () => {
      const results = [];
      for (const way of ways) {
        const before = workerCounts().batches;
        results.push(await verifyAuditChain(db(), org.id, null, way));
        if (way.threads > 0) expect(workerCounts().batches).toBeGreaterThan(before); // the workers did check
        expect(workerCounts().live).toBe(0); // and none outlives the verification
      }
      for (const r of results.slice(1)) expect(r).toEqual(results[0]);
      return results[0]!;
    };
    const idOf = async (seq: number) =>
      (await owner.query("select id from audit_events where organization_id = $1 and seq = $2", [org.id, seq])).rows[0].id as string;
    expect(await verifyAllWays()).toMatchObject({ ok: true, checkedEvents: 4000, problem: null });

    // A changed hash.
    const { rows: before } = await owner.query("select hash from audit_events where organization_id = $1 and seq = 3001", [org.id]);
    await owner.query(`update audit_events set hash = $2 where organization_id = $1 and seq = 3001`, [org.id, "0".repeat(64)]);
    expect(await verifyAllWays()).toMatchObject({ ok: false, checkedEvents: 3000, problem: { kind: "hash_mismatch", seq: 3001, eventId: await idOf(3001) } });
    await owner.query(`update audit_events set hash = $2 where organization_id = $1 and seq = 3001`, [org.id, before[0].hash]);

    // A changed data field, earlier: it is the first problem now.
    await owner.query(`update audit_events set data = jsonb_set(data, '{nested,a}', '1') where organization_id = $1 and seq = 2345`, [org.id]);
    expect(await verifyAllWays()).toMatchObject({ ok: false, checkedEvents: 2344, problem: { kind: "hash_mismatch", seq: 2345, eventId: await idOf(2345) } });

    // A missing event before it, in the middle of the chain: a gap, with no event to name.
    await owner.query(`delete from audit_events where organization_id = $1 and seq = 1500`, [org.id]);
    expect(await verifyAllWays()).toMatchObject({ ok: false, checkedEvents: 1499, lastSeq: 1499, problem: { kind: "sequence_gap", seq: 1500, eventId: null } });
  }, 120_000);

  it("events appended while it walks are not 'beyond the head': it verifies one snapshot", async () => {
    const org = await createOrg("audit-stream-live");
    const events = Array.from({ length: 2000 }, (_, i) => ({ actorId: null, action: "bulk", targetType: "t", targetId: `t${i}`, data: { i } }));
    for (let from = 0; from < events.length; from += 500) await db().transaction((tx) => appendAuditEvents(tx, org.id, events.slice(from, from + 500)));
    let writing = true;
    const writer = (async () => {
      let n = 0;
      while (writing) {
        await db().transaction((tx) => appendAuditEvent(tx, { organizationId: org.id, actorId: null, action: "live", targetType: "t", data: { n: n++ } }));
      }
      return n;
    })();
    const results = [];
    for (let i = 0; i < 5; i++) results.push(await verifyAuditChain(db(), org.id));
    writing = false;
    const written = await writer;
    expect(written).toBeGreaterThan(0);
    for (const r of results) expect(r).toMatchObject({ ok: true, problem: null });
    const { rows } = await db().execute<{ n: number }>(sql`select count(*)::int as n from audit_events where organization_id = ${org.id}`);
    const n = rows[0]!.n;
    expect(await verifyAuditChain(db(), org.id)).toMatchObject({ ok: true, checkedEvents: n });
  });
});
