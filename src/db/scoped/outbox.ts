// scoped(actor).outbox: e-mails and webhook calls queued in the same transaction as the change they report
// (S9); the worker delivers them. Every row carries the actor's organization.
import { sql } from "drizzle-orm";
import type { Actor } from "@/auth/actor";
import { now } from "@/lib/clock";
import type { DbOrTx } from "../client";
import { unnestInsert } from "../unnest-insert";
import { outboxMessages, type TEmailPayload, type TWebhookPayload } from "../schema";

export type OutboxInput = { channel: "email"; eventType: string; payload: TEmailPayload } | { channel: "webhook"; eventType: string; payload: TWebhookPayload };

export function outboxQueries(actor: Actor, conn: DbOrTx) {
  const orgId = actor.orgId;
  return {
    /** The new rows' ids, in the order given. */
    async enqueue(rows: OutboxInput[]): Promise<string[]> {
      if (rows.length === 0) return [];
      const at = now();
      // RETURNING of INSERT … SELECT FROM unnest() follows the arrays' order (the callers that use ids send one row).
      const inserted = await conn.execute<{ id: string }>(
        sql`${unnestInsert(outboxMessages, [
          { column: outboxMessages.organizationId, type: "uuid", values: rows.map(() => orgId) },
          { column: outboxMessages.channel, type: "varchar", values: rows.map((r) => r.channel) },
          { column: outboxMessages.eventType, type: "varchar", values: rows.map((r) => r.eventType) },
          { column: outboxMessages.payload, type: "jsonb", values: rows.map((r) => r.payload) },
          { column: outboxMessages.createdAt, type: "timestamptz", values: rows.map(() => at) },
          { column: outboxMessages.nextAttemptAt, type: "timestamptz", values: rows.map(() => at) },
        ])} returning ${outboxMessages.id}`,
      );
      return inserted.rows.map((r) => r.id);
    },
  };
}
