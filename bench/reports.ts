// npm run bench:reports [-- --runs=5 --rebuild] — reports over a year of the biggest organization of the
// bench database (`bench:generate -- --scale=1m`: Northwind Traders, 300,000 of the 1,000,000 tickets),
// issue 13. In this process with the app's own code (buildReport: access check aside, everything the page
// and GET /api/reports do: the four rollup statements, percentiles, names), per filter: median and spread
// of `runs` calls after two warm-ups, and the EXPLAIN ANALYZE time of its statements.
// First applies pending migrations and prints their time (0032 creates the rollups and backfills them from
// the tickets; 0034 adds the month grain, backfilled from the daily rows); `--rebuild` times
// report_rollups_rebuild() again on a database that already has them. Then the write cost of the trigger:
// 5,000 ticket updates with and without it, in transactions that are rolled back. Writes
// bench/.results/reports.md.
import { mkdirSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import pg from "pg";
import type { Actor } from "../src/auth/actor";
import { runMigrations } from "../src/db/migrate";
import { BENCH_DATABASE_URL, BIG_ORG, userEmail } from "./lib/config";
import { inProcessApp } from "./lib/explain";
import { formatSummary, loadNote, summarise } from "./lib/runs";

const arg = (name: string, fallback: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? fallback;
const RUNS = Number(arg("runs", "5"));
const REBUILD = process.argv.includes("--rebuild");
const RESULTS = fileURLToPath(new URL("./.results/", import.meta.url));
const out: string[] = [];
const say = (line: string) => {
  console.log(line);
  out.push(line);
};
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

const owner = new pg.Pool({ connectionString: BENCH_DATABASE_URL, max: 1 });
const count = async (q: string) => Number((await owner.query(q)).rows[0]?.n ?? 0);
const tickets = await count("select count(*) as n from tickets").catch(() => 0);
if (tickets === 0) throw new Error("no bench data: run `npm run bench:generate -- --scale=1m` first");
say(`# Reports at scale (issue 13)\n\n${tickets.toLocaleString("en")} tickets; ${loadNote()}; ${new Date().toISOString()}\n`);

const applied = async () => count("select count(*) as n from drizzle.__drizzle_migrations").catch(() => 0);
const before = await applied();
const started = performance.now();
await runMigrations(BENCH_DATABASE_URL);
const pending = (await applied()) - before;
if (pending > 0) {
  say(
    `- ${pending} pending migration(s) applied (0032: business times of finished tickets, rollups backfilled from tickets and their timeline; 0034: monthly rollups from the daily ones): ${seconds(performance.now() - started)}`,
  );
}
if (REBUILD) {
  const t = performance.now();
  await owner.query("select report_rollups_rebuild()");
  say(`- report_rollups_rebuild() (the backfill, daily and monthly): ${seconds(performance.now() - t)}`);
} else if (pending === 0) {
  say("- rollups already there (pass --rebuild to time the backfill again)");
}
const TABLES = ["report_daily", "report_agent_daily", "report_agent_monthly", "report_durations", "report_durations_monthly", "report_backlog"];
await owner.query(`analyze ${TABLES.join(", ")}`);
for (const table of TABLES) {
  const rows = await count(`select count(*) as n from ${table}`);
  const size = (await owner.query(`select pg_size_pretty(pg_total_relation_size('${table}')) as s`)).rows[0].s;
  say(`- ${table}: ${rows.toLocaleString("en")} rows, ${size} with indexes`);
}

const app = await inProcessApp(BENCH_DATABASE_URL);
const { scoped } = await import("../src/db/scoped");
const { buildReport } = await import("../src/domain/reports/get-report");
const { rows: admins } = await app.pool.query<{ id: string; organization_id: string; name: string }>(
  "select id, organization_id, name from users where email = $1",
  [userEmail("admin", BIG_ORG.slug)],
);
const adminRow =
  admins[0] ??
  (
    await app.pool.query(
      "select u.id, u.organization_id, u.name from users u join organizations o on o.id = u.organization_id where o.slug = $1 and u.role = 'admin' limit 1",
      [BIG_ORG.slug],
    )
  ).rows[0];
if (!adminRow) throw new Error(`no admin of ${BIG_ORG.slug} in the bench database`);
const actor = {
  userId: adminRow.id,
  orgId: adminRow.organization_id,
  role: "admin",
  name: adminRow.name,
  sessionId: "bench",
  ip: null,
  userAgent: null,
} as unknown as Actor;
const orgTickets = await count(`select count(*) as n from tickets where organization_id = '${actor.orgId}'`);
const team = (await owner.query("select id from teams where organization_id = $1 order by name limit 1", [actor.orgId])).rows[0]?.id as string;
const today = new Date();
const to = today.toISOString().slice(0, 10);
const from = new Date(today.getTime() - 364 * 86_400_000).toISOString().slice(0, 10);
say(`\n## A year (${from} to ${to}) of ${BIG_ORG.name}: ${orgTickets.toLocaleString("en")} tickets\n`);

const variants: [string, Record<string, string>][] = [
  ["whole organization, per day", {}],
  ["per week", { granularity: "week" }],
  ["one team", { teamId: team }],
  ["urgent only", { priority: "urgent" }],
  ["one team, high priority, per week", { teamId: team, priority: "high", granularity: "week" }],
];
let worst = 0;
for (const [label, filters] of variants) {
  const query = { from, to, ...filters };
  const call = () => buildReport(scoped(actor), query as Parameters<typeof buildReport>[1]);
  for (let i = 0; i < 2; i++) await call();
  const times: number[] = [];
  let report: Awaited<ReturnType<typeof call>> | undefined;
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    report = await call();
    times.push(performance.now() - t);
  }
  const { statements } = await app.capture(call);
  let sqlMs = 0;
  for (const st of statements) sqlMs += (await app.explain(st)).executionMs ?? 0;
  const s = summarise(times);
  worst = Math.max(worst, s.max);
  say(
    `- ${label}: ${formatSummary(s, " ms")}; SQL execution ${sqlMs.toFixed(0)} ms over ${statements.length} statements; ${report!.totals.created.toLocaleString("en")} created, ${report!.totals.solved.toLocaleString("en")} solved, backlog ${report!.backlog.at(-1)?.total ?? 0}`,
  );
}
say(`\nSlowest single report: ${worst.toFixed(0)} ms (target: well under 1,000 ms).`);

// Customer satisfaction: the bench data has no answers, so for this measurement only, one question per
// resolution of the year (the organization's resolved tickets) and an answer to three in ten of them
// (seven good, a third with a comment) are written in a transaction, the report's three satisfaction
// statements run in it, and it is rolled back. Fresh rows are not all-visible yet, so the index-only scans
// visit the heap too: an upper bound of what committed answers cost.
{
  const { drizzle } = await import("drizzle-orm/node-postgres");
  const { reportQueries } = await import("../src/db/scoped/reports");
  const client = await owner.connect();
  try {
    await client.query("begin");
    await client.query(`set local helpdesk.live_events = 'off'`);
    const t0 = performance.now();
    const asked = await client.query(
      `insert into satisfaction_requests (organization_id, ticket_id, resolution, requester_id, assignee_id, team_id, priority, token_hash, resolved_at, expires_at, answered_at)
       select t.organization_id, t.id, 1, t.requester_id, t.assignee_id, t.team_id, t.priority, md5(t.id::text) || md5(t.id::text || 'x'),
         t.resolved_at, t.resolved_at + interval '14 days', case when abs(hashtext(t.id::text)) % 10 < 3 then t.resolved_at + interval '2 hours' end
       from tickets t where t.organization_id = $1 and t.resolved_at >= $2::date`,
      [actor.orgId, from],
    );
    const answered = await client.query(
      `insert into satisfaction_ratings (organization_id, request_id, ticket_id, resolution, rating, comment, requester_id, assignee_id, team_id, priority, resolved_at, answered_at)
       select r.organization_id, r.id, r.ticket_id, 1, case when abs(hashtext(r.id::text)) % 10 < 7 then 'good' else 'bad' end,
         case when abs(hashtext(r.ticket_id::text)) % 3 = 0 then 'Thanks, that fixed it.' end, r.requester_id, r.assignee_id, r.team_id, r.priority, r.resolved_at, r.answered_at
       from satisfaction_requests r where r.organization_id = $1 and r.answered_at is not null`,
      [actor.orgId],
    );
    await client.query("analyze satisfaction_requests, satisfaction_ratings");
    say(
      `\n## Customer satisfaction (${(asked.rowCount ?? 0).toLocaleString("en")} questions, ${(answered.rowCount ?? 0).toLocaleString("en")} answers written for this run in ${seconds(performance.now() - t0)}, rolled back)\n`,
    );
    const q = reportQueries(actor, drizzle(client) as unknown as Parameters<typeof reportQueries>[1]);
    for (const [label, filter] of [
      ["whole organization", { from, to }],
      ["one team, high priority", { from, to, teamId: team, priority: "high" as const }],
    ] as const) {
      // One connection (the transaction's): the three one after the other, where the app runs them side by side.
      const call = async () => {
        await q.satisfaction(filter);
        await q.satisfactionAsked(filter);
        await q.satisfactionComments(filter, 10);
      };
      await call();
      const times: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        const t = performance.now();
        await call();
        times.push(performance.now() - t);
      }
      say(`- ${label}: the three statements one after the other ${formatSummary(summarise(times), " ms")}`);
    }
  } finally {
    await client.query("rollback");
    client.release();
  }
}

