// Retention (S12): events older than an organization's retention period are removed through the
// database's audit_prune() (the only deletion the append-only table allows). The chain's anchor moves
// to the last removed hash so what remains still verifies, and the pruning itself is recorded.
import { and, desc, eq, lt, sql } from "drizzle-orm";
import { db } from "@/db/client";
import { auditEvents } from "@/db/schema";
import { unsafeListRetentionPolicies } from "@/db/unsafe-audit-organizations";
import { now } from "@/lib/clock";
import { appendAuditEvent } from "./append-audit-event";

const DAY = 86_400_000;

export async function pruneAuditEventsBefore(organizationId: string, cutoff: Date): Promise<{ removed: number; throughSeq: number | null }> {
  return db().transaction(async (tx) => {
    const [last] = await tx
      .select({ seq: auditEvents.seq })
      .from(auditEvents)
      .where(and(eq(auditEvents.organizationId, organizationId), lt(auditEvents.createdAt, cutoff)))
      .orderBy(desc(auditEvents.seq))
      .limit(1);
    if (!last) return { removed: 0, throughSeq: null };
    const result = await tx.execute<{ removed: number }>(sql`select audit_prune(${organizationId}::uuid, ${last.seq}::bigint) as removed`);
    const removed = Number(result.rows[0]?.removed ?? 0);
    await appendAuditEvent(tx, {
      organizationId,
      actorId: null,
      action: "audit.pruned",
      targetType: "audit",
      data: { throughSeq: last.seq, removed, cutoff: cutoff.toISOString() },
    });
    return { removed, throughSeq: last.seq };
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
