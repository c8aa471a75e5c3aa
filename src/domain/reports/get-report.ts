// The manager's report (issue 13): created vs solved, backlog over time, first-response and resolution
// times in business hours (median, 90th percentile, mean), SLA attainment per priority and team, and
// load and response times per agent and team — all read from the rollups (migrations 0032 and 0034), four
// statements run side by side, whatever the number of tickets — and customer satisfaction (good and bad
// answers, the response rate and the latest comments), read from the answers themselves. Days are UTC days.
import { can, type Actor } from "@/auth/actor";
import type { TTicketPriority, TTicketStatus } from "@/db/schema/enums";
import { TICKET_PRIORITIES } from "@/db/schema/enums";
import { type DailyRow, type DurationRow, type RollupFilter, type Scoped, scoped } from "@/db/scoped";
import { staffLabel } from "@/domain/directory/staff-label";
import { now } from "@/lib/clock";
import { NotFound } from "@/lib/errors";
import { type DurationSummary, summarize } from "./duration-buckets";
import { requireReportAccess } from "./report-access";
import type { TReportQuery } from "./reports.schemas";

const DAY_MS = 86_400_000;
/** Without a range: the last 30 days up to today. */
const DEFAULT_DAYS = 30;
export const BACKLOG_STATUSES = ["open", "pending", "on_hold"] as const satisfies readonly TTicketStatus[];

const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const dayMs = (day: string) => Date.parse(`${day}T00:00:00Z`);

export interface Attainment {
  targets: number;
  met: number;
  /** met / targets, null without targets. */
  rate: number | null;
}
const attainment = (targets: number, met: number): Attainment => ({ targets, met, rate: targets > 0 ? met / targets : null });
/** How many satisfaction comments a report shows. */
export const REPORT_COMMENTS = 10;

export interface Satisfaction {
  good: number;
  bad: number;
  /** good / (good + bad), null without answers. */
  goodShare: number | null;
}
const satisfactionOf = (r: { good: number; bad: number } | undefined): Satisfaction => {
  const good = r?.good ?? 0;
  const bad = r?.bad ?? 0;
  return { good, bad, goodShare: good + bad > 0 ? good / (good + bad) : null };
};
const mean = (sum: number, n: number) => (n > 0 ? Math.round(sum / n) : null);

export interface Times {
  firstResponse: DurationSummary & { meanMs: number | null };
  resolution: DurationSummary & { meanMs: number | null };
}

function emptyHistograms() {
  return { 1: new Map<number, number>(), 2: new Map<number, number>() };
}

function timesOf(
  h: ReturnType<typeof emptyHistograms>,
  sums: Pick<DailyRow, "firstResponses" | "firstResponseMs" | "resolutions" | "resolutionMs"> | undefined,
): Times {
  return {
    firstResponse: { ...summarize(h[1]), meanMs: mean(sums?.firstResponseMs ?? 0, sums?.firstResponses ?? 0) },
    resolution: { ...summarize(h[2]), meanMs: mean(sums?.resolutionMs ?? 0, sums?.resolutions ?? 0) },
  };
}

/** The UTC days of the range, and the period (day, or the week's Monday) each one falls in. */
function periodsOf(from: string, to: string, granularity: "day" | "week") {
  const days: { day: string; period: string }[] = [];
  for (let t = dayMs(from); t <= dayMs(to); t += DAY_MS) {
    const day = isoDay(t);
    const monday = t - ((new Date(t).getUTCDay() + 6) % 7) * DAY_MS;
    days.push({ day, period: granularity === "day" ? day : isoDay(Math.max(monday, dayMs(from))) });
  }
  return days;
}

export function resolveRange(query: TReportQuery, today: Date = now()) {
  const to = query.to ?? (query.from ? isoDay(Math.min(dayMs(query.from) + (DEFAULT_DAYS - 1) * DAY_MS, today.getTime())) : isoDay(today.getTime()));
  const from = query.from ?? isoDay(dayMs(to) - (DEFAULT_DAYS - 1) * DAY_MS);
  // A start after today with no end: the range is that one day.
  const end = [from, to].sort()[1]!;
  return { from, to: end, granularity: query.granularity ?? "day" };
}

export async function getReport(actor: Actor, query: TReportQuery) {
  const s = scoped(actor);
  await requireReportAccess(actor, s);
  return buildReport(s, query);
}

