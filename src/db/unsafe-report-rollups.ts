// Crosses tenants on purpose (DESIGN.md rule 2: only files named unsafe-*.ts may). The report rollups
// (issue 13, migration 0032) are upkeep of the database's own derived tables: folding every
// organization's delta rows, and finding the tickets whose business time is still to be computed (those
// of organizations with business hours when the migration ran, or written by a door that does not compute
// it, such as the demo seed). Each ticket is updated with its own organization's calendar.
import { sql } from "drizzle-orm";
import { db } from "./client";
import type { SlaSettings } from "./schema";

/** Folds the pending delta rows of every organization; returns how many keys were written. */
export async function unsafeCompactReportRollups(): Promise<number> {
  const result = await db().execute<{ n: number }>(sql`select report_rollups_compact() as n`);
  return Number(result.rows[0]?.n ?? 0);
}

export type TicketMoments = {
  id: string;
  organizationId: string;
  createdAt: Date;
  firstRespondedAt: Date | null;
  resolvedAt: Date | null;
  settings: SlaSettings | null;
};

/** Up to `limit` tickets with a first response or a resolution but no business time for it (a partial index). */
export async function unsafeTicketsMissingDurations(limit: number): Promise<TicketMoments[]> {
  const result = await db().execute<Record<string, unknown>>(sql`
    select t.id, t.organization_id, t.created_at, t.first_responded_at, t.resolved_at,
      s.organization_id as s_org, s.time_zone, s.always_open, s.weekly_hours, s.holidays, s.warning_lead_minutes, s.updated_at as s_updated
    from tickets t left join sla_settings s on s.organization_id = t.organization_id
    where (t.first_responded_at is not null and t.first_response_business_ms is null)
       or (t.resolved_at is not null and t.resolution_business_ms is null)
    limit ${limit}`);
  const at = (v: unknown) => (v === null ? null : new Date(v as string));
  return result.rows.map((r) => ({
    id: r.id as string,
    organizationId: r.organization_id as string,
    createdAt: new Date(r.created_at as string),
    firstRespondedAt: at(r.first_responded_at),
    resolvedAt: at(r.resolved_at),
    settings: r.s_org
      ? ({
          organizationId: r.s_org as string,
          timeZone: r.time_zone as string,
          alwaysOpen: r.always_open as boolean,
          weeklyHours: r.weekly_hours as SlaSettings["weeklyHours"],
          holidays: r.holidays as string[],
          warningLeadMinutes: Number(r.warning_lead_minutes),
          updatedAt: new Date(r.s_updated as string),
        } satisfies SlaSettings)
      : null,
  }));
}

/**
 * Writes the computed business times; the rollup trigger moves the reports with them. Only the two
 * columns change (and only where still missing): no version, no live event (nothing a reader sees).
 */
export async function unsafeSetTicketDurations(rows: { id: string; firstResponseBusinessMs: number | null; resolutionBusinessMs: number | null }[]) {
  if (rows.length === 0) return;
  await db().transaction(async (tx) => {
    await tx.execute(sql`select set_config('helpdesk.live_events', 'off', true)`);
    await tx.execute(sql`
      update tickets t set
        first_response_business_ms = coalesce(t.first_response_business_ms, v.fr),
        resolution_business_ms = coalesce(t.resolution_business_ms, v.res)
      from unnest(${sql.param(rows.map((r) => r.id))}::uuid[], ${sql.param(rows.map((r) => r.firstResponseBusinessMs))}::bigint[],
        ${sql.param(rows.map((r) => r.resolutionBusinessMs))}::bigint[]) as v(id, fr, res)
      where t.id = v.id`);
  });
}
