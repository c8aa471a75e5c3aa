// `npm run bench:triage`: the agent's triage tools (issue 11) on 1,000,000 tickets. Builds its own database
// (BENCH_TRIAGE_DATABASE_URL, default helpdesk_bench_triage) with set-based SQL, then runs the app's own
// code in this process and explains the exact SQL it sends:
//   1. the queue filtered by a tag (common, mid, rare; with other filters; deep pages, Previous; due order);
//   2. saved views' capped counts ("1,000+") for cheap and expensive filters, and a whole sidebar;
//   3. the bulk endpoint's domain call on 100 tickets (each in its own transaction, audited).
// `--no-generate` reuses the database of the last run. Writes bench/.results/triage.md.
import { randomBytes } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { runMigrations } from "../src/db/migrate";
import { pool, recreateDatabase, step } from "./lib/database";
import { withIndexesDeferred } from "./lib/deferred-indexes";
import { inlineParams, planFlags } from "./lib/explain";

const URL_ = process.env.BENCH_TRIAGE_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/helpdesk_bench_triage";
const TICKETS = Number(process.env.BENCH_TRIAGE_TICKETS ?? 1_000_000);
const RESULTS = fileURLToPath(new URL("./.results/", import.meta.url));
/** The biggest organization holds 70 % of the tickets; three others 10 % each. */
const SHARES = [0.7, 0.1, 0.1, 0.1];
/** Per organization: t-common on 30 % of tickets, t-mid on 2 %, t-rare on 0.05 %, and one of 197 others (~0.5 % each). */
const SPREAD_TAGS = 197;

