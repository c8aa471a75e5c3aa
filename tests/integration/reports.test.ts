// Issue 13, reports: what the rollups (migration 0032) answer equals a direct SQL computation over the
// tickets and their timeline, on random data — after edits, reopenings, compaction, deletions and a
// rebuild — through GET /api/reports (the route() pipeline). Also: business time by the SLA calendar
// through the app's own doors, who may open reports (agents only when allowed, S17), bad input → 400,
// and CSV cells guarded against formulas (S18).
import { randomUUID } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import pg from "pg";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { auditEvents, slaSettings, teams, tickets } from "@/db/schema";
import { bucketUpperMs } from "@/domain/reports/duration-buckets";
import { maintainReportRollups } from "@/domain/reports/maintain-rollups";
import { businessMsBetween } from "@/domain/sla/business-hours";
import { call, callJson } from "../support/api";
import { createOrg, signIn, type TestOrg } from "../support/factory";
import { createTicketAs } from "../support/tickets";

const DAY = 86_400_000;
const STATUSES = ["open", "pending", "on_hold", "resolved", "closed"] as const;
const PRIORITIES = ["low", "normal", "high", "urgent"] as const;
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** A small seeded generator, so a failure can be replayed with its seed. */
function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, int: (n: number) => Math.floor(next() * n), pick: <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)]! };
}

type Filter = { from: string; to: string; teamId?: string; priority?: (typeof PRIORITIES)[number] };

function query(f: Filter & { granularity?: string }) {
  const p = new URLSearchParams(Object.entries(f).filter(([, v]) => v !== undefined) as [string, string][]);
  return `/api/reports?${p}`;
}

