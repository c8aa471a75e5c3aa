// npm run bench:generate [-- --scale=1m] — (re)builds the bench database (BENCH_DATABASE_URL, default
// helpdesk_bench): organizations of very different sizes with users, teams, SLA policies and tags, then
// tickets with their SLA clocks, tags, conversations and audit chains, streamed through COPY with the
// indexes and keys built once at the end. The default scale is 100k tickets; --scale=1m is the issue 15
// data set (1,000,000 tickets, ~5,000,000 comments, 100 organizations, the biggest with 300,000).
import { readFileSync } from "node:fs";
import { hashPassword } from "better-auth/crypto";
import { runMigrations } from "../src/db/migrate";
import { BENCH_AGENT_EMAIL, BENCH_DATABASE_URL, BENCH_PASSWORD, BIG_ORG, scaleFrom, userEmail } from "./lib/config";
import { copyWriter } from "./lib/copy";
import { pool, recreateDatabase } from "./lib/database";
import { withIndexesDeferred } from "./lib/deferred-indexes";
import { seedPeople } from "./lib/seed-people";
import { STREAM_COLUMNS, seedTickets, type SeedCounters, type TicketStreams } from "./lib/seed-tickets";
import { SEARCH_TERMS, SHARE_TAGS } from "./lib/vocabulary";

const scale = scaleFrom(process.argv.slice(2));
const started = performance.now();
const lap = (label: string, since: number) => console.log(`  ${label.padEnd(40)} ${((performance.now() - since) / 1000).toFixed(1)} s`);
/** CPU seconds of this process, and of the PostgreSQL backends serving `pids` (read from /proc when the server is local). */
const cpu = {
  node: () => process.cpuUsage().user / 1e6 + process.cpuUsage().system / 1e6,
  backends: (pids: number[]) =>
    pids.reduce((sum, pid) => {
      try {
        const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
        return sum + (Number(fields[11]) + Number(fields[12])) / 100; // utime + stime, in clock ticks of 1/100 s
      } catch {
        return Number.NaN;
      }
    }, 0),
};
const safeUrl = BENCH_DATABASE_URL.replace(/\/\/[^@/]*@/, "//");
const n = (x: number | string) => Number(x).toLocaleString("en");

console.log(`Bench database: ${safeUrl} (dropped and recreated), scale ${scale.label}: ${n(scale.tickets)} tickets in ${scale.orgs.length} organizations`);
let t = performance.now();
await recreateDatabase(BENCH_DATABASE_URL);
await runMigrations(BENCH_DATABASE_URL);
lap("create + migrate", t);

