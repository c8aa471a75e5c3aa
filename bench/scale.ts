// npm run bench:scale [-- --runs=200 --rounds=3 --only=q=] — the queue's query shapes at scale (issue 15),
// in this process against the bench database (`bench:generate -- --scale=1m` first). For each shape:
//   - the app's figure: p50/p95 of the app's own listTickets() over `runs` calls (everything it does:
//     its SQL statements, row mapping, SLA views, tags, cursors);
//   - the floor: EXPLAIN ANALYZE execution time of the exact statements that call sent (summed), so the
//     ratio app/floor says how much is query and how much is everything around it;
// repeated `rounds` times (shapes interleaved), reported as the median with the spread (min–max).
// Writes bench/.results/scale.md.
import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { availableParallelism, loadavg } from "node:os";
import { fileURLToPath } from "node:url";
import type { Actor } from "../src/auth/actor";
import { BENCH_AGENT_EMAIL, BENCH_DATABASE_URL, BIG_ORG, userEmail } from "./lib/config";
import { inProcessApp, type ExplainedStatement } from "./lib/explain";
import { SEARCH_TERMS, SHARE_TAGS } from "./lib/vocabulary";

const arg = (name: string, fallback: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? fallback;
const RUNS = Number(arg("runs", "200"));
const ROUNDS = Number(arg("rounds", "3"));
const ONLY = arg("only", "");
const WARMUP = 10;
const RESULTS = fileURLToPath(new URL("./.results/", import.meta.url));

const app = await inProcessApp(BENCH_DATABASE_URL);
const { listTickets } = await import("../src/domain/tickets/list-tickets");
const { ZListTicketsQuery } = await import("../src/domain/tickets/tickets.schemas");

async function actorFor(email: string): Promise<Actor> {
  const { rows } = await app.pool.query<{ id: string; organization_id: string; role: Actor["role"]; name: string }>(
    "select id, organization_id, role, name from users where email = $1",
    [email],
  );
  if (!rows[0]) throw new Error(`${email} not found: run \`npm run bench:generate -- --scale=1m\` first`);
  const u = rows[0];
  return { userId: u.id, orgId: u.organization_id, role: u.role, name: u.name, sessionId: "bench", ip: null, userAgent: null } as unknown as Actor;
}

const agent = await actorFor(BENCH_AGENT_EMAIL);
const requester = await actorFor(userEmail("requester1", BIG_ORG.slug));
const { rows: facts } = await app.pool.query<{ total: string; org: string; agents: string; quiet_agent: string; team: string; comments: string }>(
  `select (select count(*) from tickets)::text as total,
          (select count(*) from tickets where organization_id = $1)::text as org,
          (select count(*) from users where organization_id = $1 and role = 'agent')::text as agents,
          (select assignee_id from tickets where organization_id = $1 and assignee_id is not null group by assignee_id order by count(*) limit 1) as quiet_agent,
          (select id::text from teams where organization_id = $1 order by name limit 1) as team,
          (select reltuples::bigint::text from pg_class where relname = 'comments') as comments`,
  [agent.orgId],
);
const f = facts[0]!;
const { rows: mine } = await app.pool.query<{ n: string }>("select count(*)::text as n from tickets where requester_id = $1", [requester.userId]);

interface ShapeDef {
  name: string;
  actor: Actor;
  query: Record<string, string>;
  /** Follow nextCursor this many pages (of the shape's own limit) first: a deep page. */
  depth?: number;
}
const q = SEARCH_TERMS;
const allShapes: ShapeDef[] = [
  { name: "first page (newest)", actor: agent, query: {} },
  { name: `q=${q.common} (common word)`, actor: agent, query: { q: q.common } },
  { name: `q=${q.rare} (rare word)`, actor: agent, query: { q: q.rare } },
  { name: `q=${q.twoWords} (two words)`, actor: agent, query: { q: q.twoWords } },
  { name: `q=${q.common}, page 3`, actor: agent, query: { q: q.common }, depth: 2 },
  { name: `q=${q.common}&status=open`, actor: agent, query: { q: q.common, status: "open" } },
  { name: `q=${q.common}&sort=created`, actor: agent, query: { q: q.common, sort: "created" } },
  { name: "q=no-such-word", actor: agent, query: { q: "zyxwvutsr" } },
  { name: `q=${q.common} (requester)`, actor: requester, query: { q: q.common } },
  { name: "sort=due", actor: agent, query: { sort: "due" } },
  { name: "sort=due, page 5", actor: agent, query: { sort: "due" }, depth: 4 },
  { name: "sort=due&status=open", actor: agent, query: { sort: "due", status: "open" } },
  { name: "sort=due&status=pending", actor: agent, query: { sort: "due", status: "pending" } },
  { name: "sort=due&status=closed", actor: agent, query: { sort: "due", status: "closed" } },
  { name: "sort=due&status=open,pending,on_hold", actor: agent, query: { sort: "due", status: "open,pending,on_hold" } },
  { name: "sort=due&priority=urgent", actor: agent, query: { sort: "due", priority: "urgent" } },
  { name: "sort=due&priority=low&status=pending", actor: agent, query: { sort: "due", priority: "low", status: "pending" } },
  { name: "sort=due&assignee=me", actor: agent, query: { sort: "due", assignee: "me" } },
  { name: "sort=due&assignee=(least busy agent)", actor: agent, query: { sort: "due", assignee: f.quiet_agent } },
  { name: "sort=due&assignee=none", actor: agent, query: { sort: "due", assignee: "none" } },
  { name: "sort=due&team=(Billing)", actor: agent, query: { sort: "due", team: f.team } },
  { name: "sort=due&team=none", actor: agent, query: { sort: "due", team: "none" } },
  { name: `sort=due&tag=${SHARE_TAGS.common.name}`, actor: agent, query: { sort: "due", tag: SHARE_TAGS.common.name } },
  { name: `sort=due&tag=${SHARE_TAGS.rare.name}`, actor: agent, query: { sort: "due", tag: SHARE_TAGS.rare.name } },
  { name: "sort=due&assignee=me&status=pending", actor: agent, query: { sort: "due", assignee: "me", status: "pending" } },
  { name: "sla=breached", actor: agent, query: { sla: "breached" } },
  // No due order for requesters: deadlines are staff-only (F6), the API answers 403.
  { name: "status=open (requester)", actor: requester, query: { status: "open" } },
];
const shapes = allShapes.filter((s) => !ONLY || s.name.includes(ONLY));

/** The query of a shape at its depth: the cursor is fetched once, so every run asks for the same page. */
async function resolve(shape: ShapeDef) {
  let query = ZListTicketsQuery.parse(shape.query);
  for (let i = 0; i < (shape.depth ?? 0); i++) {
    const page = await listTickets(shape.actor, query);
    if (!page.nextCursor) throw new Error(`${shape.name}: ran out of pages`);
    query = ZListTicketsQuery.parse({ ...shape.query, cursor: page.nextCursor });
  }
  return query;
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

interface Round {
  p50: number;
  p95: number;
  floor: number;
  main: ExplainedStatement;
  statements: number;
  items: number;
}
const results = new Map<string, Round[]>();
/** The same pool's `select 1` round trip, timed like the shapes: what each statement costs before any work on a busy machine. */
const roundTrips: { p50: number; p95: number }[] = [];
const resolved = new Map<string, Awaited<ReturnType<typeof resolve>>>();
for (const s of shapes) resolved.set(s.name, await resolve(s));

console.log(
  `${Number(f.total).toLocaleString("en")} tickets; ${BIG_ORG.name} ${Number(f.org).toLocaleString("en")}. ${shapes.length} shapes × ${RUNS} runs × ${ROUNDS} rounds.`,
);
for (let round = 1; round <= ROUNDS; round++) {
  const trips: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    await app.pool.query("select 1");
    trips.push(performance.now() - started);
  }
  trips.sort((a, b) => a - b);
  roundTrips.push({ p50: percentile(trips, 50), p95: percentile(trips, 95) });
  console.log(
    `round ${round}  select 1 round trip: p50 ${roundTrips.at(-1)!.p50.toFixed(2)} ms, p95 ${roundTrips.at(-1)!.p95.toFixed(2)} ms; load average ${loadavg()
      .map((l) => l.toFixed(1))
      .join(" ")}`,
  );
  for (const s of shapes) {
    const query = resolved.get(s.name)!;
    for (let i = 0; i < WARMUP; i++) await listTickets(s.actor, query);
    const times: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const started = performance.now();
      await listTickets(s.actor, query);
      times.push(performance.now() - started);
    }
    times.sort((a, b) => a - b);
    // The floor: every statement of one call, explained; the list query (the biggest) is kept for the report.
    const { result, statements } = await app.capture(() => listTickets(s.actor, query));
    const explained = await Promise.all(statements.map((st) => app.explain(st)));
    const main = explained.reduce((a, b) => ((b.executionMs ?? 0) > (a.executionMs ?? 0) ? b : a));
    const r: Round = {
      p50: percentile(times, 50),
      p95: percentile(times, 95),
      floor: explained.reduce((sum, e) => sum + (e.executionMs ?? 0), 0),
      main,
      statements: statements.length,
      items: result.items.length,
    };
    results.set(s.name, [...(results.get(s.name) ?? []), r]);
    console.log(
      `round ${round}  ${s.name.padEnd(42)} p50 ${r.p50.toFixed(2).padStart(7)} ms  p95 ${r.p95.toFixed(2).padStart(7)} ms  floor ${r.floor.toFixed(2).padStart(7)} ms  ` +
        `×${(r.p50 / r.floor).toFixed(1)}  ${r.items} items  ${main.indexes.join(",")} ${main.flags.join("; ")}`,
    );
  }
}