/** The report as computed straight from tickets and ticket_activity, without any rollup. */
async function directReport(orgId: string, f: Filter) {
  const dims = sql`${f.teamId ? sql` and team_id = ${f.teamId}::uuid` : sql``}${f.priority ? sql` and priority = ${f.priority}::ticket_priority` : sql``}`;
  const where = sql`organization_id = ${orgId}::uuid${dims}`;
  const inRange = (col: string) => sql`(${sql.raw(col)} at time zone 'UTC')::date between ${f.from}::date and ${f.to}::date`;
  const rows = async (q: ReturnType<typeof sql>) => (await db().execute<Record<string, unknown>>(q)).rows;

  const created = await rows(
    sql`select (created_at at time zone 'UTC')::date::text as day, count(*)::int as n from tickets where ${where} and ${inRange("created_at")} group by 1`,
  );
  const solved = await rows(
    sql`select (resolved_at at time zone 'UTC')::date::text as day, count(*)::int as n from tickets where ${where} and ${inRange("resolved_at")} group by 1`,
  );

  const times = async (msCol: string, atCol: string, by: string | null) =>
    rows(sql`select ${sql.raw(by ?? "'all'")}::text as key, count(*)::int as n, sum(${sql.raw(msCol)})::float8 as total,
        report_bucket(percentile_disc(0.5) within group (order by ${sql.raw(msCol)})) as median_bucket,
        report_bucket(percentile_disc(0.9) within group (order by ${sql.raw(msCol)})) as p90_bucket
      from tickets where ${where} and ${sql.raw(msCol)} is not null and ${inRange(atCol)} group by 1`);
  const attainment = async (dueCol: string, atCol: string, by: string) =>
    rows(sql`select ${sql.raw(by)}::text as key, count(*) filter (where ${sql.raw(dueCol)} is not null)::int as targets,
        count(*) filter (where ${sql.raw(dueCol)} is not null and ${sql.raw(atCol)} <= ${sql.raw(dueCol)})::int as met
      from tickets where ${where} and ${inRange(atCol)} group by 1`);
  const agents = await rows(sql`select coalesce(assignee_id, '-') as key,
      count(*) filter (where ${inRange("created_at")})::int as assigned,
      count(*) filter (where ${inRange("resolved_at")})::int as solved,
      count(*) filter (where ${inRange("first_responded_at")} and first_response_business_ms is not null)::int as first_responses,
      sum(first_response_business_ms) filter (where ${inRange("first_responded_at")})::float8 as fr_total
    from tickets where ${where} group by 1`);

  // Each ticket's status, priority and team at the end of each day: its last recorded change up to that
  // day, else what its first recorded change moved it from, else what it is now.
  const stateAt = (field: string, column: string) => {
    const of = sql`from ticket_activity a where a.ticket_id = t.id and a.field = ${field}`;
    const upTo = sql`${of} and (a.created_at at time zone 'UTC')::date <= d.d`;
    return sql`case
      when exists (select 1 ${upTo}) then (select coalesce(a.to_value, '') ${upTo} order by a.seq desc limit 1)
      when exists (select 1 ${of}) then (select coalesce(a.from_value, '') ${of} order by a.seq limit 1)
      else coalesce(t.${sql.raw(column)}::text, '') end`;
  };
  const backlog = await rows(sql`
    with days as (select generate_series(${f.from}::date, ${f.to}::date, interval '1 day')::date as d),
    states as (
      select d.d, ${stateAt("status", "status")} as status, ${stateAt("priority", "priority")} as priority, ${stateAt("team", "team_id")} as team
      from days d join tickets t on t.organization_id = ${orgId}::uuid and (t.created_at at time zone 'UTC')::date <= d.d
    )
    select d::text as day, status, priority, count(*)::int as n from states
    where status in ('open', 'pending', 'on_hold')
      ${f.teamId ? sql`and team = ${f.teamId}` : sql``} ${f.priority ? sql`and priority = ${f.priority}` : sql``}
    group by 1, 2, 3`);

  return {
    created,
    solved,
    firstResponse: {
      all: await times("first_response_business_ms", "first_responded_at", null),
      byPriority: await times("first_response_business_ms", "first_responded_at", "priority"),
    },
    resolution: {
      all: await times("resolution_business_ms", "resolved_at", null),
      byPriority: await times("resolution_business_ms", "resolved_at", "priority"),
    },
    slaPriority: {
      fr: await attainment("first_response_due_at", "first_responded_at", "priority"),
      res: await attainment("resolution_due_at", "resolved_at", "priority"),
    },
    slaTeam: {
      fr: await attainment("first_response_due_at", "first_responded_at", "coalesce(team_id::text, '-')"),
      res: await attainment("resolution_due_at", "resolved_at", "coalesce(team_id::text, '-')"),
    },
    agents,
    backlog,
  };
}

// biome-ignore lint/suspicious/noExplicitAny: report bodies are checked field by field below
type Json = Record<string, any>;

function summaryOf(row: Record<string, unknown> | undefined) {
  if (!row) return { tickets: 0, medianMs: null, p90Ms: null, meanMs: null };
  const n = Number(row.n);
  return {
    tickets: n,
    medianMs: bucketUpperMs(Number(row.median_bucket)),
    p90Ms: bucketUpperMs(Number(row.p90_bucket)),
    meanMs: Math.round(Number(row.total) / n),
  };
}

