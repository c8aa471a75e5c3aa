// The one writer of audit events. The chain head row is locked by the UPDATE for the rest of the
// caller's transaction, so concurrent writers of one organization append strictly one after another
// and the chain never forks; the event commits or rolls back with the change it records.
import { eq, sql } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { auditChainHeads, auditEvents } from "@/db/schema";
import { now } from "@/lib/clock";
import { auditEventHash } from "./audit-hash";

export interface NewAuditEvent {
  organizationId: string;
  actorId: string | null;
  action: string;
  targetType: string;
  targetId?: string | null;
  data?: Record<string, unknown>;
  ip?: string | null;
  userAgent?: string | null;
}

export async function appendAuditEvent(tx: Tx, event: NewAuditEvent): Promise<{ seq: number; hash: string }> {
  await tx.insert(auditChainHeads).values({ organizationId: event.organizationId }).onConflictDoNothing();
  const [head] = await tx
    .update(auditChainHeads)
    .set({ lastSeq: sql`${auditChainHeads.lastSeq} + 1` })
    .where(eq(auditChainHeads.organizationId, event.organizationId))
    .returning({ seq: auditChainHeads.lastSeq, prevHash: auditChainHeads.lastHash });
  if (!head) throw new Error("audit chain head missing");
  const row = {
    organizationId: event.organizationId,
    seq: head.seq,
    actorId: event.actorId,
    action: event.action,
    targetType: event.targetType,
    targetId: event.targetId ?? null,
    data: event.data ?? {},
    ip: event.ip ?? null,
    userAgent: event.userAgent ?? null,
    createdAt: now(),
    prevHash: head.prevHash,
  };
  const hash = auditEventHash(row);
  await tx.insert(auditEvents).values({ ...row, hash });
  await tx.update(auditChainHeads).set({ lastHash: hash }).where(eq(auditChainHeads.organizationId, event.organizationId));
  return { seq: head.seq, hash };
}
