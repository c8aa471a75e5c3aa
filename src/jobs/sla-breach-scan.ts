// The breach scan (S9): every minute, every organization's clocks whose warning or breach moment has
// come. Claims a batch of clock rows (SKIP LOCKED, so parallel scans split the work), handles each in a
// savepoint inside its own organization, commits, and repeats until nothing is due.
import { systemActor } from "@/auth/system-actor";
import { db } from "@/db/client";
import { scoped } from "@/db/scoped";
import { unsafeClaimDueClocks } from "@/db/unsafe-sla-scan";
import { recordDueSlaEvents } from "@/domain/sla/record-sla-events";
import { now } from "@/lib/clock";
import { logger } from "@/lib/logger";
import { safeErrorSummary } from "@/lib/log-safe";

// Small batches: a batch holds the audit chain head of each organization it touches until it commits.
const BATCH = 50;

export type ScanTotals = { clocks: number; warnings: number; breaches: number; failed: number };

export async function runSlaScan(opts: { at?: Date; maxBatches?: number } = {}): Promise<ScanTotals> {
  const totals: ScanTotals = { clocks: 0, warnings: 0, breaches: 0, failed: 0 };
  const at = opts.at ?? now();
  for (let i = 0; i < (opts.maxBatches ?? 1000); i++) {
    const claimed = await db().transaction(async (tx) => {
      const due = await unsafeClaimDueClocks(tx, at, BATCH);
      for (const clock of due) {
        try {
          // A savepoint per ticket: one bad row is logged and retried next minute, the batch goes on.
          const outcome = await tx.transaction((sp) => recordDueSlaEvents(scoped(systemActor(clock.organizationId, "sla-scan"), sp), clock.ticketId, at));
          totals.warnings += outcome.warnings;
          totals.breaches += outcome.breaches;
        } catch (err) {
          totals.failed++;
          logger.error(
            { event: "sla.scan_failed", ticketId: clock.ticketId, orgId: clock.organizationId, err: safeErrorSummary(err) },
            "SLA scan failed for a ticket",
          );
        }
      }
      return due.length;
    });
    totals.clocks += claimed;
    // A failed row keeps its next check in the past: stop rather than claim it again in this run.
    if (claimed < BATCH || totals.failed > 0) break;
  }
  if (totals.clocks > 0) logger.info({ event: "sla.scan", ...totals }, "SLA scan");
  return totals;
}
