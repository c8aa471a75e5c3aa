// `npm run bench:sla`: the SLA breach scan over 1,000,000 open tickets (S9). Builds its own database
// (BENCH_SLA_DATABASE_URL, default helpdesk_bench_sla) with set-based SQL, then runs the app's own scan
// code: EXPLAIN (ANALYZE, BUFFERS) of the exact claim query it sends, the time of a full scan that records
// the breaches due now, and the plan of the queue's "due" order for the largest organization.
// `--no-generate` reuses the database of the last run.
import { randomBytes } from "node:crypto";
import { performance } from "node:perf_hooks";
import { inlineParams } from "./lib/explain";
import { pool, recreateDatabase, step } from "./lib/database";
import { runMigrations } from "../src/db/migrate";

const URL_ = process.env.BENCH_SLA_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/helpdesk_bench_sla";
const TICKETS = Number(process.env.BENCH_SLA_TICKETS ?? 1_000_000);
const DUE_NOW = Number(process.env.BENCH_SLA_DUE ?? 1_000);
const ORGS = 10;

async function generate(): Promise<void> {
  await recreateDatabase(URL_);
  await runMigrations(URL_);
  const p = pool(URL_);
  const c = await p.connect();
  try {
    let done = step("organizations, users, teams, policies");
    await c.query(`insert into organizations (name, slug, ticket_counter) select 'Org ' || g, 'org-' || g, 0 from generate_series(1, ${ORGS}) g`);
    await c.query(`insert into users (id, name, email, role, organization_id, email_verified)
      select gen_random_uuid()::text, r.role || ' ' || o.slug, r.role || '@' || o.slug || '.bench.test', r.role::user_role, o.id, true
      from organizations o cross join (values ('admin'), ('agent'), ('requester')) r(role)`);
    await c.query(`insert into teams (organization_id, name) select id, 'Support' from organizations`);
    await c.query(`insert into team_members (team_id, user_id, organization_id)
      select t.id, u.id, u.organization_id from teams t join users u on u.organization_id = t.organization_id and u.role = 'agent'`);
    await c.query(`insert into sla_policies (organization_id, priority, first_response_minutes, next_reply_minutes, resolution_minutes)
      select o.id, p.priority, p.fr, p.nr, p.res from organizations o
      cross join (values ('urgent'::ticket_priority, 30, 30, 240), ('high', 120, 120, 1440), ('normal', 480, 480, 4320), ('low', 1440, null, 10080)) p(priority, fr, nr, res)`);
    done();

    // 1M open tickets: created over the last 30 days, due in the future (the scan keeps up, so at any
    // moment only what fell due in the last minute is pending); DUE_NOW of them fell due 5 minutes ago.
    done = step(`${TICKETS.toLocaleString()} tickets`);
    await c.query("set synchronous_commit = off");
    // Bulk loads are not news: the live event log (migration 0018) stays out of it for this session.
    await c.query("set helpdesk.live_events = 'off'");
    await c.query(`
      with o as (select id, row_number() over (order by slug) - 1 as k from organizations),
           u as (select organization_id, max(id) filter (where role = 'requester') as requester, max(id) filter (where role = 'agent') as agent from users group by organization_id)
      insert into tickets (organization_id, number, title, description_md, status, priority, requester_id, assignee_id, created_at, updated_at,
                           first_response_due_at, resolution_due_at)
      select o.id, g, 'Bench ticket ' || g, '', case when g % 10 = 0 then 'pending'::ticket_status else 'open' end,
             (array['low','normal','high','urgent']::ticket_priority[])[1 + g % 4], u.requester, case when g % 3 = 0 then null else u.agent end,
             now() - (g % 43200) * interval '1 minute', now() - (g % 43200) * interval '1 minute',
             case when g <= ${DUE_NOW} then now() - interval '5 minutes' else now() + (1 + g % 20000) * interval '1 minute' end,
             now() + (20000 + g % 20000) * interval '1 minute'
      from generate_series(1, ${TICKETS}) g
      join o on o.k = g % ${ORGS}
      join u on u.organization_id = o.id`);
    await c.query(`update organizations o set ticket_counter = (select count(*) from tickets t where t.organization_id = o.id)`);
    done();

    done = step("clocks (ticket_sla)");
    await c.query(`
      insert into ticket_sla (ticket_id, organization_id, started_at, paused_since, next_due_at, next_check_at)
      select id, organization_id, created_at,
             case when status = 'pending' then updated_at end,
             case when status = 'pending' then null else least(first_response_due_at, resolution_due_at) end,
             case when status = 'pending' then null else least(first_response_due_at, resolution_due_at) - interval '60 minutes' end
      from tickets`);
    // The due ones have had their warning already: their next check is the due time itself.
    await c.query(`update ticket_sla s set next_check_at = t.first_response_due_at from tickets t
                   where t.id = s.ticket_id and t.first_response_due_at < now() and t.status = 'open'`);
    done();
    done = step("vacuum analyze");
    await c.query("vacuum analyze");
    done();
  } finally {
    c.release();
    await p.end();
  }
}