/** Compares every section of the API's report with the direct computation. `backlogFrom` skips earlier days. */
async function expectReportMatches(cookie: string, orgId: string, f: Filter, backlogFrom = f.from) {
  const res = await callJson("GET", query(f), { cookie });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  const r: Json = res.body;
  const want = await directReport(orgId, f);
  const label = JSON.stringify(f);

  const byDay = (xs: Record<string, unknown>[]) => new Map(xs.map((x) => [x.day as string, Number(x.n)]));
  const created = byDay(want.created);
  const solved = byDay(want.solved);
  expect(
    r.volume.map((v: Json) => [v.period, v.created, v.solved]),
    `volume ${label}`,
  ).toEqual(r.volume.map((v: Json) => [v.period, created.get(v.period) ?? 0, solved.get(v.period) ?? 0]));
  expect(r.volume.length).toBe((Date.parse(f.to) - Date.parse(f.from)) / DAY + 1);

  const times = (w: { all: Record<string, unknown>[]; byPriority: Record<string, unknown>[] }, key: string | null) =>
    summaryOf((key === null ? w.all : w.byPriority).find((x) => x.key === (key ?? "all")));
  expect(r.responseTimes.overall.firstResponse, `first response ${label}`).toEqual(times(want.firstResponse, null));
  expect(r.responseTimes.overall.resolution, `resolution ${label}`).toEqual(times(want.resolution, null));
  for (const p of r.responseTimes.byPriority) {
    expect(p.firstResponse, `first response ${p.priority} ${label}`).toEqual(times(want.firstResponse, p.priority));
    expect(p.resolution, `resolution ${p.priority} ${label}`).toEqual(times(want.resolution, p.priority));
  }

  const att = (rows: Record<string, unknown>[], key: string) => {
    const row = rows.find((x) => x.key === key);
    const targets = Number(row?.targets ?? 0);
    const met = Number(row?.met ?? 0);
    return { targets, met, rate: targets > 0 ? met / targets : null };
  };
  for (const p of r.sla.byPriority) {
    expect({ fr: p.firstResponse, res: p.resolution }, `sla ${p.priority} ${label}`).toEqual({
      fr: att(want.slaPriority.fr, p.priority),
      res: att(want.slaPriority.res, p.priority),
    });
  }
  for (const t of r.sla.byTeam) {
    const key = t.teamId ?? "-";
    expect({ fr: t.firstResponse, res: t.resolution }, `sla team ${key} ${label}`).toEqual({ fr: att(want.slaTeam.fr, key), res: att(want.slaTeam.res, key) });
  }

  const wantAgents = want.agents
    .map((a) => ({
      agentId: a.key === "-" ? null : (a.key as string),
      assigned: Number(a.assigned),
      solved: Number(a.solved),
      firstResponses: Number(a.first_responses),
      meanFirstResponseMs: Number(a.first_responses) > 0 ? Math.round(Number(a.fr_total) / Number(a.first_responses)) : null,
    }))
    .filter((a) => a.assigned || a.solved || a.firstResponses);
  const gotAgents = r.agents.map((a: Json) => ({
    agentId: a.agentId,
    assigned: a.assigned,
    solved: a.solved,
    firstResponses: a.firstResponses,
    meanFirstResponseMs: a.meanFirstResponseMs,
  }));
  const byId = (a: { agentId: string | null }, b: { agentId: string | null }) => String(a.agentId).localeCompare(String(b.agentId));
  expect(gotAgents.sort(byId), `agents ${label}`).toEqual(wantAgents.sort(byId));

  const backlogWant = new Map<string, { total: number; status: Record<string, number>; priority: Record<string, number> }>();
  for (const row of want.backlog) {
    const day = row.day as string;
    const e = backlogWant.get(day) ?? { total: 0, status: { open: 0, pending: 0, on_hold: 0 }, priority: { low: 0, normal: 0, high: 0, urgent: 0 } };
    e.total += Number(row.n);
    e.status[row.status as string]! += Number(row.n);
    e.priority[row.priority as string]! += Number(row.n);
    backlogWant.set(day, e);
  }
  for (const b of r.backlog.filter((x: Json) => x.period >= backlogFrom)) {
    const e = backlogWant.get(b.period) ?? { total: 0, status: { open: 0, pending: 0, on_hold: 0 }, priority: { low: 0, normal: 0, high: 0, urgent: 0 } };
    expect({ total: b.total, status: b.byStatus, priority: b.byPriority }, `backlog ${b.period} ${label}`).toEqual(e);
  }
  return r;
}