const git = (...args: string[]) => {
  try {
    return execFileSync("git", args, { stdio: ["ignore", "pipe", "ignore"] })
      .toString()
      .trim();
  } catch {
    return "unknown";
  }
};
const fmt = (xs: number[]) => `${median(xs).toFixed(1)} (${Math.min(...xs).toFixed(1)}–${Math.max(...xs).toFixed(1)})`;
const lines = [
  `# Queue query shapes at scale — ${new Date().toISOString()}`,
  "",
  `Commit ${git("rev-parse", "--short", "HEAD")}; ${availableParallelism()} CPUs (shared). ${Number(f.total).toLocaleString("en")} tickets, ~${Number(f.comments).toLocaleString("en")} comments; ` +
    `signed in as ${BENCH_AGENT_EMAIL} (agent of ${BIG_ORG.name}, ${Number(f.org).toLocaleString("en")} tickets, ${f.agents} agents); ` +
    `the requester shapes as ${userEmail("requester1", BIG_ORG.slug)} (${Number(mine[0]!.n).toLocaleString("en")} tickets).`,
  "",
  `App: listTickets() in-process, ${RUNS} calls per round after ${WARMUP} warm-up calls. Floor: EXPLAIN ANALYZE execution time of every statement one call sent, summed. ` +
    `Each cell: median of ${ROUNDS} rounds (min–max).`,
  "",
  `Reference: a \`select 1\` round trip through the same pool, p50 ${fmt(roundTrips.map((r) => r.p50))} ms, p95 ${fmt(roundTrips.map((r) => r.p95))} ms; ` +
    `load average at the end ${loadavg()
      .map((l) => l.toFixed(1))
      .join(" ")} on ${availableParallelism()} CPUs. On a busy machine every statement waits for a CPU: ` +
    "app − floor ≈ statements × round trip + the app's own work.",
  "",
  "| shape | items | statements | app p50 ms | app p95 ms | floor ms | p50 ÷ floor | slowest statement: indexes, flags |",
  "| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |",
  ...shapes.map((s) => {
    const rs = results.get(s.name)!;
    const last = rs.at(-1)!;
    const ratio = rs.map((r) => r.p50 / r.floor);
    return `| ${s.name} | ${last.items} | ${last.statements} | ${fmt(rs.map((r) => r.p50))} | ${fmt(rs.map((r) => r.p95))} | ${fmt(rs.map((r) => r.floor))} | ${median(ratio).toFixed(1)} | ${last.main.indexes.join(", ") || "none"}${last.main.flags.length ? ` **${last.main.flags.join("; ")}**` : ""} |`;
  }),
  "",
  "## Plans of the slowest statement of each shape (last round)",
  "",
  ...shapes.flatMap((s) => [`### ${s.name}`, "", "```", ...results.get(s.name)!.at(-1)!.main.plan, "```", ""]),
];
mkdirSync(RESULTS, { recursive: true });
writeFileSync(`${RESULTS}scale.md`, `${lines.join("\n")}\n`);
console.log(`\n${lines.slice(0, 8 + shapes.length + 2).join("\n")}\nWritten to bench/.results/scale.md`);
await app.close();
