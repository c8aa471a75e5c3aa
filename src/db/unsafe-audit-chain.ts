// The audit chain's own queries (S12). They take an organization id instead of an actor because the
// chain is written and checked outside any one request: security events of callers who are not signed
// in (failed sign-ins), the seed, the verifier CLI and job, and retention all run per organization or
// across all of them. Every query here names its organization explicitly; nothing reaches a client
// except through the domain functions in src/domain/audit/.
import { and, asc, desc, eq, gt, lt, sql } from "drizzle-orm";
import type { DbOrTx, Tx } from "./client";
import { db } from "./client";
import { auditChainHeads, auditEvents, organizations, type AuditEvent } from "./schema";

export type ChainHead = typeof auditChainHeads.$inferSelect;
export type NewChainedEvent = Omit<AuditEvent, "id">;

export async function unsafeChainHead(conn: DbOrTx, organizationId: string): Promise<ChainHead | null> {
  const [head] = await conn.select().from(auditChainHeads).where(eq(auditChainHeads.organizationId, organizationId));
  return head ?? null;
}

/**
 * Takes the next sequence number of an organization's chain. The UPDATE locks the head row until the
 * caller's transaction ends, so concurrent writers append one after another and the chain never forks.
 */
export async function unsafeLockNextSeq(tx: Tx, organizationId: string): Promise<{ seq: number; prevHash: string }> {
  await tx.insert(auditChainHeads).values({ organizationId }).onConflictDoNothing();
  const [head] = await tx
    .update(auditChainHeads)
    .set({ lastSeq: sql`${auditChainHeads.lastSeq} + 1` })
    .where(eq(auditChainHeads.organizationId, organizationId))
    .returning({ seq: auditChainHeads.lastSeq, prevHash: auditChainHeads.lastHash });
  if (!head) throw new Error("audit chain head missing");
  return head;
}

/** Stores the event taken with unsafeLockNextSeq and moves the head to its hash. */
export async function unsafeInsertChainedEvent(tx: Tx, event: NewChainedEvent): Promise<void> {
  await tx.insert(auditEvents).values(event);
  await tx.update(auditChainHeads).set({ lastHash: event.hash }).where(eq(auditChainHeads.organizationId, event.organizationId));
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

/** The last sequence number written before `cutoff`, for retention. */
export async function unsafeLastSeqBefore(tx: Tx, organizationId: string, cutoff: Date): Promise<number | null> {
  const [last] = await tx
    .select({ seq: auditEvents.seq })
    .from(auditEvents)
    .where(and(eq(auditEvents.organizationId, organizationId), lt(auditEvents.createdAt, cutoff)))
    .orderBy(desc(auditEvents.seq))
    .limit(1);
  return last?.seq ?? null;
}

/** Retention through the database's audit_prune(), the only deletion the append-only table allows. */
export async function unsafePruneThrough(tx: Tx, organizationId: string, throughSeq: number): Promise<number> {
  const result = await tx.execute<{ removed: number }>(sql`select audit_prune(${organizationId}::uuid, ${throughSeq}::bigint) as removed`);
  return Number(result.rows[0]?.removed ?? 0);
}

export async function unsafeListOrganizationIds(): Promise<{ id: string; slug: string }[]> {
  return db().select({ id: organizations.id, slug: organizations.slug }).from(organizations);
}

export async function unsafeListRetentionPolicies(): Promise<{ organizationId: string; retentionDays: number | null }[]> {
  return db().select({ organizationId: auditChainHeads.organizationId, retentionDays: auditChainHeads.retentionDays }).from(auditChainHeads);
}
