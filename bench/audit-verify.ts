// npm run bench:audit — S12, issue 15: how fast the verifier walks a long chain. Builds one organization
// with AUDIT_BENCH_EVENTS (default 1,000,000) chained events in its own database (hashes computed exactly
// as the app does, inserted in batches; `--no-generate` reuses the last one), then, three times each:
//   verify      — verifyAuditChain() over every event (what `npm run audit:verify` and the job run): the
//                 main thread reads, worker threads check (walk-chain.ts; AUDIT_BENCH_THREADS overrides how many);
//   read floor  — the same COPY stream the verifier reads (batches of lines), nothing done with them;
//   server      — EXPLAIN ANALYZE of the whole read inside PostgreSQL (no transfer);
//   hash floor  — SHA-256 alone over the events' canonical encodings, built beforehand (a bare loop, one thread).
// The verifier can be no faster than reading; hashing is spread over the worker threads, so it can pass
// the one-thread hash floor. The ratio says how close it gets to the slower floor.
import { randomUUID } from "node:crypto";
import { drizzle } from "drizzle-orm/node-postgres";
import { runMigrations } from "../src/db/migrate";
import * as schema from "../src/db/schema";
import { auditEventHash, chainHash } from "../src/db/audit-chain/hash";
import { unsafeReadChain } from "../src/db/audit-chain/unsafe-audit-chain";
import { canonicalRow, defaultThreads, isoTime } from "../src/domain/audit/walk-chain";
import { verifyAuditChain } from "../src/domain/audit/verify-chain";
import { pool, recreateDatabase } from "./lib/database";
import { formatSummary, loadNote, summarise } from "./lib/runs";

const url = process.env.AUDIT_BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/helpdesk_bench_audit";
const total = Number(process.env.AUDIT_BENCH_EVENTS ?? 1_000_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const BATCH = 5000;

async function generate(): Promise<void> {
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
  await p.query("vacuum analyze audit_events");
  await p.end();
  console.log(`generated ${total.toLocaleString("en")} events in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

if (!process.argv.includes("--no-generate")) await generate();

const p = pool(url, 2);
const db = drizzle(p, { schema });
const { rows: orgs } = await p.query<{ id: string; n: string }>(
  "select organization_id as id, last_seq as n from audit_chain_heads order by last_seq desc limit 1",
);
const orgId = orgs[0]!.id;
const events = Number(orgs[0]!.n);
const secondsOf = (t0: bigint) => Number(process.hrtime.bigint() - t0) / 1e9;
/** Microseconds of this process's CPU (user + system) per item since `c0`. */
const cpuPer = (c0: NodeJS.CpuUsage, items: number) => {
  const c = process.cpuUsage(c0);
  return (c.user + c.system) / items;
};
const threadsOption = process.env.AUDIT_BENCH_THREADS ? { threads: Number(process.env.AUDIT_BENCH_THREADS) } : {};
const verifyCpu: number[] = [];
const readCpu: number[] = [];
const hashCpu: number[] = [];

const verify: number[] = [];
const read: number[] = [];
const server: number[] = [];
const hashing: number[] = [];
let ok = true;
for (let run = 1; run <= RUNS; run++) {
  let t0 = process.hrtime.bigint();
  let c0 = process.cpuUsage();
  const result = await verifyAuditChain(db, orgId, null, threadsOption);
  verify.push(result.checkedEvents / secondsOf(t0));
  verifyCpu.push(cpuPer(c0, result.checkedEvents));
  ok &&= result.ok && result.checkedEvents === events;

  // The read alone: the verifier's own stream, lines counted and dropped. Then keep the canonical
  // encodings of the first 200,000 events for the hash floor.
  const canonical: string[] = [];
  const prevs: string[] = [];
  t0 = process.hrtime.bigint();
  c0 = process.cpuUsage();
  let n = 0;
  await unsafeReadChain(db, orgId, async (chain) => {
    for await (const batch of chain.lines(0, 256 * 1024)) for (let i = batch.indexOf(10); i >= 0; i = batch.indexOf(10, i + 1)) n++;
  });
  read.push(n / secondsOf(t0));
  readCpu.push(cpuPer(c0, n));
  await unsafeReadChain(db, orgId, async (chain) => {
    for await (const rows of chain.events(0)) {
      for (const row of rows) {
        canonical.push(canonicalRow(row, orgId, isoTime(row[8])));
        prevs.push(row[9]);
      }
      if (canonical.length >= 200_000) break;
    }
  });

  const { rows: plan } = await p.query(
    `explain (analyze, timing off) select seq, actor_id, action, target_type, target_id, data, ip, user_agent, created_at, prev_hash, hash
     from audit_events where organization_id = $1 and seq > 0 order by seq`,
    [orgId],
  );
  const ms = Number(/Execution Time: ([\d.]+)/.exec(plan.map((r) => r["QUERY PLAN"]).join("\n"))?.[1]);
  server.push(events / (ms / 1000));

  t0 = process.hrtime.bigint();
  c0 = process.cpuUsage();
  let sink = 0;
  for (let i = 0; i < canonical.length; i++) sink += chainHash(canonical[i]!, prevs[i]!).charCodeAt(0);
  hashing.push(canonical.length / secondsOf(t0));
  hashCpu.push(cpuPer(c0, canonical.length));
  if (sink < 0) console.log(sink);
}
await p.end();

const v = summarise(verify);
const floor = Math.min(summarise(read).median, summarise(hashing).median);
console.log(`\nAudit chain verification (S12, issue 15): ${events.toLocaleString("en")} events in one organization, ${RUNS} runs; ${loadNote()}`);
const threads = "threads" in threadsOption ? threadsOption.threads : defaultThreads(events);
console.log(`verify (verifyAuditChain, ${threads} worker threads): ${formatSummary(v, " events/s")} — chain ok: ${ok}`);
console.log(`read floor (same stream, no work): ${formatSummary(summarise(read), " rows/s")}`);
console.log(`server (EXPLAIN ANALYZE, no I/O):  ${formatSummary(summarise(server), " rows/s")}`);
console.log(`hash floor (SHA-256 of the canonical encoding, bare loop): ${formatSummary(summarise(hashing), " events/s")}`);
console.log(`ratio verify / slower floor: ${(v.median / floor).toFixed(2)}`);
// On a shared machine the wall-clock rates above move with everyone else's load; CPU time per event moves
// much less. One core's worth of this process's CPU, spent on nothing else, would verify 1e6 / µs events/s.
// The verify figure counts every thread of this process (the reader and the workers).
const perCore = (s: ReturnType<typeof summarise>) => `${s.median.toFixed(2)} µs (${Math.round(1e6 / s.median).toLocaleString("en")}/s per core)`;
console.log(
  `CPU of this process per event — verify ${perCore(summarise(verifyCpu))}, read ${perCore(summarise(readCpu))}, hash ${perCore(summarise(hashCpu))}`,
);
if (!ok) process.exit(1);
