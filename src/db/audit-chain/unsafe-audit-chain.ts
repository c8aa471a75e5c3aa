// The audit chain's own queries (S12). They take an organization id instead of an actor because the
// chain is written and checked outside any one request: security events of callers who are not signed
// in (failed sign-ins), the seed, the verifier CLI and job, and retention all run per organization or
// across all of them. Every query here names its organization explicitly; nothing reaches a client
// except through the domain functions in src/domain/audit/. Appending is not here: it writes one
// organization's chain and lives in src/db/audit-chain/append.ts (issue 10 item 2).
import { and, asc, eq, gt, isNotNull, sql } from "drizzle-orm";
import type { DbOrTx, Tx } from "../client";
import { db } from "../client";
import { auditChainHeads, auditEvents, organizations, type AuditEvent } from "../schema";

export type ChainHead = typeof auditChainHeads.$inferSelect;

export async function unsafeChainHead(conn: DbOrTx, organizationId: string): Promise<ChainHead | null> {
  const [head] = await conn.select().from(auditChainHeads).where(eq(auditChainHeads.organizationId, organizationId));
  return head ?? null;
}

/** A batch of the chain in sequence order, after `afterSeq`. */
export async function unsafeChainEventsAfter(conn: DbOrTx, organizationId: string, afterSeq: number, limit: number): Promise<AuditEvent[]> {
  return conn
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.organizationId, organizationId), gt(auditEvents.seq, afterSeq)))
    .orderBy(asc(auditEvents.seq))
    .limit(limit);
}

/**
 * Retention through the database's audit_prune(org): the database reads the organization's retention
 * setting, chooses the cut-off from its own clock, keeps the newest event and records the pruning in the
 * chain (issue 9 item 3). The caller cannot name a cut-off.
 */
export async function unsafePrune(tx: Tx, organizationId: string): Promise<number> {
  const result = await tx.execute<{ removed: number }>(sql`select audit_prune(${organizationId}::uuid) as removed`);
  return Number(result.rows[0]?.removed ?? 0);
}

export async function unsafeListOrganizationIds(): Promise<{ id: string; slug: string }[]> {
  return db().select({ id: organizations.id, slug: organizations.slug }).from(organizations);
}

export async function unsafeListRetentionPolicies(): Promise<{ organizationId: string; retentionDays: number | null }[]> {
  return db()
    .select({ organizationId: auditChainHeads.organizationId, retentionDays: auditChainHeads.retentionDays })
    .from(auditChainHeads)
    .where(isNotNull(auditChainHeads.retentionDays));
}
