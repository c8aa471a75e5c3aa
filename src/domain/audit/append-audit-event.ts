// The one writer of audit events. The chain head row is locked by the UPDATE for the rest of the
// caller's transaction, so concurrent writers of one organization append strictly one after another
// and the chain never forks; the event commits or rolls back with the change it records.
import type { Tx } from "@/db/client";
import { unsafeInsertChainedEvent, unsafeLockNextSeq } from "@/db/unsafe-audit-chain";
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
  const { seq, prevHash } = await unsafeLockNextSeq(tx, event.organizationId);
  const row = {
    organizationId: event.organizationId,
    seq,
    actorId: event.actorId,
    action: event.action,
    targetType: event.targetType,
    targetId: event.targetId ?? null,
    data: event.data ?? {},
    ip: event.ip ?? null,
    userAgent: event.userAgent ?? null,
    createdAt: now(),
    prevHash,
  };
  const hash = auditEventHash(row);
  await unsafeInsertChainedEvent(tx, { ...row, hash });
  return { seq, hash };
}
