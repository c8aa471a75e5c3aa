// The business time a ticket took to its first response and to its resolution (issue 13 reports), by the
// organization's SLA calendar (the same arithmetic as the SLA deadlines), written beside firstRespondedAt
// and resolvedAt in the same update: the rollup trigger (migration 0032) reads them from the row.
import type { Ticket } from "@/db/schema";
import type { Scoped } from "@/db/scoped";
import { type BusinessCalendar, businessMsBetween } from "@/domain/sla/business-hours";
import { loadSlaSetup } from "@/domain/sla/sla-calendar";

type Moments = Partial<Pick<Ticket, "firstRespondedAt" | "resolvedAt">>;
export type DurationColumns = Partial<Pick<Ticket, "firstResponseBusinessMs" | "resolutionBusinessMs">>;

/** The duration columns for the moments `patch` sets (null when it clears one, as a reopening does). */
export function durationColumns(calendar: BusinessCalendar, createdAt: Date, patch: Moments): DurationColumns {
  const out: DurationColumns = {};
  if (patch.firstRespondedAt !== undefined) {
    out.firstResponseBusinessMs = patch.firstRespondedAt ? businessMsBetween(calendar, createdAt, patch.firstRespondedAt) : null;
  }
  if (patch.resolvedAt !== undefined) out.resolutionBusinessMs = patch.resolvedAt ? businessMsBetween(calendar, createdAt, patch.resolvedAt) : null;
  return out;
}

/** Reads the calendar only when the patch moves one of the two moments. */
export async function reportDurations(s: Scoped, ticket: Pick<Ticket, "createdAt">, patch: Moments): Promise<DurationColumns> {
  if (patch.firstRespondedAt === undefined && patch.resolvedAt === undefined) return {};
  const { calendar } = await loadSlaSetup(s);
  return durationColumns(calendar, ticket.createdAt, patch);
}