/** Every monthly rollup row (migration 0034) is the sum of its month's daily rows, key by key. */
async function expectMonthsEqualDays(orgId: string) {
  const agentSums = ["created", "solved", "first_responses", "first_response_ms", "resolutions", "resolution_ms"]
    .concat(["first_response_targets", "first_response_met", "resolution_targets", "resolution_met"])
    .map((c) => `sum(${c})::text as ${c}`)
    .join(", ");
  const compare = async (days: string, months: string) => {
    const read = async (q: string) => (await db().execute<Record<string, unknown>>(sql.raw(q))).rows.map((r) => JSON.stringify(r)).sort();
    expect(await read(months), months).toEqual(await read(days));
  };
  const org = `organization_id = '${orgId}'::uuid`;
  await compare(
    `select report_month(day)::text as m, priority, team_id, assignee_id, ${agentSums} from report_agent_daily where ${org} group by 1, 2, 3, 4
       having not (sum(created) = 0 and sum(solved) = 0 and sum(first_responses) = 0 and sum(first_response_ms) = 0 and sum(resolutions) = 0 and sum(resolution_ms) = 0
                   and sum(first_response_targets) = 0 and sum(first_response_met) = 0 and sum(resolution_targets) = 0 and sum(resolution_met) = 0)`,
    `select month::text as m, priority, team_id, assignee_id, ${agentSums} from report_agent_monthly where ${org} group by 1, 2, 3, 4
       having not (sum(created) = 0 and sum(solved) = 0 and sum(first_responses) = 0 and sum(first_response_ms) = 0 and sum(resolutions) = 0 and sum(resolution_ms) = 0
                   and sum(first_response_targets) = 0 and sum(first_response_met) = 0 and sum(resolution_targets) = 0 and sum(resolution_met) = 0)`,
  );
  await compare(
    `select report_month(day)::text as m, metric, priority, team_id, bucket, sum(tickets)::int as n from report_durations where ${org} group by 1, 2, 3, 4, 5 having sum(tickets) <> 0`,
    `select month::text as m, metric, priority, team_id, bucket, sum(tickets)::int as n from report_durations_monthly where ${org} group by 1, 2, 3, 4, 5 having sum(tickets) <> 0`,
  );
}

