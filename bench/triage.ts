// `npm run bench:triage`: the agent's triage tools (issue 11) on the bench database that
// `npm run bench:generate -- --scale=1m` builds (BENCH_DATABASE_URL; 1,000,000 tickets, the biggest
// organization 300,000). Runs the app's own code in this process and explains the exact SQL it sends:
//   1. the queue filtered by a tag (common, mid, rare; with other filters; deep pages, Previous; due order);
//   2. saved views' capped counts ("1,000+") for cheap and expensive filters, and a whole sidebar;
//   3. the bulk endpoint's domain call on 100 tickets (each in its own transaction, audited).
// Writes bench/.results/triage.md.
import { randomBytes } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { BENCH_DATABASE_URL as URL_, BIG_ORG } from "./lib/config";
import { inlineParams, planFlags } from "./lib/explain";
import { SHARE_TAGS } from "./lib/vocabulary";

const RESULTS = fileURLToPath(new URL("./.results/", import.meta.url));
const [COMMON, MID, RARE] = [SHARE_TAGS.common.name, SHARE_TAGS.mid.name, SHARE_TAGS.rare.name];

type Captured = { text: string; values: unknown[] };
const lines: string[] = [];
const out = (s = "") => {
  console.log(s);
  lines.push(s);
};

async function main() {
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

  const { rows: facts } = await getPool().query<{ total: string; big: string; common: string; mid: string; rare: string }>(
    `
    with big as (select id from organizations where slug = $1)
    select (select count(*) from tickets)::text as total,
           (select count(*) from tickets where organization_id = (select id from big))::text as big,
           (select count(*) from ticket_tags tt join tags t on t.id = tt.tag_id where t.name = $2 and t.organization_id = (select id from big))::text as common,
           (select count(*) from ticket_tags tt join tags t on t.id = tt.tag_id where t.name = $3 and t.organization_id = (select id from big))::text as mid,
           (select count(*) from ticket_tags tt join tags t on t.id = tt.tag_id where t.name = $4 and t.organization_id = (select id from big))::text as rare`,
    [BIG_ORG.slug, COMMON, MID, RARE],
  );
  const f = facts[0]!;
  const n = (s: string) => Number(s).toLocaleString("en");
  out(
    `# Triage bench (issue 11)\n\n${n(f.total)} tickets; the biggest organization holds ${n(f.big)}: ${COMMON} on ${n(f.common)}, ${MID} on ${n(f.mid)}, ${RARE} on ${n(f.rare)} of them.`,
  );

  const { rows: people } = await getPool().query<{ id: string; organization_id: string }>(
    `select u.id, u.organization_id from users u join organizations o on o.id = u.organization_id where o.slug = $1 and u.role = 'agent' order by u.email limit 1`,
    [BIG_ORG.slug],
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
  await shape(`tag=${COMMON} (30 %)`, { tag: COMMON });
  await shape(`tag=${MID} (2 %)`, { tag: MID });
  await shape(`tag=${RARE} (0.05 %)`, { tag: RARE });
  await shape(`tag=${COMMON}&status=open`, { tag: COMMON, status: "open" });
  await shape(`tag=${MID}&assignee=me`, { tag: MID, assignee: "me" });
  await shape(`tag=${RARE}&status=open (few or none)`, { tag: RARE, status: "open" });
  let page = await listTickets(actor, ZListTicketsQuery.parse({ tag: COMMON, limit: "100" }));
  for (let i = 0; i < 9; i++) page = await listTickets(actor, ZListTicketsQuery.parse({ tag: COMMON, limit: "100", cursor: page.nextCursor! }));
  const deep = await shape(`tag=${COMMON}, page 11 (row 1,000+)`, { tag: COMMON, cursor: page.nextCursor! });
  await shape(`tag=${COMMON}, Previous from there`, { tag: COMMON, before: deep.prevCursor! });
  await shape(`tag=${MID}&sort=due`, { tag: MID, sort: "due" });

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
    { tag: COMMON },
    { tag: MID, status: "open" },
    { tag: RARE },
    { sla: "breached" },
    { sort: "due", tag: MID },
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
