// scoped(actor).webhook: the organization's one webhook endpoint, its delivery log and the webhook
// messages still waiting (S9). Every statement carries the actor's organization.
import { and, eq, inArray, sql } from "drizzle-orm";
import type { Actor } from "@/auth/actor";
import { now } from "@/lib/clock";
import type { DbOrTx } from "../client";
import { outboxMessages, webhookDeliveries, webhookEndpoints } from "../schema";

export function webhookQueries(actor: Actor, conn: DbOrTx) {
  const orgId = actor.orgId;
  return {
    async get() {
      const [row] = await conn.select().from(webhookEndpoints).where(eq(webhookEndpoints.organizationId, orgId)).limit(1);
      return row ?? null;
    },
    async save(values: { url: string; secret: string; active: boolean; events: string[] | null }) {
      const row = { ...values, updatedAt: now() };
      const [saved] = await conn
        .insert(webhookEndpoints)
        .values({ ...row, organizationId: orgId })
        .onConflictDoUpdate({ target: webhookEndpoints.organizationId, set: row })
        .returning();
      return saved!;
    },
    async deliveries(limit: number) {
      return conn
        .select()
        .from(webhookDeliveries)
        .where(eq(webhookDeliveries.organizationId, orgId))
        .orderBy(sql`${webhookDeliveries.attemptedAt} desc nulls last`)
        .limit(limit);
    },
    /** Webhook messages still waiting or given up on: failures stay visible until delivered. */
    async undelivered(limit: number) {
      return conn
        .select({
          id: outboxMessages.id,
          eventType: outboxMessages.eventType,
          status: outboxMessages.status,
          attempts: outboxMessages.attempts,
          nextAttemptAt: outboxMessages.nextAttemptAt,
          lastError: outboxMessages.lastError,
        })
        .from(outboxMessages)
        .where(and(eq(outboxMessages.organizationId, orgId), eq(outboxMessages.channel, "webhook"), inArray(outboxMessages.status, ["pending", "dead"])))
        .orderBy(sql`${outboxMessages.createdAt} desc nulls last`)
        .limit(limit);
    },
  };
}