export async function buildReport(s: Scoped, query: TReportQuery) {
  const { from, to, granularity } = resolveRange(query);
  const teams = await s.teams.list();
  // Another organization's team (or none) is not found, like any id outside the caller's scope (S20).
  if (query.teamId && !teams.some((t) => t.id === query.teamId)) throw NotFound("team");
  const filter: RollupFilter = { from, to, teamId: query.teamId, priority: query.priority };
  const [daily, assignees, durations, backlogRows, csat] = await Promise.all([
    s.reports.daily(filter),
    s.reports.byAssignee(filter),
    s.reports.durations(filter),
    s.reports.backlog(filter),
    can(s.actor, "satisfaction.read.all")
      ? Promise.all([s.reports.satisfaction(filter), s.reports.satisfactionAsked(filter), s.reports.satisfactionComments(filter, REPORT_COMMENTS)])
      : null,
  ]);

  const byGroup = (group: DailyRow["group"]) => new Map(daily.filter((r) => r.group === group).map((r) => [r.key, r]));
  const perDay = byGroup("day");
  const perPriority = byGroup("priority");
  const perTeam = byGroup("team");
  const perAssignee = new Map(assignees.map((r) => [r.key, r]));
  const total = sumRows([...perDay.values()]);

  const days = periodsOf(from, to, granularity);
  const periods = [...new Set(days.map((d) => d.period))];

  const volume = periods.map((period) => {
    const rows = days.filter((d) => d.period === period).map((d) => perDay.get(d.day));
    return { period, created: rows.reduce((n, r) => n + (r?.created ?? 0), 0), solved: rows.reduce((n, r) => n + (r?.solved ?? 0), 0) };
  });

  const backlog = backlogSeries(backlogRows, days);

  const histograms = new Map<string, ReturnType<typeof emptyHistograms>>();
  const histogram = (key: string) => {
    const h = histograms.get(key) ?? emptyHistograms();
    histograms.set(key, h);
    return h;
  };
  for (const r of durations) histogram(`${r.group}:${r.key ?? ""}`)[r.metric].set(r.bucket, r.tickets);
  const times = (group: DurationRow["group"], key: string | null, sums: DailyRow | undefined) =>
    timesOf(histograms.get(`${group}:${key ?? ""}`) ?? emptyHistograms(), sums);

  const teamName = new Map(teams.map((t) => [t.id, t.name]));
  const assigneeIds = [...perAssignee.keys()].filter((k): k is string => k !== null);
  const people = new Map((await s.users.findMany(assigneeIds)).map((u) => [u.id, u]));

  const priorities = (query.priority ? [query.priority] : [...TICKET_PRIORITIES].reverse()) as TTicketPriority[];
  const teamKeys = [...new Set([...(query.teamId ? [query.teamId] : teams.map((t) => t.id)), ...[...perTeam.keys()]])];

  return {
    range: { from, to, granularity, teamId: query.teamId ?? null, priority: query.priority ?? null, timeZone: "UTC" },
    /** Every team of the organization, for the team filter. */
    teamChoices: teams.map((t) => ({ id: t.id, name: t.name })),
    totals: { created: total.created, solved: total.solved },
    volume,
    backlog,
    responseTimes: {
      overall: times("all", null, total),
      byPriority: priorities.map((priority) => ({ priority, ...times("priority", priority, perPriority.get(priority)) })),
    },
    sla: {
      overall: slaOf(total),
      byPriority: priorities.map((priority) => ({ priority, ...slaOf(perPriority.get(priority)) })),
      byTeam: teamKeys.map((id) => ({ teamId: id, teamName: id ? (teamName.get(id) ?? "(deleted team)") : "No team", ...slaOf(perTeam.get(id)) })),
    },
    teams: teamKeys.map((id) => {
      const r = perTeam.get(id);
      return {
        teamId: id,
        teamName: id ? (teamName.get(id) ?? "(deleted team)") : "No team",
        created: r?.created ?? 0,
        solved: r?.solved ?? 0,
        ...times("team", id, r),
      };
    }),
    agents: [...perAssignee.entries()]
      .map(([id, r]) => {
        const person = id ? people.get(id) : undefined;
        return {
          agentId: id,
          agentName: id === null ? "Unassigned" : person ? staffLabel(person) : "(former user)",
          assigned: r.created,
          solved: r.solved,
          firstResponses: r.firstResponses,
          meanFirstResponseMs: mean(r.firstResponseMs, r.firstResponses),
          meanResolutionMs: mean(r.resolutionMs, r.resolutions),
          ...slaOf(r),
        };
      })
      .filter((a) => a.assigned !== 0 || a.solved !== 0 || a.firstResponses !== 0)
      .sort((a, b) => b.assigned - a.assigned || a.agentName.localeCompare(b.agentName)),
    satisfaction: csat && satisfactionReport(csat, { days, periods, priorities, teamIds: query.teamId ? [query.teamId] : teams.map((t) => t.id), teamName }),
  };
}

type CsatRows = [
  Awaited<ReturnType<Scoped["reports"]["satisfaction"]>>,
  Awaited<ReturnType<Scoped["reports"]["satisfactionAsked"]>>,
  Awaited<ReturnType<Scoped["reports"]["satisfactionComments"]>>,
];

/**
 * Customer satisfaction (issue 13, CSAT): answers given in the range — good, bad and the share good — in
 * total, per period, per priority and per team (both as they were at the resolution answered about); the
 * response rate of the questions asked about resolutions in the range; the latest comments.
 */
