// Upkeep of the report rollups (issue 13), run by the reports-maintain job: business times still missing
// are computed with each organization's own SLA calendar (the app's calendar code, not a copy in SQL),
// then the delta rows are folded.
import { unsafeCompactReportRollups, unsafeSetTicketDurations, unsafeTicketsMissingDurations } from "@/db/unsafe-report-rollups";
import { calendarOf } from "@/domain/sla/sla-calendar";
import { durationColumns } from "./report-durations";

const BATCH = 2_000;

/** Computes missing business times, `maxBatches` batches at most per run, and compacts. */
export async function maintainReportRollups(maxBatches = 10) {
  let durations = 0;
  for (let i = 0; i < maxBatches; i++) {
    const tickets = await unsafeTicketsMissingDurations(BATCH);
    if (tickets.length === 0) break;
    await unsafeSetTicketDurations(
      tickets.map((t) => {
        const cols = durationColumns(calendarOf(t.settings), t.createdAt, { firstRespondedAt: t.firstRespondedAt, resolvedAt: t.resolvedAt });
        return { id: t.id, firstResponseBusinessMs: cols.firstResponseBusinessMs ?? null, resolutionBusinessMs: cols.resolutionBusinessMs ?? null };
      }),
    );
    durations += tickets.length;
    if (tickets.length < BATCH) break;
  }
  const compacted = await unsafeCompactReportRollups();
  return { durations, compacted };
}
