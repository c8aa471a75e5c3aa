// scoped(actor).outbox: e-mails and webhook calls queued in the same transaction as the change they report
// (S9); the worker delivers them. Every row carries the actor's organization.
import type { Actor } from "@/auth/actor";
import { now } from "@/lib/clock";
import type { DbOrTx } from "../client";
import { outboxMessages, type TEmailPayload, type TWebhookPayload } from "../schema";

export type OutboxInput = { channel: "email"; eventType: string; payload: TEmailPayload } | { channel: "webhook"; eventType: string; payload: TWebhookPayload };

export function outboxQueries(actor: Actor, conn: DbOrTx) {
  const orgId = actor.orgId;
  return {
    /** The new rows' ids, in the order given. */
    async enqueue(rows: OutboxInput[]): Promise<string[]> {
      if (rows.length === 0) return [];
      const at = now();
      const inserted = await conn
        .insert(outboxMessages)
        .values(rows.map((r) => ({ ...r, organizationId: orgId, createdAt: at, nextAttemptAt: at })))
        .returning({ id: outboxMessages.id });
      return inserted.map((r) => r.id);
    },
  };
}