async function generate(): Promise<void> {
  await recreateDatabase(URL_);
  await runMigrations(URL_);
  const p = pool(URL_);
  const c = await p.connect();
  try {
    await c.query("set synchronous_commit = off");
    // Bulk loads are not news: the live event log (migration 0015) stays out of it for this session.
    await c.query("set helpdesk.live_events = 'off'");
    await c.query("set maintenance_work_mem = '512MB'");
    let done = step("organizations, users, teams, SLA policies");
    await c.query(`insert into organizations (name, slug, ticket_counter) select 'Org ' || g, 'org-' || g, 0 from generate_series(1, ${SHARES.length}) g`);
    await c.query(`insert into users (id, name, email, role, organization_id, email_verified)
      select gen_random_uuid()::text, r.role || r.n || ' ' || o.slug, r.role || r.n || '@' || o.slug || '.bench.test', r.role::user_role, o.id, true
      from organizations o cross join (select 'admin' as role, 1 as n union all select 'agent', g from generate_series(1, 5) g
                                       union all select 'requester', g from generate_series(1, 50) g) r`);
    await c.query(`insert into teams (organization_id, name) select o.id, t.name from organizations o cross join (values ('Support'), ('Billing')) t(name)`);
    await c.query(`insert into sla_policies (organization_id, priority, first_response_minutes, next_reply_minutes, resolution_minutes)
      select o.id, p.priority, p.fr, p.nr, p.res from organizations o
      cross join (values ('urgent'::ticket_priority, 30, 30, 240), ('high', 120, 120, 1440), ('normal', 480, 480, 4320), ('low', 1440, null, 10080)) p(priority, fr, nr, res)`);
    done();

    const loaded = await withIndexesDeferred(c, ["tickets", "ticket_sla", "ticket_tags"], async () => {
      done = step(`${TICKETS.toLocaleString("en")} tickets`);
      const bounds: number[] = [];
      for (const share of SHARES) bounds.push((bounds.at(-1) ?? 0) + Math.round(share * TICKETS));
      for (const [k, upper] of bounds.entries()) {
        const lower = k === 0 ? 0 : bounds[k - 1]!;
        // Two years of tickets, older ones closed, the last month's open queue; a fifth unassigned.
        await c.query(`
          with o as (select id from organizations where slug = 'org-${k + 1}'),
               people as (select array_agg(id order by email) filter (where role = 'agent') as agents,
                                 array_agg(id order by email) filter (where role = 'requester') as requesters
                          from users where organization_id = (select id from o))
          insert into tickets (organization_id, number, title, description_md, status, priority, requester_id, assignee_id, created_at, updated_at,
                               first_response_due_at, resolution_due_at)
          select (select id from o), g - ${lower}, 'Bench ticket ' || g, '',
                 case when g - ${lower} > ${upper - lower} * 0.96 then (array['open','open','pending','on_hold']::ticket_status[])[1 + g % 4]
                      when g % 10 = 0 then 'resolved' else 'closed' end,
                 (array['low','normal','normal','high','urgent']::ticket_priority[])[1 + g % 5],
                 people.requesters[1 + g % 50], case when g % 5 = 0 then null else people.agents[1 + g % 5] end,
                 now() - (${upper} - g) * (interval '730 days' / ${upper - lower}), now() - (${upper} - g) * (interval '730 days' / ${upper - lower}),
                 now() - (${upper} - g) * (interval '730 days' / ${upper - lower}) + interval '8 hours',
                 now() - (${upper} - g) * (interval '730 days' / ${upper - lower}) + interval '3 days'
          from generate_series(${lower + 1}, ${upper}) g, people`);
      }
      await c.query(`update organizations o set ticket_counter = (select count(*) from tickets t where t.organization_id = o.id)`);
      done();
      done = step("SLA clocks");
      await c.query(`insert into ticket_sla (ticket_id, organization_id, started_at, next_due_at, next_check_at)
        select id, organization_id, created_at,
               case when status in ('open', 'on_hold') then resolution_due_at end,
               case when status in ('open', 'on_hold') then resolution_due_at - interval '60 minutes' end
        from tickets`);
      done();
      done = step("tags");
      await c.query(`insert into tags (organization_id, name)
        select o.id, n.name from organizations o
        cross join (select unnest(array['t-common', 't-mid', 't-rare']) as name union all select 'spread-' || g from generate_series(1, ${SPREAD_TAGS}) g) n`);
      await c.query(`insert into ticket_tags (ticket_id, tag_id, organization_id, ticket_created_at)
        select t.id, tg.id, t.organization_id, t.created_at from tickets t
        join tags tg on tg.organization_id = t.organization_id and (
              (tg.name = 't-common' and t.number % 100 < 30)
           or (tg.name = 't-mid' and t.number % 50 = 7)
           or (tg.name = 't-rare' and t.number % 2000 = 13)
           or tg.name = 'spread-' || (1 + t.number % ${SPREAD_TAGS}))`);
      done();
      done = step("index builds");
    });
    done();
    console.log(`  rebuilt ${loaded.length} indexes`);
    done = step("vacuum analyze");
    await c.query("vacuum analyze");
    done();
  } finally {
    c.release();
    await p.end();
  }
}

type Captured = { text: string; values: unknown[] };
const lines: string[] = [];
const out = (s = "") => {
  console.log(s);
  lines.push(s);
};

