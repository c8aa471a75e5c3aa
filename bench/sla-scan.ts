// `npm run bench:sla`: the SLA breach scan over 1,000,000 open tickets (S9, issue 15). Builds its own database
// (BENCH_SLA_DATABASE_URL, default helpdesk_bench_sla) with set-based SQL, then runs the app's own scan
// code: EXPLAIN (ANALYZE, BUFFERS) of the exact claim query it sends; three runs of a full scan over the
// clocks due now (BENCH_SLA_DUE breached, about 3,000 more inside their warning lead), each beside the floor
// — the same writes as plain SQL in one transaction, rolled back — and one run of two scans racing over
// the same clocks (every event must exist once); then the plan of the queue's "due" order.
// E-mail and webhooks are on (an SMTP_URL nothing listens on, an endpoint per organization): the scan
// writes their outbox rows; nothing is delivered. `--no-generate` reuses the database of the last run; each
// run first puts the due clocks back (deletes what the previous scan wrote, except the append-only audit).
import { randomBytes } from "node:crypto";
import { performance } from "node:perf_hooks";
import { inlineParams } from "./lib/explain";
import { pool, recreateDatabase, step } from "./lib/database";
import { formatSummary, loadNote, summarise } from "./lib/runs";
import { runMigrations } from "../src/db/migrate";

