// The ticket-retention job (issue 14): for every organization with a rule, closed tickets whose last change
// is older than the rule's months are deleted or anonymised — with their comments, attachments (rows and
// stored files), raw mail, notifications and the activity texts — in batches of BATCH tickets, one
// transaction each, each batch audited in the organization's chain ("tickets.retention_applied", ticket ids
// and numbers only). Finished exports made before the run go too once a batch touched the organization:
// they may hold what was removed. Files are deleted after each batch commits.
//
// Idempotent and safe beside a second worker: a batch claims its tickets with SKIP LOCKED and leaves none
// that still match (src/db/unsafe-ticket-retention.ts), so a ticket is handled exactly once.
import { systemActor } from "@/auth/system-actor";
import { db } from "@/db/client";
import { scoped } from "@/db/scoped";
import { type RetentionRule, unsafeApplyRetentionBatch, unsafeListTicketRetentionRules, unsafeRemoveExportsBefore } from "@/db/unsafe-ticket-retention";
import { now } from "@/lib/clock";
import { removeStoredObjects } from "./remove-stored-objects";

export const RETENTION_BATCH = 200;

/** The cut-off for a rule of `months`: the same day of the month, that many months earlier (UTC). */
export function retentionCutoff(at: Date, months: number): Date {
  const d = new Date(at.getTime());
  const day = d.getUTCDate();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() - months);
  // 31 March minus one month is 28/29 February, not 3 March.
  const lastDay = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
  d.setUTCDate(Math.min(day, lastDay));
  return d;
}

export async function applyRetentionRule(rule: RetentionRule, batch = RETENTION_BATCH): Promise<{ organizationId: string; tickets: number }> {
  const startedAt = now();
  const cutoff = retentionCutoff(startedAt, rule.months);
  let total = 0;
  for (;;) {
    const result = await db().transaction(async (tx) => {
      const done = await unsafeApplyRetentionBatch(tx, rule, cutoff, batch);
      if (done.tickets.length === 0) return { count: 0, files: [] };
      const exportFiles = await unsafeRemoveExportsBefore(tx, rule.organizationId, startedAt);
      await scoped(systemActor(rule.organizationId, "ticket-retention"), tx).audit.record({
        action: "tickets.retention_applied",
        targetType: "organization",
        targetId: rule.organizationId,
        data: {
          mode: rule.action,
          months: rule.months,
          cutoff: cutoff.toISOString(),
          count: done.tickets.length,
          tickets: done.tickets.map((t) => ({ id: t.id, number: t.number })),
          exportsRemoved: exportFiles.length,
        },
      });
      return { count: done.tickets.length, files: [...done.files, ...exportFiles] };
    });
    await removeStoredObjects(result.files);
    total += result.count;
    if (result.count < batch) break;
  }
  return { organizationId: rule.organizationId, tickets: total };
}

/** The scheduled run: every organization with a rule. */
export async function applyTicketRetention(batch = RETENTION_BATCH) {
  const results: { organizationId: string; tickets: number }[] = [];
  for (const rule of await unsafeListTicketRetentionRules()) results.push(await applyRetentionRule(rule, batch));
  return results;
}