async function main() {
  if (!process.argv.includes("--no-generate")) {
    console.log(`Generating ${URL_}`);
    await generate();
  }
  process.env.DATABASE_URL = URL_;
  process.env.APP_ENV = "development";
  process.env.APP_URL ??= "http://localhost:3000";
  process.env.BETTER_AUTH_SECRET ??= randomBytes(32).toString("base64url");
  process.env.LOG_LEVEL = "error";
  delete process.env.SMTP_URL;
  const { getPool, closeDb } = await import("../src/db/client");
  const { scoped } = await import("../src/db/scoped");
  const { listTickets } = await import("../src/domain/tickets/list-tickets");
  const { bulkUpdateTickets } = await import("../src/domain/tickets/bulk-update-tickets");
  const { ZBulkUpdate, ZListTicketsQuery } = await import("../src/domain/tickets/tickets.schemas");
  const { countViewTickets, formatCappedCount } = await import("../src/domain/views/count-view-tickets");

  let captured: Captured[] = [];
  getPool().on("connect", (client) => {
    const original = client.query.bind(client) as (...args: unknown[]) => unknown;
    (client as unknown as { query: (...args: unknown[]) => unknown }).query = (...args: unknown[]) => {
      const first = args[0] as { text?: string; values?: unknown[] } | string;
      if (typeof first === "object" && first?.text) captured.push({ text: first.text, values: first.values ?? (Array.isArray(args[1]) ? args[1] : []) });
      return original(...args);
    };
  });
  const explain = async (q: Captured) => {
    const res = await getPool().query(`explain (analyze, buffers) ${inlineParams(q.text, q.values)}`);
    const plan = res.rows.map((r: Record<string, string>) => r["QUERY PLAN"]!);
    const exec = /Execution Time: ([\d.]+) ms/.exec(plan.join("\n"));
    const indexes = [...new Set(plan.flatMap((l) => /(?:Index(?: Only)? Scan(?: Backward)? using|Bitmap Index Scan on) (\S+)/.exec(l)?.[1] ?? []))];
    return { plan, ms: exec ? Number(exec[1]) : Number.NaN, indexes, flags: planFlags(plan) };
  };

  const { rows: facts } = await getPool().query<{ total: string; big: string; common: string; mid: string; rare: string }>(`
    with big as (select id from organizations where slug = 'org-1')
    select (select count(*) from tickets)::text as total,
           (select count(*) from tickets where organization_id = (select id from big))::text as big,
           (select count(*) from ticket_tags tt join tags t on t.id = tt.tag_id where t.name = 't-common' and t.organization_id = (select id from big))::text as common,
           (select count(*) from ticket_tags tt join tags t on t.id = tt.tag_id where t.name = 't-mid' and t.organization_id = (select id from big))::text as mid,
           (select count(*) from ticket_tags tt join tags t on t.id = tt.tag_id where t.name = 't-rare' and t.organization_id = (select id from big))::text as rare`);
  const f = facts[0]!;
  const n = (s: string) => Number(s).toLocaleString("en");
  out(
    `# Triage bench (issue 11)\n\n${n(f.total)} tickets in ${SHARES.length} organizations; the biggest holds ${n(f.big)}: t-common on ${n(f.common)}, t-mid on ${n(f.mid)}, t-rare on ${n(f.rare)} of them.`,
  );

  const { rows: people } = await getPool().query<{ id: string; organization_id: string }>(
    `select u.id, u.organization_id from users u join organizations o on o.id = u.organization_id where o.slug = 'org-1' and u.role = 'agent' order by u.email limit 1`,
  );
  const actor = {
    userId: people[0]!.id,
    orgId: people[0]!.organization_id,
    role: "agent",
    name: "bench",
    sessionId: "bench",
    mfaEnabled: true,
    mfaRequired: false,
    ip: null,
    userAgent: null,
  } as const;

  // 1. The queue by tag: the app's own listTickets, its tickets query explained (slow ones in full below).
  const slowPlans: string[] = [];
  out("\n## Queue filtered by tag (25 per page)\n\n| query | execution | indexes | flags |\n| --- | --- | --- | --- |");
  const shape = async (label: string, query: Record<string, string>) => {
    captured = [];
    const page = await listTickets(actor, ZListTicketsQuery.parse(query));
    const q = captured.find(
      (c) => /from "ticket_tags" inner join "tickets"|from "ticket_sla" inner join "tickets"|from "tickets"/.test(c.text) && /limit/.test(c.text),
    )!;
    const e = await explain(q);
    out(`| ${label} | ${e.ms.toFixed(2)} ms | ${e.indexes.join(", ") || "none"} | ${e.flags.join("; ") || "—"} |`);
    if (e.ms > 20) slowPlans.push(`### ${label}\n\n\`\`\`\n${e.plan.join("\n")}\n\`\`\``);
    return page;
  };
  await shape("tag=t-common (30 %)", { tag: "t-common" });
  await shape("tag=t-mid (2 %)", { tag: "t-mid" });
  await shape("tag=t-rare (0.05 %)", { tag: "t-rare" });
  await shape("tag=t-common&status=open", { tag: "t-common", status: "open" });
  await shape("tag=t-mid&assignee=me", { tag: "t-mid", assignee: "me" });
  await shape("tag=t-rare&status=open (few or none)", { tag: "t-rare", status: "open" });
  let page = await listTickets(actor, ZListTicketsQuery.parse({ tag: "t-common", limit: "100" }));
  for (let i = 0; i < 9; i++) page = await listTickets(actor, ZListTicketsQuery.parse({ tag: "t-common", limit: "100", cursor: page.nextCursor! }));
  const deep = await shape("tag=t-common, page 11 (row 1,000+)", { tag: "t-common", cursor: page.nextCursor! });
  await shape("tag=t-common, Previous from there", { tag: "t-common", before: deep.prevCursor! });
  await shape("tag=t-mid&sort=due", { tag: "t-mid", sort: "due" });

  if (slowPlans.length) out(`\nPlans over 20 ms:\n\n${slowPlans.join("\n\n")}`);

  // 2. Saved views' capped counts.
  out("\n## Saved view counts (cap 1,000)\n\n| filters | count | wall time | count query execution | indexes | flags |\n| --- | --- | --- | --- | --- | --- |");
  const s = scoped(actor);
  const slowCounts: string[] = [];
  const views: Record<string, string>[] = [
    {},
    { status: "open,pending,on_hold" },
    { status: "open", priority: "urgent" },
    { assignee: "me", status: "open" },
    { assignee: "none" },
    { tag: "t-common" },
    { tag: "t-mid", status: "open" },
    { tag: "t-rare" },
    { sla: "breached" },
    { sort: "due", tag: "t-mid" },
  ];
  for (const filters of views) {
    captured = [];
    const started = performance.now();
    const count = await countViewTickets(actor, s, filters);
    const wall = performance.now() - started;
    const q = captured.find((c) => /count\(\*\)/.test(c.text))!;
    const e = await explain(q);
    out(
      `| ${new URLSearchParams(filters).toString() || "(all)"} | ${formatCappedCount(count)} | ${wall.toFixed(1)} ms | ${e.ms.toFixed(2)} ms | ${e.indexes.join(", ")} | ${e.flags.join("; ") || "—"} |`,
    );
    if (e.ms > 20) slowCounts.push(`### ${new URLSearchParams(filters).toString()}\n\n\`\`\`\n${e.plan.join("\n")}\n\`\`\``);
  }
  if (slowCounts.length) out(`\nCount plans over 20 ms:\n\n${slowCounts.join("\n\n")}`);
  const sidebarStarted = performance.now();
  await Promise.all(views.map((filters) => countViewTickets(actor, s, filters)));
  out(`\nA sidebar of these ${views.length} views, counted in parallel as the queue page does: ${(performance.now() - sidebarStarted).toFixed(0)} ms.`);

  // 3. Bulk: 100 open tickets, each in its own transaction with its SLA revision, timeline and audit event.
  out("\n## Bulk on 100 tickets (bulkUpdateTickets, the endpoint's domain call)\n\n| changes | result | time | per ticket |\n| --- | --- | --- | --- |");
  const { rows: open } = await getPool().query<{ id: string }>(
    `select id from tickets where organization_id = $1 and status = 'open' order by created_at desc limit 100`,
    [actor.orgId],
  );
  const ids = open.map((r) => r.id);
  const { rows: agents } = await getPool().query<{ id: string }>(
    `select id from users where organization_id = $1 and role = 'agent' order by email desc limit 1`,
    [actor.orgId],
  );
  for (const changes of [
    { status: "pending", addTags: ["bench-bulk"] },
    { priority: "urgent" },
    { assigneeId: agents[0]!.id, removeTags: ["bench-bulk"] },
    { status: "pending" },
  ] as Record<string, unknown>[]) {
    const started = performance.now();
    const res = await bulkUpdateTickets(actor, ZBulkUpdate.parse({ ids, changes }));
    const ms = performance.now() - started;
    const summary = Object.entries(res.summary)
      .filter(([, v]) => v > 0)
      .map(([k, v]) => `${v} ${k}`)
      .join(", ");
    out(`| ${JSON.stringify(changes).replace(/"[0-9a-f-]{36}"/, '"<agent>"')} | ${summary} | ${ms.toFixed(0)} ms | ${(ms / ids.length).toFixed(1)} ms |`);
  }
  await closeDb();
  mkdirSync(RESULTS, { recursive: true });
  writeFileSync(`${RESULTS}triage.md`, `${lines.join("\n")}\n`);
  console.log("\nWritten to bench/.results/triage.md");
}

await main();
