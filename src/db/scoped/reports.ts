// scoped(actor).reports: sums over the report rollups of the actor's organization (issue 13; migrations
// 0032 and 0034). Each read is one statement over the days asked for; delta rows not yet compacted count
// the same as compacted ones. The per-assignee sums and the histograms read monthly rows for the months
// the range covers and daily rows at its ends (report-months.ts). The organization is in every WHERE
// clause; the filters are bound parameters.
import { sql, type SQL } from "drizzle-orm";
import type { Actor } from "@/auth/actor";
import type { DbOrTx } from "../client";
import type { TTicketPriority, TTicketStatus } from "../schema/enums";
import { planMonths } from "./report-months";

export interface RollupFilter {
  /** Inclusive UTC dates, "YYYY-MM-DD". */
  from: string;
  to: string;
  teamId?: string;
  priority?: TTicketPriority;
}

export interface DailySums {
  created: number;
  solved: number;
  firstResponses: number;
  firstResponseMs: number;
  resolutions: number;
  resolutionMs: number;
  firstResponseTargets: number;
  firstResponseMet: number;
  resolutionTargets: number;
  resolutionMet: number;
}
export type DailyGroup = "day" | "priority" | "team" | "assignee";
export type DailyRow = DailySums & { group: DailyGroup; key: string | null };
export type DurationGroup = "all" | "priority" | "team";
export type DurationRow = { group: DurationGroup; metric: 1 | 2; key: string | null; bucket: number; tickets: number };
export type BacklogRow = { day: string | null; status: TTicketStatus; priority: TTicketPriority; tickets: number };
export type SatisfactionGroup = "day" | "priority" | "team";
export type SatisfactionRow = { group: SatisfactionGroup; key: string | null; good: number; bad: number };
export type SatisfactionAsked = { asked: number; answered: number };
export type SatisfactionComment = {
  ticketId: string;
  ticketNumber: number;
  ticketTitle: string;
  rating: "good" | "bad";
  comment: string;
  answeredAt: Date;
};

const num = (v: unknown) => Number(v ?? 0);

const SUMS = sql.raw(`sum(created) as created, sum(solved) as solved, sum(first_responses) as first_responses,
  sum(first_response_ms) as first_response_ms, sum(resolutions) as resolutions, sum(resolution_ms) as resolution_ms,
  sum(first_response_targets) as first_response_targets, sum(first_response_met) as first_response_met,
  sum(resolution_targets) as resolution_targets, sum(resolution_met) as resolution_met`);

/** The summed columns of the per-assignee rollups, in the order every branch of a read selects them. */
const AGENT_COLUMNS = [
  "created",
  "solved",
  "first_responses",
  "first_response_ms",
  "resolutions",
  "resolution_ms",
  "first_response_targets",
  "first_response_met",
  "resolution_targets",
  "resolution_met",
] as const;

async function sums(conn: DbOrTx, query: SQL): Promise<DailyRow[]> {
  const result = await conn.execute(query);
  return result.rows.map((r) => ({
    group: r.grp as DailyGroup,
    key: (r.key as string | null) ?? null,
    created: num(r.created),
    solved: num(r.solved),
    firstResponses: num(r.first_responses),
    firstResponseMs: num(r.first_response_ms),
    resolutions: num(r.resolutions),
    resolutionMs: num(r.resolution_ms),
    firstResponseTargets: num(r.first_response_targets),
    firstResponseMet: num(r.first_response_met),
    resolutionTargets: num(r.resolution_targets),
    resolutionMet: num(r.resolution_met),
  }));
}