const streamNames = Object.keys(STREAM_COLUMNS) as (keyof TicketStreams)[];
// One connection for the set-based steps, one per COPY stream (they also rebuild indexes afterwards).
const db = pool(BENCH_DATABASE_URL, 1 + streamNames.length);
const client = await db.connect();
const loaders = await Promise.all(streamNames.map(() => db.connect()));
try {
  // A throwaway database: a crash mid-load simply means running the generator again.
  for (const c of [client, ...loaders]) {
    await c.query("set synchronous_commit = off");
    // Bulk loads are not news: the live event log stays out of it for these sessions.
    await c.query("set helpdesk.live_events = 'off'");
    // Nor are the report rollups kept row by row: they are rebuilt once at the end (issue 13).
    await c.query("set helpdesk.report_rollups = 'off'");
    await c.query("set maintenance_work_mem = '512MB'");
  }

  t = performance.now();
  await seedPeople(client, scale.orgs, await hashPassword(BENCH_PASSWORD));
  lap("organizations, users, teams, SLA, tags", t);

  const pids = (await Promise.all([client, ...loaders].map((c) => c.query<{ pid: number }>("select pg_backend_pid() as pid")))).map((r) => r.rows[0]!.pid);
  const cpuAt = { node: cpu.node(), pg: cpu.backends(pids) };
  const nowMs = Date.now();
  const counters: SeedCounters = { commentSeq: 0, comments: 0, tags: 0 };
  let indexStart = 0;
  const rebuilt = await withIndexesDeferred(
    client,
    streamNames.map((s) => STREAM_COLUMNS[s].table),
    async () => {
      t = performance.now();
      const streams = Object.fromEntries(
        await Promise.all(streamNames.map(async (s, i) => [s, await copyWriter(loaders[i]!, STREAM_COLUMNS[s].table, STREAM_COLUMNS[s].columns)])),
      ) as TicketStreams;
      for (const [index, org] of scale.orgs.entries()) {
        const orgStart = performance.now();
        await seedTickets(client, streams, org, index + 1, nowMs, counters);
        if (index < 5) lap(`${n(org.tickets)} tickets (${org.slug})`, orgStart);
      }
      const loaded = await Promise.all(streamNames.map(async (s) => [s, await streams[s].finish()] as const));
      await client.query("select setval('comments_seq_seq', $1)", [Math.max(1, counters.commentSeq)]);
      lap(`COPY ${loaded.map(([s, rows]) => `${n(rows)} ${s}`).join(", ")}`, t);
      console.log(`    waiting for PostgreSQL: ${streamNames.map((s) => `${s} ${(streams[s].waitedMs() / 1000).toFixed(1)} s`).join(", ")}`);
      console.log(`    CPU: this process ${(cpu.node() - cpuAt.node).toFixed(1)} s, PostgreSQL ${(cpu.backends(pids) - cpuAt.pg).toFixed(1)} s`);
      cpuAt.node = cpu.node();
      cpuAt.pg = cpu.backends(pids);
      indexStart = performance.now();
    },
    { parallel: [client, loaders[0]!] },
  );
  lap(`rebuild ${rebuilt.length} indexes and keys`, indexStart);
  console.log(`    CPU: PostgreSQL ${(cpu.backends(pids) - cpuAt.pg).toFixed(1)} s (without its parallel workers)`);

  // The report rollups from the loaded tickets, in one pass (migration 0032's backfill).
  t = performance.now();
  await client.query("select report_rollups_rebuild()");
  lap("report rollups", t);

  // COPY FREEZE left every page frozen and all-visible: statistics are all that is missing.
  t = performance.now();
  await client.query("analyze");
  lap("analyze", t);

  const facts = await client.query<{ label: string; n: string }>(
    `with org as (select id from organizations where slug = $1),
          me as (select id from users where email = $2)
     select 'tickets' as label, count(*)::text as n from tickets where organization_id = (select id from org)
     union all select 'status=open', count(*)::text from tickets where organization_id = (select id from org) and status = 'open'
     union all select 'assignee=me (agent1)', count(*)::text from tickets where organization_id = (select id from org) and assignee_id = (select id from me)
     union all select 'q=' || $3, count(*)::text from tickets where organization_id = (select id from org) and search_vector @@ to_tsquery('english', $4)
     union all select 'q=' || $5, count(*)::text from tickets where organization_id = (select id from org) and search_vector @@ to_tsquery('english', $6)
     union all select 'q=' || $7, count(*)::text from tickets where organization_id = (select id from org) and search_vector @@ to_tsquery('english', $8)
     union all select 'tag=' || $9, count(*)::text from ticket_tags tt join tags g on g.id = tt.tag_id where g.organization_id = (select id from org) and g.name = $9
     union all select 'tag=' || $10, count(*)::text from ticket_tags tt join tags g on g.id = tt.tag_id where g.organization_id = (select id from org) and g.name = $10
     union all select 'tag=' || $11, count(*)::text from ticket_tags tt join tags g on g.id = tt.tag_id where g.organization_id = (select id from org) and g.name = $11`,
    [
      BIG_ORG.slug,
      BENCH_AGENT_EMAIL,
      SEARCH_TERMS.common,
      `${SEARCH_TERMS.common}:*`,
      SEARCH_TERMS.rare,
      `${SEARCH_TERMS.rare}:*`,
      SEARCH_TERMS.twoWords,
      SEARCH_TERMS.twoWords
        .split(" ")
        .map((w) => `${w}:*`)
        .join(" & "),
      SHARE_TAGS.common.name,
      SHARE_TAGS.mid.name,
      SHARE_TAGS.rare.name,
    ],
  );
  console.log(`\nIn ${BIG_ORG.name} (the biggest organization):`);
  for (const row of facts.rows) console.log(`  ${row.label.padEnd(26)} ${n(row.n).padStart(9)} tickets`);
  console.log(
    `All organizations: ${n(scale.tickets)} tickets, ${n(counters.comments)} comments, ${n(counters.tags)} ticket tags, ${n(scale.tickets)} audit events.`,
  );
} finally {
  client.release();
  for (const l of loaders) l.release();
  await db.end();
}

console.log(`\nGenerated in ${((performance.now() - started) / 1000).toFixed(1)} s.`);
console.log(`\nBench users (BENCH-ONLY password, set BENCH_PASSWORD to change it): ${BENCH_PASSWORD}`);
for (const org of scale.orgs.slice(0, 3)) {
  console.log(`  ${org.name}: ${userEmail("admin", org.slug)}, ${userEmail("agent1", org.slug)} … ${userEmail(`agent${org.agents}`, org.slug)}`);
  console.log(`    requesters: ${userEmail("requester1", org.slug)} … ${userEmail(`requester${org.requesters}`, org.slug)}`);
}
if (scale.orgs.length > 3)
  console.log(`  … and ${scale.orgs.length - 3} more organizations (slugs org-6 … org-${scale.orgs.length} after the five named ones).`);
console.log(`npm run bench signs in as ${BENCH_AGENT_EMAIL}.`);
