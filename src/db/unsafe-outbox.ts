// Crosses tenants on purpose (DESIGN.md rule 2: only files named unsafe-*.ts may). The outbox worker
// delivers every organization's waiting e-mails and webhook calls. Each message already carries its
// organization; the delivery log rows written here copy it from the message, never from elsewhere.
import { eq, inArray, sql } from "drizzle-orm";
import type { DbOrTx } from "./client";
import { mailDeliveries, outboxMessages, webhookDeliveries, type OutboxMessage, type TMailDeliveryOutcome } from "./schema";

/**
 * Takes up to `limit` due messages and leases them: attempts+1 and the next attempt pushed `leaseMs`
 * ahead, committed before delivery starts. A worker that dies mid-delivery leaves the lease to expire
 * and the message is tried again (delivery is at least once; receivers dedupe on the delivery id).
 */
/**
 * At most this many messages of one organization per batch (attack pass C6): an organization whose
 * webhook receiver answers slowly, or whose backlog is large, shares each batch with the others instead
 * of filling it.
 */
export const OUTBOX_PER_ORGANIZATION = 5;

export async function unsafeLeaseOutbox(conn: DbOrTx, at: Date, limit: number, leaseMs: number, organizationIds?: string[]): Promise<OutboxMessage[]> {
  // Only these organizations' messages (tests and a manual run); every organization's when absent.
  const onlyOrg = organizationIds ? sql`AND organization_id = ANY(${sql.param(organizationIds)}::uuid[])` : sql``;
  const due = at.toISOString();
  // FOR UPDATE cannot sit beside a window function, so the outer UPDATE checks again that each row is
  // still due: a row another worker leased meanwhile has moved on and is skipped after its lock.
  const result = await conn.execute<Record<string, unknown>>(sql`
    UPDATE outbox_messages o
       SET attempts = o.attempts + 1, next_attempt_at = ${new Date(at.getTime() + leaseMs).toISOString()}::timestamptz
     WHERE o.status = 'pending' AND o.next_attempt_at <= ${due}::timestamptz
       AND o.id IN (
       SELECT id FROM (
         SELECT id, next_attempt_at, row_number() OVER (PARTITION BY organization_id ORDER BY next_attempt_at) AS nth
           FROM outbox_messages
          WHERE status = 'pending' AND next_attempt_at <= ${due}::timestamptz ${onlyOrg}) due
        WHERE nth <= ${OUTBOX_PER_ORGANIZATION}
        ORDER BY next_attempt_at
        LIMIT ${limit})
    RETURNING o.id`);
  const ids = result.rows.map((r) => String(r.id));
  if (ids.length === 0) return [];
  return conn.select().from(outboxMessages).where(inArray(outboxMessages.id, ids));
}

export async function unsafeMarkSent(conn: DbOrTx, id: string, at: Date): Promise<void> {
  await conn.update(outboxMessages).set({ status: "sent", sentAt: at, lastError: null }).where(eq(outboxMessages.id, id));
}

/** A failed attempt: retried at `retryAt`, or given up ("dead", still listed for admins) when null. */
export async function unsafeMarkFailed(conn: DbOrTx, id: string, error: string, retryAt: Date | null): Promise<void> {
  await conn
    .update(outboxMessages)
    .set(retryAt ? { lastError: error.slice(0, 1000), nextAttemptAt: retryAt } : { lastError: error.slice(0, 1000), status: "dead" })
    .where(eq(outboxMessages.id, id));
}

/** Not sent because the recipient may no longer read it (issue 9 item 6): kept for the record, never retried. */
export async function unsafeMarkWithheld(conn: DbOrTx, id: string, reason: string): Promise<void> {
  await conn
    .update(outboxMessages)
    .set({ status: "withheld", lastError: reason.slice(0, 1000) })
    .where(eq(outboxMessages.id, id));
}

export async function unsafeLogWebhookDelivery(
  conn: DbOrTx,
  msg: OutboxMessage,
  r: { statusCode: number | null; error: string | null; durationMs: number; at: Date },
): Promise<void> {
  await conn.insert(webhookDeliveries).values({
    organizationId: msg.organizationId,
    outboxId: msg.id,
    eventType: msg.eventType,
    attempt: msg.attempts,
    statusCode: r.statusCode,
    error: r.error?.slice(0, 500) ?? null,
    durationMs: r.durationMs,
    attemptedAt: r.at,
  });
}

/** One e-mail delivery attempt (issue 12): its outcome and the server's answer, the error or the reason. */
export async function unsafeLogMailDelivery(
  conn: DbOrTx,
  msg: OutboxMessage,
  r: { outcome: TMailDeliveryOutcome; detail: string; durationMs: number; at: Date },
): Promise<void> {
  await conn.insert(mailDeliveries).values({
    organizationId: msg.organizationId,
    outboxId: msg.id,
    eventType: msg.eventType,
    attempt: msg.attempts,
    outcome: r.outcome,
    detail: r.detail.slice(0, 500),
    durationMs: r.durationMs,
    attemptedAt: r.at,
  });
}
