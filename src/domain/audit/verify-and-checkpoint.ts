import { db } from "@/db/client";
import { flushCommitsSoFar } from "@/db/commit-barrier";
import { unsafeChainHead } from "@/db/audit-chain/unsafe-audit-chain";
import { now } from "@/lib/clock";
import { logger } from "@/lib/logger";
import { checkpointStore, signCheckpoint, type CheckpointStore } from "./checkpoints";
import { verifyAuditChain, type ChainVerification } from "./verify-chain";

/**
 * Verifies one organization's chain against its latest signed checkpoint; when intact, records a new
 * signed checkpoint of the current head. A broken chain is logged as a security alert.
 */
export async function verifyAndCheckpoint(organizationId: string, store: CheckpointStore = checkpointStore()): Promise<ChainVerification> {
  const result = await verifyAuditChain(db(), organizationId, await store.latest(organizationId));
  if (!result.ok) {
    logger.error({ event: "security.audit_chain_broken", organizationId, problem: result.problem }, "audit chain verification failed");
    return result;
  }
  // The checkpoint must never cover an event a crash could still take back (../../db/commit-barrier.ts).
  await flushCommitsSoFar(db().$client);
  const head = await unsafeChainHead(db(), organizationId);
  if (head && head.lastSeq > head.anchorSeq && head.lastSeq === result.lastSeq) {
    const eventAt = result.lastEventAt ? { eventAt: result.lastEventAt } : {};
    await store.append(signCheckpoint({ organizationId, seq: head.lastSeq, hash: head.lastHash, at: now().toISOString(), ...eventAt }));
  }
  return result;
}
