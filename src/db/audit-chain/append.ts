// The one writer of audit events (S12), beside the chain it writes: appending is a database concern —
// take the next links under the head lock, hash, store (issue 10 item 2). It goes through the SECURITY
// DEFINER function audit_append_batch() of migration 0019, because the app role has no write right on the
// chain tables (issue 9 item 3). The head row stays locked for the rest of the caller's transaction, so
// concurrent writers of one organization append strictly one after another, the chain never forks, and the
// events commit or roll back with the change they record.
//
// One statement for one event or a whole batch (issue 15): the database chooses the time, the sequence
// numbers and the previous hashes while it holds the lock, and hashes each event over the canonical
// encoding the app passes in pieces (hash.ts canonicalParts), so the lock is held for one round trip and
// the commit instead of two, and a batch costs what one event does. The same statement makes the commit
// asynchronous: the pool's commit barrier (../commit-barrier.ts) makes it durable before the caller goes
// on, so the lock is not held while the disk flushes.
//
// The event's time is the database's, not ours (migration 0011): the app role cannot pass one. This is
// the one place where "time comes from lib/clock" does not hold, on purpose: a fake clock in tests does
// not reach audit times (tests that need old events write them as the owner, tests/support/owner-db.ts).
//
// Not unsafe-*: it writes one named organization's chain and reads nothing back. Its callers are the
// scoped audit section (the actor's organization), the security-event recorder (the organization the
// sign-in belongs to) and the seed.
import { sql } from "drizzle-orm";
import type { Tx } from "../client";
import { ASYNC_COMMIT_MARK } from "../commit-barrier";
import { canonicalParts } from "./hash";

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

export type AppendedLink = { seq: number; hash: string };

export async function appendAuditEvent(tx: Tx, event: NewAuditEvent): Promise<AppendedLink> {
  const [link] = await appendAuditEvents(tx, event.organizationId, [event]);
  return link!;
}

/** Appends events of one organization in this order, in one statement; returns their links. */
export async function appendAuditEvents(tx: Tx, organizationId: string, events: Omit<NewAuditEvent, "organizationId">[]): Promise<AppendedLink[]> {
  if (events.length === 0) return [];
  const rows = events.map((e) => ({
    organizationId,
    actorId: e.actorId,
    action: e.action,
    targetType: e.targetType,
    targetId: e.targetId ?? null,
    data: e.data ?? {},
    ip: e.ip ?? null,
    userAgent: e.userAgent ?? null,
  }));
  const parts = rows.map(canonicalParts);
  // One parameter per column: a JS array is sent as one PostgreSQL array (sql.param), not spread into a list.
  const column = <T>(pick: (i: number) => T) => sql.param(rows.map((_, i) => pick(i)));
  const result = await tx.execute<{ seq: string; hash: string }>(
    sql`select seq, hash, set_config('synchronous_commit', 'off', true) ${sql.raw(ASYNC_COMMIT_MARK)}
      from audit_append_batch(${organizationId}::uuid,
        ${column((i) => rows[i]!.actorId)}::text[], ${column((i) => rows[i]!.action)}::varchar[], ${column((i) => rows[i]!.targetType)}::varchar[],
        ${column((i) => rows[i]!.targetId)}::text[], ${column((i) => JSON.stringify(rows[i]!.data))}::jsonb[], ${column((i) => rows[i]!.ip)}::varchar[],
        ${column((i) => rows[i]!.userAgent)}::varchar[], ${column((i) => parts[i]!.beforeTime)}::text[], ${column((i) => parts[i]!.beforeSeq)}::text[],
        ${column((i) => parts[i]!.afterSeq)}::text[])`,
  );
  if (result.rows.length !== events.length) throw new Error("audit append: the chain did not take every event");
  return result.rows.map((r) => ({ seq: Number(r.seq), hash: r.hash }));
}
