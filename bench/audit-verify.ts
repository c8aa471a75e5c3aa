// npm run bench:audit — S12: how fast the verifier walks a long chain. Builds one organization with
// AUDIT_BENCH_EVENTS (default 1,000,000) chained events in its own database (hashes computed exactly as
// the app does, inserted in batches), then times verifyAuditChain over all of them.
import { randomUUID } from "node:crypto";
import { drizzle } from "drizzle-orm/node-postgres";
import { runMigrations } from "../src/db/migrate";
import * as schema from "../src/db/schema";
import { auditEventHash } from "../src/db/audit-chain/hash";
import { verifyAuditChain } from "../src/domain/audit/verify-chain";
import { pool, recreateDatabase } from "./lib/database";

const url = process.env.AUDIT_BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/helpdesk_bench_audit";
const total = Number(process.env.AUDIT_BENCH_EVENTS ?? 1_000_000);
const BATCH = 5000;

await recreateDatabase(url);
await runMigrations(url);
const p = pool(url, 2);
const orgId = randomUUID();
await p.query("insert into organizations (id, name, slug) values ($1, 'Audit bench', 'audit-bench')", [orgId]);

const started = Date.now();
let prev = schema.AUDIT_GENESIS_HASH;
const base = Date.parse("2026-01-01T00:00:00Z");
for (let from = 1; from <= total; from += BATCH) {
  const cols: unknown[][] = [[], [], [], [], [], [], [], []];
  for (let seq = from; seq < Math.min(from + BATCH, total + 1); seq++) {
    const row = {
      organizationId: orgId,
      seq,
      actorId: null,
      action: seq % 3 === 0 ? "ticket.updated" : "ticket.created",
      targetType: "ticket",
      targetId: `t-${seq % 50_000}`,
      data: { changes: { status: { from: "open", to: "pending" } }, n: seq },
      ip: "203.0.113.7",
      userAgent: "bench",
      createdAt: new Date(base + seq * 1000),
      prevHash: prev,
    };
    const hash = auditEventHash(row);
    cols[0]!.push(seq);
    cols[1]!.push(row.action);
    cols[2]!.push(row.targetId);
    cols[3]!.push(JSON.stringify(row.data));
    cols[4]!.push(row.createdAt.toISOString());
    cols[5]!.push(prev);
    cols[6]!.push(hash);
    prev = hash;
  }
  await p.query(
    `insert into audit_events (organization_id, seq, action, target_type, target_id, data, ip, user_agent, created_at, prev_hash, hash)
     select $1, s, a, 'ticket', t, d::jsonb, '203.0.113.7', 'bench', c::timestamptz, ph, h
     from unnest($2::bigint[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[]) as u(s, a, t, d, c, ph, h)`,
    [orgId, ...cols.slice(0, 7)],
  );
}
await p.query("insert into audit_chain_heads (organization_id, last_seq, last_hash) values ($1, $2, $3)", [orgId, total, prev]);
await p.query("analyze audit_events");
const generated = (Date.now() - started) / 1000;

const db = drizzle(p, { schema });
const t0 = process.hrtime.bigint();
const result = await verifyAuditChain(db, orgId);
const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
await p.end();

console.log(`\nAudit chain verification (S12), ${total.toLocaleString("en")} events in one organization`);
console.log(`generated in ${generated.toFixed(1)} s`);
console.log(
  `verified: ok=${result.ok} checked=${result.checkedEvents.toLocaleString("en")} in ${seconds.toFixed(2)} s → ${Math.round(result.checkedEvents / seconds).toLocaleString("en")} events/s`,
);
if (!result.ok) process.exit(1);