export function reportQueries(actor: Actor, conn: DbOrTx) {
  const orgId = actor.orgId;
  const dims = (f: RollupFilter, table = ""): SQL =>
    sql`${f.teamId ? sql` and ${sql.raw(table)}team_id = ${f.teamId}::uuid` : sql``}${f.priority ? sql` and ${sql.raw(table)}priority = ${f.priority}::ticket_priority` : sql``}`;
  /** A timestamp column within the range's UTC days (a range scan of its index). */
  const atInRange = (column: string, f: RollupFilter): SQL =>
    sql`${sql.raw(column)} >= ${f.from}::date::timestamp at time zone 'UTC' and ${sql.raw(column)} < (${f.to}::date + 1)::timestamp at time zone 'UTC'`;
  const inRange = (f: RollupFilter): SQL => sql`organization_id = ${orgId}::uuid and day between ${f.from}::date and ${f.to}::date${dims(f)}`;

  /**
   * The rows of a daily rollup and its monthly twin that sum to the range (report-months.ts): `keys`
   * selected as they are, `values` times +1 or -1 (days of a month read whole that lie outside the range).
   */
  const monthsAndDays = (daily: string, monthly: string, f: RollupFilter, keys: string, values: readonly string[]): SQL => {
    const plan = planMonths(f);
    const signed = (sign: 1 | -1) => sql.raw(values.map((v) => `${sign === 1 ? "" : "-"}${v} as ${v}`).join(", "));
    const branches: SQL[] = [];
    if (plan.months) {
      branches.push(sql`select ${sql.raw(keys)}, ${signed(1)} from ${sql.raw(monthly)}
        where organization_id = ${orgId}::uuid and month between ${plan.months.from}::date and ${plan.months.to}::date${dims(f)}`);
    }
    for (const [ranges, sign] of [
      [plan.add, 1],
      [plan.subtract, -1],
    ] as const) {
      for (const r of ranges) {
        branches.push(sql`select ${sql.raw(keys)}, ${signed(sign)} from ${sql.raw(daily)}
          where organization_id = ${orgId}::uuid and day between ${r.from}::date and ${r.to}::date${dims(f)}`);
      }
    }
    return sql.join(branches, sql` union all `);
  };

  return {
    /** Counts and duration sums by day, by priority and by team, in one pass. */
    async daily(f: RollupFilter): Promise<DailyRow[]> {
      return sums(
        conn,
        sql`select case when grouping(day) = 0 then 'day' when grouping(priority) = 0 then 'priority' else 'team' end as grp,
          coalesce(day::text, priority::text, team_id::text) as key, ${SUMS}
        from report_daily where ${inRange(f)}
        group by grouping sets ((day), (priority), (team_id))`,
      );
    },

    /** The same sums per assignee (the agents section), from the per-assignee tables. */
    async byAssignee(f: RollupFilter): Promise<DailyRow[]> {
      const rows = monthsAndDays("report_agent_daily", "report_agent_monthly", f, "assignee_id", AGENT_COLUMNS);
      return sums(conn, sql`select 'assignee' as grp, assignee_id as key, ${SUMS} from (${rows}) r group by assignee_id`);
    },

    /** Tickets per business-time bucket: overall, by priority and by team, for both metrics. */
    async durations(f: RollupFilter): Promise<DurationRow[]> {
      const result = await conn.execute(sql`
        select case when grouping(priority) = 0 then 'priority' when grouping(team_id) = 0 then 'team' else 'all' end as grp,
          metric, coalesce(priority::text, team_id::text) as key, bucket, sum(tickets) as tickets
        from (${monthsAndDays("report_durations", "report_durations_monthly", f, "metric, priority, team_id, bucket", ["tickets"])}) r
        group by grouping sets ((metric, bucket), (metric, priority, bucket), (metric, team_id, bucket))
        having sum(tickets) <> 0`);
      return result.rows.map((r) => ({
        group: r.grp as DurationGroup,
        metric: Number(r.metric) as 1 | 2,
        key: (r.key as string | null) ?? null,
        bucket: Number(r.bucket),
        tickets: num(r.tickets),
      }));
    },

    /**
     * Satisfaction answers (issue 13, CSAT; migration 0028) given on the range's UTC days, good and bad, by
     * day of the answer, by priority and by team as they were at the resolution answered about.
     */
    async satisfaction(f: RollupFilter): Promise<SatisfactionRow[]> {
      const result = await conn.execute(sql`
        select case when grouping(d) = 0 then 'day' when grouping(priority) = 0 then 'priority' else 'team' end as grp,
          coalesce(d::text, priority::text, team_id::text) as key,
          count(*) filter (where rating = 'good') as good, count(*) filter (where rating = 'bad') as bad
        from (
          select (answered_at at time zone 'UTC')::date as d, priority, team_id, rating from satisfaction_ratings
          where organization_id = ${orgId}::uuid and ${atInRange("answered_at", f)}${dims(f)}
        ) r
        group by grouping sets ((d), (priority), (team_id))`);
      return result.rows.map((r) => ({
        group: r.grp as SatisfactionGroup,
        key: (r.key as string | null) ?? null,
        good: num(r.good),
        bad: num(r.bad),
      }));
    },

    /**
     * Questions asked about resolutions on the range's days (not withdrawn by a reopen before an answer),
     * and how many of those were answered so far: the response rate's two sides.
     */
    async satisfactionAsked(f: RollupFilter): Promise<SatisfactionAsked> {
      const result = await conn.execute(sql`
        select count(*) filter (where withdrawn_at is null) as asked,
          count(*) filter (where withdrawn_at is null and answered_at is not null) as answered
        from satisfaction_requests where organization_id = ${orgId}::uuid and ${atInRange("resolved_at", f)}${dims(f)}`);
      return { asked: num(result.rows[0]?.asked), answered: num(result.rows[0]?.answered) };
    },

    /** The latest answers with a comment given on the range's days, newest first, with their ticket. */
    async satisfactionComments(f: RollupFilter, limit: number): Promise<SatisfactionComment[]> {
      const result = await conn.execute(sql`
        select r.ticket_id, t.number, t.title, r.rating, r.comment, r.answered_at
        from satisfaction_ratings r
        join tickets t on t.id = r.ticket_id and t.organization_id = r.organization_id
        where r.organization_id = ${orgId}::uuid and r.comment is not null and ${atInRange("r.answered_at", f)}${dims(f, "r.")}
        order by r.answered_at desc, r.id desc
        limit ${limit}`);
      return result.rows.map((r) => ({
        ticketId: r.ticket_id as string,
        ticketNumber: Number(r.number),
        ticketTitle: r.title as string,
        rating: r.rating as "good" | "bad",
        comment: r.comment as string,
        answeredAt: new Date(r.answered_at as string),
      }));
    },

    /** Backlog deltas: everything before `from` summed (day null), then per day up to `to`. */
    async backlog(f: RollupFilter): Promise<BacklogRow[]> {
      const result = await conn.execute(sql`
        select case when day < ${f.from}::date then null else day::text end as d, status, priority, sum(tickets) as tickets
        from report_backlog where organization_id = ${orgId}::uuid and day <= ${f.to}::date${dims(f)}
        group by 1, status, priority
        having sum(tickets) <> 0`);
      return result.rows.map((r) => ({
        day: (r.d as string | null) ?? null,
        status: r.status as TTicketStatus,
        priority: r.priority as TTicketPriority,
        tickets: num(r.tickets),
      }));
    },
  };
}
