// The breach scan (S9): every minute, every organization's clocks whose warning or breach moment has
// come. Claims a batch of one organization's due clock rows (SKIP LOCKED, so parallel scans split the
// work), records it set-based inside that organization, commits, and repeats until nothing is due.
//
// Exactly once: the batch is one transaction, so a crash or an error anywhere in it leaves nothing written
// and the clocks still due; the unique key of sla_events decides which warnings and breaches are new, so a
// second scan (or a retry) that reaches the same clocks notifies nothing again. When a batch fails, it is
// redone ticket by ticket, each in a savepoint: one bad row is logged and retried next minute, the others
// go on (as before issue 15, when every ticket had its own savepoint and the scan took ~35 ms per breach).
import { systemActor } from "@/auth/system-actor";
import { db, type Tx } from "@/db/client";
import { scoped } from "@/db/scoped";
import { unsafeClaimDueClocks } from "@/db/unsafe-sla-scan";
import { recordDueSlaEvents, type ScanOutcome } from "@/domain/sla/record-sla-events";
import { now } from "@/lib/clock";
import { logger } from "@/lib/logger";
import { safeErrorSummary } from "@/lib/log-safe";

// A batch holds its clock rows until it commits, and its organization's audit chain head from its audit
// events (the last statement) to the commit. A batch is about a dozen statements, whatever its size.
const BATCH = 1000;
const CONCURRENT_BATCHES = 2;

export type ScanTotals = { clocks: number; warnings: number; breaches: number; failed: number };

const recordIn = (tx: Tx, orgId: string, ticketIds: string[], at: Date) => recordDueSlaEvents(scoped(systemActor(orgId, "sla-scan"), tx), ticketIds, at);

/** One batch (one organization's due clocks), set-based, in one transaction. Counts only what committed. */
async function scanBatch(at: Date, totals: ScanTotals): Promise<number> {
  const done = await db().transaction(async (tx) => {
    const due = await unsafeClaimDueClocks(tx, at, BATCH);
    if (!due) return { clocks: 0, warnings: 0, breaches: 0 };
    return { clocks: due.ticketIds.length, ...(await recordIn(tx, due.organizationId, due.ticketIds, at)) };
  });
  totals.clocks += done.clocks;
  totals.warnings += done.warnings;
  totals.breaches += done.breaches;
  return done.clocks;
}

/** The same batch ticket by ticket, each in a savepoint, after the set-based attempt failed. */
async function scanOneByOne(at: Date, totals: ScanTotals): Promise<number> {
  const done: ScanOutcome & { clocks: number; failed: number } = { clocks: 0, warnings: 0, breaches: 0, failed: 0 };
  await db().transaction(async (tx) => {
    const due = await unsafeClaimDueClocks(tx, at, BATCH);
    if (!due) return;
    done.clocks = due.ticketIds.length;
    for (const ticketId of due.ticketIds) {
      try {
        const o = await tx.transaction((sp) => recordIn(sp, due.organizationId, [ticketId], at));
        done.warnings += o.warnings;
        done.breaches += o.breaches;
      } catch (err) {
        done.failed++;
        logger.error({ event: "sla.scan_failed", ticketId, orgId: due.organizationId, err: safeErrorSummary(err) }, "SLA scan failed for a ticket");
      }
    }
  });
  totals.clocks += done.clocks;
  totals.warnings += done.warnings;
  totals.breaches += done.breaches;
  totals.failed += done.failed;
  return done.clocks;
}

export async function runSlaScan(opts: { at?: Date; maxBatches?: number } = {}): Promise<ScanTotals> {
  const totals: ScanTotals = { clocks: 0, warnings: 0, breaches: 0, failed: 0 };
  const at = opts.at ?? now();
  let batches = 0;
  // Two batches in flight: while one waits on the database, the other builds its statements, and the
  // database works on two cores. They never take the same clocks (SKIP LOCKED).
  const worker = async () => {
    while (batches < (opts.maxBatches ?? 1000)) {
      batches++;
      let claimed: number;
      try {
        claimed = await scanBatch(at, totals);
      } catch (err) {
        logger.warn({ event: "sla.scan_batch_failed", err: safeErrorSummary(err) }, "SLA scan batch failed; retrying it ticket by ticket");
        claimed = await scanOneByOne(at, totals);
      }
      // A failed row keeps its next check in the past: stop rather than claim it again in this run.
      if (claimed === 0 || totals.failed > 0) return;
    }
  };
  await Promise.all(Array.from({ length: CONCURRENT_BATCHES }, worker));
  if (totals.clocks > 0) logger.info({ event: "sla.scan", ...totals }, "SLA scan");
  return totals;
}
