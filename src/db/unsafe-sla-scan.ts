// Crosses tenants on purpose (DESIGN.md rule 2: only files named unsafe-*.ts may). The SLA breach scan is
// a clock, not a request: it must find every organization's tickets whose warning or breach moment has
// come. It only reads which clock rows are due (and locks them); everything it then writes goes through
// scoped() with the row's own organization (src/domain/sla/record-sla-events.ts).
import { sql } from "drizzle-orm";
import type { DbOrTx, Tx } from "./client";
import { ticketSla } from "./schema";

export type DueClocks = { organizationId: string; ticketIds: string[] };

/**
 * Clock rows whose next check has come, of ONE organization — the one whose earliest unclaimed clock is
 * due first — earliest first, locked for the rest of `tx`. SKIP LOCKED lets a second worker take the next
 * rows instead of waiting. One organization per batch (issue 15): its work is a fixed number of statements
 * inside that organization, whatever the batch size. Served by ticket_sla_next_check_idx (the due rows are
 * few: the scan runs every minute). An empty result means nothing unclaimed is due.
 */
export async function unsafeClaimDueClocks(tx: Tx, at: Date, limit: number): Promise<DueClocks | null> {
  const due = sql`${ticketSla.nextCheckAt} is not null and ${ticketSla.nextCheckAt} <= ${at.toISOString()}::timestamptz`;
  const result = await tx.execute<{ ticket_id: string; organization_id: string }>(sql`
    with first as (
      select ${ticketSla.organizationId} as organization_id from ${ticketSla} where ${due}
      order by ${ticketSla.nextCheckAt} limit 1 for update skip locked
    )
    select ${ticketSla.ticketId} as ticket_id, ${ticketSla.organizationId} as organization_id from ${ticketSla}
    where ${due} and ${ticketSla.organizationId} = (select organization_id from first)
    order by ${ticketSla.nextCheckAt} limit ${limit} for update skip locked`);
  const rows = result.rows;
  if (rows.length === 0) return null;
  return { organizationId: rows[0]!.organization_id, ticketIds: rows.map((r) => r.ticket_id) };
}

/**
 * Gives every ticket without a clock one (tickets from before the engine, the demo seed), from what the
 * ticket already holds; the same rules as the migration that introduced the table. Idempotent.
 */
export async function unsafeEnsureClocks(conn: DbOrTx): Promise<number> {
  const result = await conn.execute(sql`
    INSERT INTO ticket_sla (ticket_id, organization_id, started_at, paused_since, next_due_at, next_check_at)
    SELECT t.id, t.organization_id, t.created_at, p.paused_since, d.due,
           d.due - make_interval(mins => coalesce(ss.warning_lead_minutes, 60))
    FROM tickets t
    LEFT JOIN sla_policies sp ON sp.organization_id = t.organization_id AND sp.priority = t.priority
    LEFT JOIN sla_settings ss ON ss.organization_id = t.organization_id
    CROSS JOIN LATERAL (
      SELECT CASE WHEN t.status IN ('resolved', 'closed') OR (t.status IN ('pending', 'on_hold') AND coalesce(sp.pause_when_pending, true))
        THEN t.updated_at END AS paused_since
    ) p
    CROSS JOIN LATERAL (
      SELECT CASE WHEN p.paused_since IS NULL THEN least(
        CASE WHEN t.first_responded_at IS NULL THEN t.first_response_due_at END,
        CASE WHEN t.resolved_at IS NULL THEN t.resolution_due_at END) END AS due
    ) d
    WHERE NOT EXISTS (SELECT 1 FROM ticket_sla x WHERE x.ticket_id = t.id)
    ON CONFLICT DO NOTHING`);
  return result.rowCount ?? 0;
}
