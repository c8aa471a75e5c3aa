// The one writer of audit events (S12), beside the chain it writes: appending is a database concern —
// take the next link under the head lock, hash it, store it (issue 10 item 2). Both steps go through the
// SECURITY DEFINER functions of migration 0008 (audit_chain_next, audit_append), because the app role has
// no write right on the chain tables (issue 9 item 3). The head row stays locked for the rest of the
// caller's transaction, so concurrent writers of one organization append strictly one after another, the
// chain never forks, and the event commits or rolls back with the change it records.
//
// The event's time is the database's, not ours (migration 0011): audit_chain_next() hands it out with the
// link and audit_append() accepts no other, so the app role cannot backdate or postdate an event. This is
// the one place where "time comes from lib/clock" does not hold, on purpose: a fake clock in tests does
// not reach audit times (tests that need old events write them as the owner, tests/support/owner-db.ts).
//
// Not unsafe-*: it writes one named organization's chain and reads nothing back. Its callers are the
// scoped audit section (the actor's organization), the security-event recorder (the organization the
// sign-in belongs to) and the seed.
import { sql } from "drizzle-orm";
import type { Tx } from "../client";
import type { AuditEvent } from "../schema";
import { auditEventHash } from "./hash";

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

type ChainedEvent = Omit<AuditEvent, "id">;

export async function appendAuditEvent(tx: Tx, event: NewAuditEvent): Promise<{ seq: number; hash: string }> {
  const { seq, prevHash, createdAt } = await lockNextLink(tx, event.organizationId);
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
    createdAt,
    prevHash,
  };
  const hash = auditEventHash(row);
  await insertLinkedEvent(tx, { ...row, hash });
  return { seq, hash };
}

/**
 * The next sequence number, the head's hash and the event's time, through audit_chain_next(), which locks
 * the head row. The time comes back as ISO text in UTC (what the hash covers), whatever the driver's
 * timestamp parsing.
 */
async function lockNextLink(tx: Tx, organizationId: string): Promise<{ seq: number; prevHash: string; createdAt: Date }> {
  const result = await tx.execute<{ seq: string; prev_hash: string; created_at: string }>(
    sql`select seq, prev_hash, to_char(created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as created_at
      from audit_chain_next(${organizationId}::uuid)`,
  );
  const head = result.rows[0];
  if (!head) throw new Error("audit chain head missing");
  return { seq: Number(head.seq), prevHash: head.prev_hash, createdAt: new Date(head.created_at) };
}

/** Stored through audit_append(), which accepts the event only when it links to the current head (seq + 1, prev hash) with the time audit_chain_next() gave. */
async function insertLinkedEvent(tx: Tx, e: ChainedEvent): Promise<void> {
  await tx.execute(
    sql`select audit_append(${e.organizationId}::uuid, ${e.seq}::bigint, ${e.prevHash}::varchar, ${e.hash}::varchar, ${e.actorId}::text,
      ${e.action}::varchar, ${e.targetType}::varchar, ${e.targetId}::text, ${JSON.stringify(e.data ?? {})}::jsonb, ${e.ip}::varchar,
      ${e.userAgent}::varchar, ${e.createdAt.toISOString()}::timestamptz)`,
  );
}
