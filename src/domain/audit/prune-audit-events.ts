// Retention (S12): events older than an organization's retention period are removed through the
// database's audit_prune(org), the only deletion the append-only table allows. Issue 9 item 3: the
// cut-off is not ours to choose — the database reads the retention setting, computes the cut-off from
// its own clock, never removes the newest event, moves the chain's anchor and appends an "audit.pruned"
// event (count, through seq, anchor hash) in the same transaction, so the pruning is part of the chain.
import { db } from "@/db/client";
import { unsafeListRetentionPolicies, unsafePrune } from "@/db/audit-chain/unsafe-audit-chain";
import { logger } from "@/lib/logger";
import { checkpointStore, type CheckpointStore } from "./checkpoints";
import { verifyAndCheckpoint } from "./verify-and-checkpoint";

export async function pruneAuditEvents(organizationId: string): Promise<{ removed: number }> {
  return db().transaction(async (tx) => ({ removed: await unsafePrune(tx, organizationId) }));
}

/**
 * The scheduled path: prunes only a chain that verifies against its latest signed checkpoint. Pruning a
 * broken chain would move the anchor past the evidence (an edited old event would simply disappear).
 * An intact chain gets a fresh checkpoint of its head first (the newest event is never pruned), so the
 * pruning never passes a checkpoint signed before checkpoints carried the event's time (eventAt), which
 * the verifier could not judge afterwards (checkpoint_event_time_unknown).
 */
export async function pruneIfIntact(organizationId: string, store: CheckpointStore = checkpointStore()): Promise<{ removed: number; skipped?: string }> {
  const check = await verifyAndCheckpoint(organizationId, store);
  if (!check.ok) {
    logger.error({ event: "security.audit_chain_broken", organizationId, problem: check.problem }, "audit retention skipped: the chain does not verify");
    return { removed: 0, skipped: check.problem?.kind ?? "unknown" };
  }
  return pruneAuditEvents(organizationId);
}

/** The scheduled retention run: every organization with a retention period. */
export async function applyAuditRetention() {
  const results: { organizationId: string; removed: number; skipped?: string }[] = [];
  for (const policy of await unsafeListRetentionPolicies()) {
    if (!policy.retentionDays) continue;
    results.push({ organizationId: policy.organizationId, ...(await pruneIfIntact(policy.organizationId)) });
  }
  return results;
}
