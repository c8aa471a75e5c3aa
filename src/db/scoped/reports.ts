// scoped(actor).reports: sums over the report rollups of the actor's organization (issue 13; migration
// 0027). Each read is one statement over the days asked for; delta rows not yet compacted count the same
// as compacted ones. The organization is in every WHERE clause; the filters are bound parameters.
import { sql, type SQL } from "drizzle-orm";
import type { Actor } from "@/auth/actor";
import type { DbOrTx } from "../client";
import type { TTicketPriority, TTicketStatus } from "../schema/enums";

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

const num = (v: unknown) => Number(v ?? 0);

const SUMS = sql.raw(`sum(created) as created, sum(solved) as solved, sum(first_responses) as first_responses,
  sum(first_response_ms) as first_response_ms, sum(resolutions) as resolutions, sum(resolution_ms) as resolution_ms,
  sum(first_response_targets) as first_response_targets, sum(first_response_met) as first_response_met,
  sum(resolution_targets) as resolution_targets, sum(resolution_met) as resolution_met`);

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
  const dims = (f: RollupFilter): SQL =>
    sql`${f.teamId ? sql` and team_id = ${f.teamId}::uuid` : sql``}${f.priority ? sql` and priority = ${f.priority}::ticket_priority` : sql``}`;
  const inRange = (f: RollupFilter): SQL => sql`organization_id = ${orgId}::uuid and day between ${f.from}::date and ${f.to}::date${dims(f)}`;

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

    /** The same sums per assignee (the agents section), from the per-assignee table. */
    async byAssignee(f: RollupFilter): Promise<DailyRow[]> {
      return sums(conn, sql`select 'assignee' as grp, assignee_id as key, ${SUMS} from report_agent_daily where ${inRange(f)} group by assignee_id`);
    },

    /** Tickets per business-time bucket: overall, by priority and by team, for both metrics. */
    async durations(f: RollupFilter): Promise<DurationRow[]> {
      const result = await conn.execute(sql`
        select case when grouping(priority) = 0 then 'priority' when grouping(team_id) = 0 then 'team' else 'all' end as grp,
          metric, coalesce(priority::text, team_id::text) as key, bucket, sum(tickets) as tickets
        from report_durations where ${inRange(f)}
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