describe("reports equal a direct SQL computation (issue 13)", () => {
  let org: TestOrg;
  let cookie: string;
  let extraTeam: string;
  const seed = Number(process.env.REPORTS_SEED ?? Math.floor(Math.random() * 1e9));
  const rnd = prng(seed);
  const now = Date.now();
  const to = isoDay(now);
  const from = isoDay(now - 59 * DAY);
  // Day `d` of the month `back` months before this one (0 = the last day of the month before it).
  const thisMonth = new Date(now);
  const dayOf = (back: number, d: number) => isoDay(Date.UTC(thisMonth.getUTCFullYear(), thisMonth.getUTCMonth() - back, d));
  const filters = (): Filter[] => [
    { from, to },
    { from, to, teamId: extraTeam },
    { from, to, priority: "high" },
    { from, to, teamId: org.teamId, priority: "urgent" },
    { from: isoDay(now - 20 * DAY), to: isoDay(now - 5 * DAY) },
    // The month grain (migration 0034): whole months, and ranges that start and end mid-month around them —
    // ends read as days, or as whole months with the days outside taken away.
    { from: dayOf(3, 1), to: dayOf(1, 0) },
    { from: dayOf(3, 10), to: dayOf(1, 20) },
    { from: dayOf(3, 25), to: dayOf(1, 5), teamId: extraTeam },
    { from: dayOf(3, 2), to: dayOf(2, 28), priority: "high" },
    { from: dayOf(1, 3), to: dayOf(1, 27) },
    { from: dayOf(2, 2), to: dayOf(0, 1) },
  ];
  let ids: string[] = [];

  beforeAll(async () => {
    org = await createOrg("reports-random");
    cookie = await signIn(org.admin);
    const [team] = await db().insert(teams).values({ organizationId: org.id, name: "Billing" }).returning();
    extraTeam = team!.id;
  });

  it(`matches on random tickets with edits, reopenings and compaction (seed ${seed})`, async () => {
    const teamChoices = [org.teamId, extraTeam, null];
    const people = [org.agent.id, org.agent2.id, org.admin.id, null];
    const dueAfter = (created: number) => (rnd.next() < 0.2 ? null : new Date(created + (1 + rnd.int(72)) * 3_600_000));
    const N = 200;
    for (let i = 0; i < N; i++) {
      const created = now - 130 * DAY + rnd.int(129 * DAY);
      const state = { status: "open" as string, priority: rnd.pick(PRIORITIES) as string, team: rnd.pick(teamChoices), assignee: rnd.pick(people) };
      const [row] = await db()
        .insert(tickets)
        .values({
          organizationId: org.id,
          number: 1000 + i,
          title: `random ${i}`,
          descriptionMd: "x",
          requesterId: org.requester.id,
          priority: state.priority as (typeof PRIORITIES)[number],
          teamId: state.team,
          assigneeId: state.assignee,
          firstResponseDueAt: dueAfter(created),
          resolutionDueAt: dueAfter(created),
          createdAt: new Date(created),
          updatedAt: new Date(created),
        })
        .returning({ id: tickets.id });
      const id = row!.id;
      ids.push(id);
      let at = created;
      let responded = false;
      let resolved = false;
      for (let e = rnd.int(7); e > 0; e--) {
        at += rnd.int(4 * DAY);
        if (at >= now) break;
        const when = new Date(at);
        const activity = (field: string, fromValue: string | null, toValue: string | null) =>
          db().execute(sql`insert into ticket_activity (organization_id, ticket_id, field, from_value, to_value, ticket_version, ticket_public_version, created_at)
            values (${org.id}, ${id}, ${field}, ${fromValue}, ${toValue}, 1, 1, ${when.toISOString()}::timestamptz)`);
        const kind = rnd.pick(["reply", "status", "status", "priority", "team", "assignee"] as const);
        if (kind === "reply" && !responded) {
          responded = true;
          await db()
            .update(tickets)
            .set({ firstRespondedAt: when, firstResponseBusinessMs: rnd.int(5 * DAY), updatedAt: when })
            .where(eq(tickets.id, id));
        } else if (kind === "status") {
          const next = rnd.pick(STATUSES.filter((s) => s !== state.status));
          const done = next === "resolved" || next === "closed";
          const patch: Partial<typeof tickets.$inferInsert> = { status: next, updatedAt: when };
          // Resolving stamps the moment and its business time; reopening clears both (resolutionUpdate).
          if (done && !resolved) Object.assign(patch, { resolvedAt: when, resolutionBusinessMs: rnd.int(20 * DAY) });
          if (!done && resolved) Object.assign(patch, { resolvedAt: null, resolutionBusinessMs: null });
          resolved = done;
          await db().update(tickets).set(patch).where(eq(tickets.id, id));
          await activity("status", state.status, next);
          state.status = next;
        } else if (kind === "priority") {
          const next = rnd.pick(PRIORITIES.filter((p) => p !== state.priority));
          await db()
            .update(tickets)
            .set({ priority: next, firstResponseDueAt: dueAfter(created), resolutionDueAt: dueAfter(created), updatedAt: when })
            .where(eq(tickets.id, id));
          await activity("priority", state.priority, next);
          state.priority = next;
        } else if (kind === "team") {
          const next = rnd.pick(teamChoices.filter((t) => t !== state.team));
          await db().update(tickets).set({ teamId: next, updatedAt: when }).where(eq(tickets.id, id));
          await activity("team", state.team, next);
          state.team = next;
        } else if (kind === "assignee") {
          const next = rnd.pick(people.filter((p) => p !== state.assignee));
          await db().update(tickets).set({ assigneeId: next, updatedAt: when }).where(eq(tickets.id, id));
          await activity("assignee", state.assignee, next);
          state.assignee = next;
        }
      }
      // Half the deltas are folded mid-way: reports sum compacted and pending rows alike.
      if (i === N / 2) await db().execute(sql`select report_rollups_compact()`);
    }
    for (const f of filters()) await expectReportMatches(cookie, org.id, f);
    await expectMonthsEqualDays(org.id);
    // By week, the same days summed.
    const week = await callJson("GET", query({ from, to, granularity: "week" }), { cookie });
    const day = await callJson("GET", query({ from, to }), { cookie });
    expect(week.body.volume.reduce((n: number, v: Json) => n + v.created, 0)).toBe(day.body.volume.reduce((n: number, v: Json) => n + v.created, 0));
    expect({ ...week.body.backlog.at(-1), period: to }).toEqual(day.body.backlog.at(-1));
    expect(week.body.volume.length).toBeLessThanOrEqual(10);
  }, 180_000);

  it("still matches after tickets are deleted (from the deletion day on) and after a rebuild (every day)", async () => {
    const gone = ids.filter((_, i) => i % 9 === 0);
    await db().execute(sql`delete from tickets where id = any(${sql.param(gone)}::uuid[])`);
    ids = ids.filter((id) => !gone.includes(id));
    // A deleted ticket leaves every count at once, and the backlog from the day it was deleted (today).
    for (const f of filters().filter((x) => x.to === to)) await expectReportMatches(cookie, org.id, f, to);

    // The migration's backfill, run again from the tickets and their timeline, answers the same, every day.
    const owner = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await owner.connect();
    try {
      await expectMonthsEqualDays(org.id);
      await owner.query("select report_rollups_rebuild()");
    } finally {
      await owner.end();
    }
    for (const f of filters()) await expectReportMatches(cookie, org.id, f);
    await expectMonthsEqualDays(org.id);
    await db().execute(sql`select report_rollups_compact()`);
    await expectMonthsEqualDays(org.id);
  }, 180_000);
});

