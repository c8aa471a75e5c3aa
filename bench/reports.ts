// npm run bench:reports [-- --runs=5 --rebuild] — reports over a year of the biggest organization of the
// bench database (`bench:generate -- --scale=1m`: Northwind Traders, 300,000 of the 1,000,000 tickets),
// issue 13. In this process with the app's own code (buildReport: access check aside, everything the page
// and GET /api/reports do: the four rollup statements, percentiles, names), per filter: median and spread
// of `runs` calls after two warm-ups, and the EXPLAIN ANALYZE time of its statements.
// First applies pending migrations (0027 creates the rollups and backfills them from the tickets: its
// time is the backfill's at this scale); `--rebuild` times report_rollups_rebuild() again on a database
// that already has them. Then the write cost of the trigger: 5,000 ticket updates with and without it, in
// transactions that are rolled back. Writes bench/.results/reports.md.
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

const hasRollups = (await count("select count(*) as n from pg_class where relname = 'report_daily'")) > 0;
if (!hasRollups) {
  const t = performance.now();
  await runMigrations(BENCH_DATABASE_URL);
  say(`- migration 0032 (business times of finished tickets, rollups backfilled from tickets and their timeline): ${seconds(performance.now() - t)}`);
} else if (REBUILD) {
  const t = performance.now();
  await owner.query("select report_rollups_rebuild()");
  say(`- report_rollups_rebuild() (the migration's backfill): ${seconds(performance.now() - t)}`);
} else {
  say("- rollups already there (pass --rebuild to time the backfill again)");
}
await owner.query("analyze report_daily, report_agent_daily, report_durations, report_backlog");
for (const table of ["report_daily", "report_agent_daily", "report_durations", "report_backlog"]) {
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