// What the trigger costs a write: the same 5,000 updates (a priority change, which moves every rollup),
// capture on and off, each in a transaction rolled back.
const client = await owner.connect();
const writeCost = async (capture: boolean) => {
  await client.query("begin");
  await client.query(`set local helpdesk.live_events = 'off'`);
  if (!capture) await client.query(`set local helpdesk.report_rollups = 'off'`);
  const { rows } = await client.query<{ id: string }>("select id from tickets where organization_id = $1 and resolved_at is not null limit 5000", [
    actor.orgId,
  ]);
  const t = performance.now();
  for (const r of rows)
    await client.query(
      "update tickets set priority = case when priority = 'urgent' then 'low'::ticket_priority else 'urgent' end, updated_at = now() where id = $1",
      [r.id],
    );
  const ms = performance.now() - t;
  await client.query("rollback");
  return ms / rows.length;
};
await writeCost(true);
const on = summarise([await writeCost(true), await writeCost(true), await writeCost(true)]);
const off = summarise([await writeCost(false), await writeCost(false), await writeCost(false)]);
say(`\n## Write cost\n\n- one ticket update with the rollup trigger: ${formatSummary(on, " ms")}\n- the same without it: ${formatSummary(off, " ms")}`);
client.release();

mkdirSync(RESULTS, { recursive: true });
writeFileSync(`${RESULTS}reports.md`, `${out.join("\n")}\n`);
await owner.end();
await app.close();