function satisfactionReport(
  [rows, asked, comments]: CsatRows,
  ctx: { days: { day: string; period: string }[]; periods: string[]; priorities: TTicketPriority[]; teamIds: string[]; teamName: Map<string, string> },
) {
  const of = (group: (typeof rows)[number]["group"]) => new Map(rows.filter((r) => r.group === group).map((r) => [r.key, r]));
  const perDay = of("day");
  const perPriority = of("priority");
  const perTeam = of("team");
  const total = [...perDay.values()].reduce((t, r) => ({ good: t.good + r.good, bad: t.bad + r.bad }), { good: 0, bad: 0 });
  const teamKeys = [...new Set<string | null>([...ctx.teamIds, ...perTeam.keys()])];
  return {
    overall: satisfactionOf(total),
    asked: asked.asked,
    answered: asked.answered,
    /** answered / asked, null when nothing was asked. */
    responseRate: asked.asked > 0 ? asked.answered / asked.asked : null,
    byPeriod: ctx.periods.map((period) => {
      const inPeriod = ctx.days.filter((d) => d.period === period).map((d) => perDay.get(d.day));
      return { period, ...satisfactionOf({ good: inPeriod.reduce((n, r) => n + (r?.good ?? 0), 0), bad: inPeriod.reduce((n, r) => n + (r?.bad ?? 0), 0) }) };
    }),
    byPriority: ctx.priorities.map((priority) => ({ priority, ...satisfactionOf(perPriority.get(priority)) })),
    byTeam: teamKeys.map((id) => ({ teamId: id, teamName: id ? (ctx.teamName.get(id) ?? "(deleted team)") : "No team", ...satisfactionOf(perTeam.get(id)) })),
    /** The latest answers with a comment (the requester's words: shown as plain text, never as HTML). */
    comments: comments.map((c) => ({ ...c, answeredAt: c.answeredAt.toISOString() })),
  };
}

export type Report = Awaited<ReturnType<typeof buildReport>>;

function slaOf(r: DailyRow | undefined) {
  return {
    firstResponse: attainment(r?.firstResponseTargets ?? 0, r?.firstResponseMet ?? 0),
    resolution: attainment(r?.resolutionTargets ?? 0, r?.resolutionMet ?? 0),
  };
}

function sumRows(rows: DailyRow[]): DailyRow {
  const out: DailyRow = {
    group: "day",
    key: null,
    created: 0,
    solved: 0,
    firstResponses: 0,
    firstResponseMs: 0,
    resolutions: 0,
    resolutionMs: 0,
    firstResponseTargets: 0,
    firstResponseMet: 0,
    resolutionTargets: 0,
    resolutionMet: 0,
  };
  for (const r of rows) {
    for (const k of Object.keys(out) as (keyof DailyRow)[]) if (typeof out[k] === "number") (out[k] as number) += r[k] as number;
  }
  return out;
}

/** Tickets not yet solved at the end of each period, by status and by priority. */
function backlogSeries(rows: Awaited<ReturnType<Scoped["reports"]["backlog"]>>, days: { day: string; period: string }[]) {
  type Counts = Record<string, number>;
  const running: Counts = {};
  const add = (r: (typeof rows)[number]) => {
    const key = `${r.status}:${r.priority}`;
    running[key] = (running[key] ?? 0) + r.tickets;
  };
  for (const r of rows) if (r.day === null) add(r);
  const byDay = new Map<string, typeof rows>();
  for (const r of rows) if (r.day !== null) byDay.set(r.day, [...(byDay.get(r.day) ?? []), r]);
  const lastDayOf = new Map(days.map((d) => [d.period, d.day]));
  const series: { period: string; total: number; byStatus: Record<(typeof BACKLOG_STATUSES)[number], number>; byPriority: Record<TTicketPriority, number> }[] =
    [];
  for (const d of days) {
    for (const r of byDay.get(d.day) ?? []) add(r);
    if (lastDayOf.get(d.period) !== d.day) continue;
    const byStatus = Object.fromEntries(BACKLOG_STATUSES.map((st) => [st, 0])) as Record<(typeof BACKLOG_STATUSES)[number], number>;
    const byPriority = Object.fromEntries(TICKET_PRIORITIES.map((p) => [p, 0])) as Record<TTicketPriority, number>;
    for (const [key, n] of Object.entries(running)) {
      const [status, priority] = key.split(":") as [TTicketStatus, TTicketPriority];
      if (!(BACKLOG_STATUSES as readonly string[]).includes(status)) continue;
      byStatus[status as (typeof BACKLOG_STATUSES)[number]] += n;
      byPriority[priority] += n;
    }
    series.push({ period: d.period, total: Object.values(byStatus).reduce((a, b) => a + b, 0), byStatus, byPriority });
  }
  return series;
}
