import { unsafeListOrganizationIds } from "@/db/audit-chain/unsafe-audit-chain";
import { verifyAndCheckpoint } from "./verify-and-checkpoint";

/** The CLI and the scheduled job: every organization's chain, with a new checkpoint for each intact one. */
export async function verifyAllAuditChains() {
  const results = [];
  for (const org of await unsafeListOrganizationIds()) {
    results.push({ slug: org.slug, ...(await verifyAndCheckpoint(org.id)) });
  }
  return results;
}
