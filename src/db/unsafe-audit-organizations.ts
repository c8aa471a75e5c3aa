// Cross-tenant on purpose: the audit verifier (CLI and scheduled job) and retention walk every
// organization's chain. Only ids and retention settings are read.
import { db } from "./client";
import { auditChainHeads, organizations } from "./schema";

export async function unsafeListOrganizationIds(): Promise<{ id: string; slug: string }[]> {
  return db().select({ id: organizations.id, slug: organizations.slug }).from(organizations);
}

export async function unsafeListRetentionPolicies(): Promise<{ organizationId: string; retentionDays: number | null }[]> {
  return db().select({ organizationId: auditChainHeads.organizationId, retentionDays: auditChainHeads.retentionDays }).from(auditChainHeads);
}