const URL_ = process.env.BENCH_SLA_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/helpdesk_bench_sla";
const TICKETS = Number(process.env.BENCH_SLA_TICKETS ?? 1_000_000);
const DUE_NOW = Number(process.env.BENCH_SLA_DUE ?? 10_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
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

/** Puts the due clocks back as the generator left them: removes what earlier scans wrote (the audit chain is append-only and stays). */
async function resetDue(p: ReturnType<typeof pool>): Promise<void> {
  await p.query(`insert into webhook_endpoints (organization_id, url, secret) select id, 'https://hooks.bench.test/helpdesk', 'bench-webhook-secret-0123456789'
    from organizations on conflict do nothing`);
  await p.query(`update ticket_sla s set first_response_breached_at = null, next_reply_breached_at = null, resolution_breached_at = null,
      next_due_at = least(t.first_response_due_at, t.resolution_due_at),
      next_check_at = case when t.first_response_due_at < now() then t.first_response_due_at else least(t.first_response_due_at, t.resolution_due_at) - interval '60 minutes' end
    from tickets t where t.id = s.ticket_id and t.status = 'open' and s.ticket_id in (select ticket_id from sla_events)`);
  await p.query("delete from sla_events");
  await p.query("delete from notifications where type like 'sla.%'");
  await p.query("delete from outbox_messages where event_type like 'sla.%'");
  await p.query("delete from ticket_activity where field = 'sla'");
  await p.query("vacuum analyze ticket_sla, sla_events, notifications, outbox_messages, ticket_activity");
}

/**
 * The floor: what the scan writes for the clocks due now, as plain SQL in one transaction (rolled back) —
 * events, in-app notifications for the assignee or the admin, an e-mail and a webhook outbox row each,
 * timeline rows, the clocks' new state, and the breaches appended to each organization's chain in one
 * audit_append_batch() call. The bench data has first-response deadlines only, so that is the one kind.
 */
async function floorScan(p: ReturnType<typeof pool>): Promise<{ clocks: number; ms: number }> {
  const c = await p.connect();
  try {
    const started = performance.now();
    await c.query("begin");
    await c.query(`create temp table due on commit drop as
      select s.ticket_id, s.organization_id, s.started_at, t.first_response_due_at as due_at, t.number, t.title, t.version, t.public_version,
             case when t.first_response_due_at <= now() then 'breach' else 'warning' end as type,
             coalesce(t.assignee_id, (select u.id from users u where u.organization_id = t.organization_id and u.role = 'admin' limit 1)) as recipient
      from ticket_sla s join tickets t on t.id = s.ticket_id
      where s.next_check_at <= now() and t.first_response_due_at <= now() + interval '60 minutes' and s.first_response_breached_at is null
      order by s.next_check_at for update of s`);
    const { rows } = await c.query("select count(*)::int as n from due");
    await c.query(`insert into sla_events (organization_id, ticket_id, kind, type, clock_started_at, due_at)
      select organization_id, ticket_id, 'first_response', type, started_at, due_at from due on conflict do nothing`);
    await c.query(`insert into notifications (organization_id, user_id, ticket_id, type, title, body)
      select organization_id, recipient, ticket_id, 'sla.' || type, 'SLA ' || type || ': first response on ' || title,
             'Ticket #' || number || ' missed its first response target (due ' || due_at || ').' from due`);
    await c.query(`insert into outbox_messages (organization_id, channel, event_type, payload)
      select organization_id, 'email', 'sla.' || type, jsonb_build_object('to', 'agent@bench.test', 'recipientId', recipient, 'ticketId', ticket_id,
             'subject', '[#' || number || '] SLA', 'text', 'Ticket #' || number) from due
      union all
      select organization_id, 'webhook', 'sla.' || type, jsonb_build_object('event', 'sla.' || type, 'body', jsonb_build_object('id', gen_random_uuid(),
             'ticket', jsonb_build_object('id', ticket_id, 'number', number, 'title', title))::text) from due`);
    await c.query(`insert into ticket_activity (organization_id, ticket_id, field, from_value, to_value, staff_only, ticket_version, ticket_public_version)
      select organization_id, ticket_id, 'sla', 'first_response', type, true, version, public_version from due`);
    await c.query(`update ticket_sla s set first_response_breached_at = case when d.type = 'breach' then now() end, next_check_at = null, updated_at = now()
      from due d where d.ticket_id = s.ticket_id`);
    await c.query(`select count(*) from (
        select organization_id as org, array_agg(null::text) as actors, array_agg('sla.breached'::varchar) as actions, array_agg('ticket'::varchar) as types,
               array_agg(ticket_id::text) as targets, array_agg(jsonb_build_object('kind', 'first_response', 'dueAt', due_at)) as data,
               array_agg(null::varchar) as ips, array_agg(null::varchar) as agents, array_agg('{"action":"sla.breached","actorId":null,"createdAt":'::text) as p1,
               array_agg(',"data":{},"ip":null,"organizationId":"' || organization_id || '","seq":') as p2, array_agg(',"targetId":"' || ticket_id || '"}') as p3
        from due where type = 'breach' group by organization_id order by organization_id) g,
      lateral audit_append_batch(g.org, g.actors, g.actions, g.types, g.targets, g.data, g.ips, g.agents, g.p1, g.p2, g.p3)`);
    await c.query("rollback");
    return { clocks: rows[0].n, ms: performance.now() - started };
  } finally {
    c.release();
  }
}

/** Every warning and breach exists once, and each has its notification, timeline row and (breaches) audit event once. */
async function assertOnce(p: ReturnType<typeof pool>): Promise<void> {
  const { rows } = await p.query(`select
      (select count(*) from sla_events)::int as events,
      (select count(distinct (ticket_id, kind, type)) from sla_events)::int as distinct_events,
      (select count(*) from ticket_activity where field = 'sla')::int as activity,
      (select count(*) from notifications where type like 'sla.%')::int as notifications,
      (select count(distinct (ticket_id, type, user_id)) from notifications where type like 'sla.%')::int as distinct_notifications,
      (select count(*) from outbox_messages where event_type like 'sla.%' and channel = 'webhook')::int as webhooks`);
  const r = rows[0];
  const ok = r.events === r.distinct_events && r.activity === r.events && r.notifications === r.distinct_notifications && r.webhooks === r.events;
  console.log(
    `   exactly once: ${ok ? "yes" : "NO"} (${r.events} events, ${r.notifications} notifications, ${r.webhooks} webhook rows, ${r.activity} timeline rows)`,
  );
  if (!ok) throw new Error("the scan recorded something twice");
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
  // E-mails are queued (nothing listens here and nothing delivers during the bench).
  process.env.SMTP_URL = "smtp://127.0.0.1:2";
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

  await (async () => {
    const p = pool(URL_);
    await resetDue(p);
    await p.end();
  })();
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

  // 2. Full scans: three runs, each from the same due state, each beside the plain-SQL floor.
  const admin = pool(URL_);
  const perSec: number[] = [];
  const breachesPerSec: number[] = [];
  const floorPerSec: number[] = [];
  console.log(`\n## Full scan (${loadNote()})`);
  for (let run = 1; run <= RUNS; run++) {
    await resetDue(admin);
    const floor = await floorScan(admin);
    floorPerSec.push(floor.clocks / (floor.ms / 1000));
    const started = performance.now();
    const totals = await runSlaScan();
    const ms = performance.now() - started;
    perSec.push(totals.clocks / (ms / 1000));
    breachesPerSec.push(totals.breaches / (ms / 1000));
    console.log(
      `run ${run}: ${JSON.stringify(totals)} in ${ms.toFixed(0)} ms → ${Math.round(totals.clocks / (ms / 1000))} clocks/s, ` +
        `${Math.round(totals.breaches / (ms / 1000))} breaches/s (${(ms / Math.max(1, totals.breaches)).toFixed(2)} ms per breach); ` +
        `floor: ${floor.clocks} clocks in ${floor.ms.toFixed(0)} ms → ${Math.round(floor.clocks / (floor.ms / 1000))}/s`,
    );
    await assertOnce(admin);
  }
  const app = summarise(perSec);
  const floorSummary = summarise(floorPerSec);
  console.log(`scan: ${formatSummary(app, " clocks/s")}; breached tickets: ${formatSummary(summarise(breachesPerSec), "/s")}`);
  console.log(
    `floor (plain SQL, same writes, one transaction): ${formatSummary(floorSummary, " clocks/s")}; ratio ${(app.median / floorSummary.median).toFixed(2)}`,
  );

  // 3. Two scans racing over the same clocks: they split the work (SKIP LOCKED) and nothing is recorded twice.
  await resetDue(admin);
  const raceStarted = performance.now();
  const [a, b] = await Promise.all([runSlaScan(), runSlaScan()]);
  const raceMs = performance.now() - raceStarted;
  const clocks = a.clocks + b.clocks;
  console.log(
    `\n## Two scans at once: ${a.clocks} + ${b.clocks} clocks, ${a.breaches + b.breaches} breaches in ${raceMs.toFixed(0)} ms → ${Math.round(clocks / (raceMs / 1000))} clocks/s`,
  );
  await assertOnce(admin);

  // An idle scan (nothing due any more): the steady-state cost every minute.
  const idleStarted = performance.now();
  const idle = await runSlaScan();
  console.log(`Idle scan: ${JSON.stringify(idle)} in ${(performance.now() - idleStarted).toFixed(1)} ms (${loadNote()})`);
  await admin.end();

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
    // The page's statement: the longest one listTickets sent (the due order walks tickets.sla_due_at since
    // migration 0016, no longer a join from ticket_sla).
    const q = captured.reduce((a, b) => (b.text.length > a.text.length ? b : a));
    const plan = await explain(q);
    console.log(`\n## Queue ${new URLSearchParams(query).toString()}\n${plan.join("\n")}`);
  }
  await closeDb();
}

await main();
