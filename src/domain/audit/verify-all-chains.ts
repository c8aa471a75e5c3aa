import type { Database } from "@/db/client";
import { unsafeListOrganizationIds } from "@/db/audit-chain/unsafe-audit-chain";
import type { CheckpointStore } from "./checkpoints";
import { verifyAndCheckpoint } from "./verify-and-checkpoint";
import { verifyAuditChain } from "./verify-chain";

/** The CLI and the scheduled job: every organization's chain, with a new checkpoint for each intact one. */
export async function verifyAllAuditChains() {
  const results = [];
  for (const org of await unsafeListOrganizationIds()) {
    results.push({ slug: org.slug, ...(await verifyAndCheckpoint(org.id)) });
  }
  return results;
}

/**
 * Every organization's chain in `conn` against the latest checkpoint in `store`, signing nothing: a restore
 * (S23) proves the database it restored matches the checkpoints it restored before it reports success.
 */
export async function verifyAllAuditChainsIn(conn: Database, store: CheckpointStore) {
  const results = [];
  for (const org of await unsafeListOrganizationIds(conn)) {
    results.push({ slug: org.slug, ...(await verifyAuditChain(conn, org.id, await store.latest(org.id))) });
  }
  return results;
}
