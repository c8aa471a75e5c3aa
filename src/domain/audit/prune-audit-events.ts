// Retention (S12): events older than an organization's retention period are removed through the
// database's audit_prune() (the only deletion the append-only table allows). The chain's anchor moves
// to the last removed hash so what remains still verifies, and the pruning itself is recorded.
import { db } from "@/db/client";
import { unsafeLastSeqBefore, unsafeListRetentionPolicies, unsafePruneThrough } from "@/db/unsafe-audit-chain";
import { now } from "@/lib/clock";
import { appendAuditEvent } from "./append-audit-event";

const DAY = 86_400_000;

export async function pruneAuditEventsBefore(organizationId: string, cutoff: Date): Promise<{ removed: number; throughSeq: number | null }> {
  return db().transaction(async (tx) => {
    const throughSeq = await unsafeLastSeqBefore(tx, organizationId, cutoff);
    if (throughSeq === null) return { removed: 0, throughSeq: null };
    const removed = await unsafePruneThrough(tx, organizationId, throughSeq);
    await appendAuditEvent(tx, {
      organizationId,
      actorId: null,
      action: "audit.pruned",
      targetType: "audit",
      data: { throughSeq, removed, cutoff: cutoff.toISOString() },
    });
    return { removed, throughSeq };
  });
}

/** The scheduled retention run: every organization with a retention period. */
export async function applyAuditRetention(at: Date = now()) {
  const results: { organizationId: string; removed: number }[] = [];
  for (const policy of await unsafeListRetentionPolicies()) {
    if (!policy.retentionDays) continue;
    const { removed } = await pruneAuditEventsBefore(policy.organizationId, new Date(at.getTime() - policy.retentionDays * DAY));
    results.push({ organizationId: policy.organizationId, removed });
  }
  return results;
}