describe("business time through the app's doors (issue 13)", () => {
  let org: TestOrg;
  beforeAll(async () => {
    org = await createOrg("reports-doors");
    // Business hours that exclude part of every day, so business time differs from elapsed time.
    const weekly = Object.fromEntries(["sun", "mon", "tue", "wed", "thu", "fri", "sat"].map((d) => [d, [{ start: "00:00", end: "23:59" }]]));
    await db().insert(slaSettings).values({ organizationId: org.id, timeZone: "Europe/Berlin", alwaysOpen: false, weeklyHours: weekly, holidays: [] });
  });

  it("a reply, a resolution and a reopening write business time by the SLA calendar; the job fills what is missing", async () => {
    const requester = await signIn(org.requester);
    const agent = await signIn(org.agent);
    const ticket = await createTicketAs(requester, { title: "Printer", descriptionMd: "jammed" });
    expect((await callJson("POST", `/api/tickets/${ticket.id}/comments`, { cookie: agent, body: { bodyMd: "On it" } })).status).toBe(201);
    expect((await callJson("PATCH", `/api/tickets/${ticket.id}`, { cookie: agent, body: { status: "resolved" } })).status).toBe(200);
    const [row] = await db().select().from(tickets).where(eq(tickets.id, ticket.id));
    const [settings] = await db().select().from(slaSettings).where(eq(slaSettings.organizationId, org.id));
    const cal = { timeZone: settings!.timeZone, alwaysOpen: false, weeklyHours: settings!.weeklyHours, holidays: settings!.holidays };
    expect(row!.firstResponseBusinessMs).toBe(businessMsBetween(cal, row!.createdAt, row!.firstRespondedAt!));
    expect(row!.resolutionBusinessMs).toBe(businessMsBetween(cal, row!.createdAt, row!.resolvedAt!));

    const admin = await signIn(org.admin);
    const today = isoDay(Date.now());
    const report = async () => (await callJson("GET", `/api/reports?from=${today}&to=${today}`, { cookie: admin })).body;
    expect((await report()).totals).toEqual({ created: 1, solved: 1 });
    expect((await report()).responseTimes.overall.resolution.meanMs).toBe(row!.resolutionBusinessMs);

    // Reopened: no longer solved, its resolution time gone until it is resolved again.
    expect((await callJson("PATCH", `/api/tickets/${ticket.id}`, { cookie: agent, body: { status: "open" } })).status).toBe(200);
    const [reopened] = await db().select().from(tickets).where(eq(tickets.id, ticket.id));
    expect([reopened!.resolvedAt, reopened!.resolutionBusinessMs]).toEqual([null, null]);
    expect((await report()).totals).toEqual({ created: 1, solved: 0 });
    expect((await report()).responseTimes.overall.resolution.tickets).toBe(0);

    // Written before business times existed (or by a door that does not compute them): the job does.
    await db().update(tickets).set({ firstResponseBusinessMs: null }).where(eq(tickets.id, ticket.id));
    expect((await report()).responseTimes.overall.firstResponse.tickets).toBe(0);
    const run = await maintainReportRollups();
    expect(run.durations).toBeGreaterThanOrEqual(1);
    const [filled] = await db().select().from(tickets).where(eq(tickets.id, ticket.id));
    expect(filled!.firstResponseBusinessMs).toBe(row!.firstResponseBusinessMs);
    expect((await report()).responseTimes.overall.firstResponse).toMatchObject({ tickets: 1, meanMs: row!.firstResponseBusinessMs });
  });
});