type Captured = { text: string; values: unknown[] };

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
  const { getPool, closeDb, db } = await import("../src/db/client");
  const { unsafeClaimDueClocks } = await import("../src/db/unsafe-sla-scan");
  const { runSlaScan } = await import("../src/jobs/sla-breach-scan");
  const { listTickets } = await import("../src/domain/tickets/list-tickets");
  const { ZListTicketsQuery } = await import("../src/domain/tickets/tickets.schemas");

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
    return res.rows.map((r: Record<string, string>) => r["QUERY PLAN"]!);
  };

  const counts = await getPool().query(`select (select count(*) from tickets where status in ('open','pending')) as open,
    (select count(*) from ticket_sla where next_check_at <= now()) as due`);
  console.log(`\nOpen tickets: ${Number(counts.rows[0].open).toLocaleString()}, clocks due now: ${counts.rows[0].due}`);

  // 1. The claim query exactly as the scan sends it (inside a transaction that is rolled back).
  captured = [];
  await db()
    .transaction(async (tx) => {
      await unsafeClaimDueClocks(tx, new Date(), 50);
      throw new Error("rollback");
    })
    .catch(() => undefined);
  const claim = captured.find((c) => /from "ticket_sla"/.test(c.text) && /skip locked/i.test(c.text))!;
  console.log(`\n## Claim query (one batch of 50)\n${inlineParams(claim.text, claim.values)}\n`);
  console.log((await explain(claim)).join("\n"));

  // 2. A full scan: every due clock claimed, breach recorded, notifications and audit written.
  const started = performance.now();
  const totals = await runSlaScan();
  const ms = performance.now() - started;
  console.log(`\n## Full scan\n${JSON.stringify(totals)} in ${ms.toFixed(0)} ms (${(ms / Math.max(1, totals.clocks)).toFixed(2)} ms per due ticket)`);

  // 3. An idle scan (nothing due any more): the steady-state cost every minute.
  const idleStarted = performance.now();
  const idle = await runSlaScan();
  console.log(`Idle scan: ${JSON.stringify(idle)} in ${(performance.now() - idleStarted).toFixed(1)} ms`);

  // 4. The queue in due order and the breached filter for one organization of 100,000 tickets.
  const { rows } = await getPool().query(`select u.id as user_id, u.organization_id from users u where u.role = 'agent' order by u.email limit 1`);
  const actor = {
    userId: rows[0].user_id,
    orgId: rows[0].organization_id,
    role: "agent",
    name: "bench",
    sessionId: "bench",
    mfaEnabled: true,
    mfaRequired: false,
    ip: null,
    userAgent: null,
  } as const;
  for (const query of [{ sort: "due" }, { sla: "breached" }, { sort: "due", status: "open", priority: "urgent" }] as Record<string, string>[]) {
    captured = [];
    await listTickets(actor, ZListTicketsQuery.parse(query));
    const q = captured.find((c) => /from "ticket_sla" inner join "tickets"/.test(c.text))!;
    const plan = await explain(q);
    console.log(`\n## Queue ${new URLSearchParams(query).toString()}\n${plan.join("\n")}`);
  }
  await closeDb();
}

await main();