describe("who may open reports, and what they accept (issue 13, S17)", () => {
  let org: TestOrg;
  const cookies: Record<string, string> = {};
  beforeAll(async () => {
    org = await createOrg("reports-access");
    for (const role of ["admin", "agent", "requester"] as const) cookies[role] = await signIn(org[role]);
  });

  it("admins always; agents only while the organization allows it (audited); requesters never", async () => {
    expect((await callJson("GET", "/api/reports", { cookie: cookies.admin })).status).toBe(200);
    const denied = await callJson("GET", "/api/reports", { cookie: cookies.agent });
    expect(denied.status).toBe(403);
    expect(denied.body.error.code).toBe("forbidden");
    expect((await call("GET", "/api/reports/csv?section=volume", { cookie: cookies.agent })).status).toBe(403);
    expect((await callJson("GET", "/api/reports", { cookie: cookies.requester })).status).toBe(403);

    const allow = await callJson("PATCH", "/api/admin/organization", { cookie: cookies.admin, body: { agentReportsAllowed: true, agentExportsAllowed: true } });
    expect(allow.status).toBe(200);
    expect(allow.body).toMatchObject({ agentReportsAllowed: true, agentExportsAllowed: true });
    expect((await callJson("GET", "/api/admin/organization", { cookie: cookies.admin })).body).toMatchObject({
      agentReportsAllowed: true,
      agentExportsAllowed: true,
    });
    const events = await db().select().from(auditEvents).where(eq(auditEvents.organizationId, org.id));
    const changed = events.filter((e) => e.action === "organization.settings_updated").at(-1);
    expect(changed?.data).toMatchObject({ changes: { agentReportsAllowed: { from: false, to: true }, agentExportsAllowed: { from: false, to: true } } });

    expect((await callJson("GET", "/api/reports", { cookie: cookies.agent })).status).toBe(200);
    expect((await call("GET", "/api/reports/csv?section=agents", { cookie: cookies.agent })).status).toBe(200);
    expect((await callJson("POST", "/api/exports", { cookie: cookies.agent, body: { format: "csv", from: "2026-01-01", to: "2026-12-31" } })).status).toBe(202);
    // Requesters stay out whatever the setting says.
    expect((await callJson("GET", "/api/reports", { cookie: cookies.requester })).status).toBe(403);
    // Taking it back applies to the agent's very next request.
    expect((await callJson("PATCH", "/api/admin/organization", { cookie: cookies.admin, body: { agentReportsAllowed: false } })).status).toBe(200);
    expect((await callJson("GET", "/api/reports", { cookie: cookies.agent })).status).toBe(403);
    // Agents cannot switch it on for themselves.
    expect((await callJson("PATCH", "/api/admin/organization", { cookie: cookies.agent, body: { agentReportsAllowed: true } })).status).toBe(403);
    expect((await callJson("PATCH", "/api/admin/organization", { cookie: cookies.admin, body: { agentReportsAllowed: "yes" } })).status).toBe(400);
  });

  it("the app's database role may read the rollups and fold them, never write or rebuild them", async () => {
    const attempts = [
      sql`insert into report_daily (organization_id, day, priority, created) values (${org.id}, '2026-01-01', 'urgent', 1000)`,
      sql`update report_backlog set tickets = tickets + 1`,
      sql`delete from report_durations`,
      sql`delete from report_agent_daily`,
      sql`insert into report_agent_monthly (organization_id, month, priority, created) values (${org.id}, '2026-01-01', 'urgent', 1000)`,
      sql`update report_durations_monthly set tickets = tickets + 1`,
      sql`select report_rollups_rebuild()`,
      sql`select report_rollups_rebuild_days()`,
      sql`select report_rollups_compact_days()`,
      sql`select report_contribute(t, 1) from tickets t limit 1`,
    ];
    for (const attempt of attempts) await expect(db().execute(attempt)).rejects.toMatchObject({ cause: { code: "42501" } });
    await expect(db().execute(sql`select report_rollups_compact()`)).resolves.toBeDefined();
  });

  it("bad filters are a 400 with a JSON body naming the field; another organization's team is a 404", async () => {
    const bad = [
      "from=2026-13-01",
      "from=2026-02-30",
      "from=yesterday",
      "from=2026-03-01&to=2026-02-01",
      "from=2020-01-01&to=2026-01-01",
      "priority=critical",
      "teamId=not-a-uuid",
      "granularity=month",
      "organizationId=00000000-0000-0000-0000-000000000000",
    ];
    for (const q of bad) {
      const res = await callJson("GET", `/api/reports?${q}`, { cookie: cookies.admin });
      expect(res.status, q).toBe(400);
      expect(res.body.error.code, q).toBe("invalid");
    }
    const noSection = await callJson("GET", "/api/reports/csv", { cookie: cookies.admin });
    expect(noSection.status).toBe(400);
    expect((await callJson("GET", "/api/reports/csv?section=secrets", { cookie: cookies.admin })).status).toBe(400);

    const other = await createOrg("reports-other");
    const foreignTeam = await callJson("GET", `/api/reports?teamId=${other.teamId}`, { cookie: cookies.admin });
    expect(foreignTeam.status).toBe(404);
    expect(JSON.stringify(foreignTeam.body)).not.toContain(other.teamId);
    expect((await call("GET", `/api/reports/csv?section=teams&teamId=${other.teamId}`, { cookie: cookies.admin })).status).toBe(404);
    expect((await callJson("GET", `/api/reports?teamId=${randomUUID()}`, { cookie: cookies.admin })).status).toBe(404);
    // Empty form fields mean "any".
    expect((await callJson("GET", "/api/reports?from=&to=&teamId=&priority=&granularity=", { cookie: cookies.admin })).status).toBe(200);
  });

  it("every section downloads as CSV, with names that look like formulas neutralised", async () => {
    await db().insert(teams).values({ organizationId: org.id, name: '=HYPERLINK("http://evil.test","x")' });
    await db().insert(teams).values({ organizationId: org.id, name: "\t-2+3" });
    for (const section of ["volume", "backlog", "response-times", "sla", "agents", "teams"]) {
      const res = await call("GET", `/api/reports/csv?section=${section}`, { cookie: cookies.admin });
      expect(res.status, section).toBe(200);
      expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
      expect(res.headers.get("content-disposition")).toMatch(
        new RegExp(`^attachment; filename="report-${section}-\\d{4}-\\d{2}-\\d{2}-to-\\d{4}-\\d{2}-\\d{2}\\.csv"$`),
      );
      const text = await res.text();
      expect(text.split("\n")[0]!.length, section).toBeGreaterThan(5);
      if (section === "teams" || section === "sla") {
        expect(text).toContain(`"'=HYPERLINK(""http://evil.test"",""x"")"`);
        expect(text).toContain(`"'\t-2+3"`);
        expect(text).not.toMatch(/(^|,)"?=HYPERLINK/m);
      }
    }
  });
});
