// The notification part of scoped() (S9): in-app notifications (the actor's own only), the outbox and the
// organization's webhook. Same rules as src/db/scoped.ts, which mounts these sections.
import { rolesWith } from "@/auth/permissions";
import { and, count, eq, exists, inArray, isNull, or, sql, type SQL } from "drizzle-orm";
import type { Actor } from "@/auth/actor";
import { now } from "@/lib/clock";
import type { DbOrTx } from "./client";
import {
  notifications,
  outboxMessages,
  teamMembers,
  tickets,
  users,
  webhookDeliveries,
  webhookEndpoints,
  type Notification,
  type TEmailPayload,
  type TWebhookPayload,
} from "./schema";
import { ticketVisibility, type KeysetCursor } from "./scoped";

export type NotificationInput = { userId: string; ticketId: string | null; type: string; title: string; body: string };
export type OutboxInput = { channel: "email"; eventType: string; payload: TEmailPayload } | { channel: "webhook"; eventType: string; payload: TWebhookPayload };

/**
 * Which of the actor's own notifications they may read today (issue 9 item 6, D4): only the types their
 * current role may read (the domain passes that list; db/ never decides rights), and only about tickets
 * they can still see. Rights are checked at read time, not when the row was written, so a demotion, a
 * lost ticket or a move takes effect on the list, the page and the bell count at once.
 */
function readableBy(actor: Actor, conn: DbOrTx, types: string[]): SQL {
  const visibleTicket = conn
    .select({ one: sql`1` })
    .from(tickets)
    .where(and(eq(tickets.id, notifications.ticketId), ticketVisibility(actor)));
  return and(
    eq(notifications.userId, actor.userId),
    eq(notifications.organizationId, actor.orgId),
    types.length > 0 ? inArray(notifications.type, types) : sql`false`,
    or(isNull(notifications.ticketId), exists(visibleTicket)),
  ) as SQL;
}

export function scopedNotifications(actor: Actor, conn: DbOrTx) {
  const orgId = actor.orgId;
  return {
    notifications: {
      async insertMany(rows: NotificationInput[]): Promise<void> {
        if (rows.length === 0) return;
        const at = now();
        await conn.insert(notifications).values(rows.map((r) => ({ ...r, organizationId: orgId, createdAt: at })));
      },

      /** The actor's own notifications they may still read, newest first (index notifications_user_created_idx). */
      async listMine(page: { cursor?: KeysetCursor; limit: number; unreadOnly: boolean; types: string[] }): Promise<Notification[]> {
        const after = page.cursor
          ? sql`(${notifications.createdAt}, ${notifications.id}) < (${page.cursor.createdAt.toISOString()}::timestamptz, ${page.cursor.id}::uuid)`
          : undefined;
        return conn
          .select()
          .from(notifications)
          .where(and(readableBy(actor, conn, page.types), page.unreadOnly ? isNull(notifications.readAt) : undefined, after))
          // NULLS LAST matches the index's order (created_at is never null, so the result is the same).
          .orderBy(sql`${notifications.createdAt} desc nulls last`, sql`${notifications.id} desc nulls last`)
          .limit(page.limit);
      },

      /** The bell: unread notifications the actor may still read (the same rule as the list). */
      async unreadCount(types: string[]): Promise<number> {
        const [row] = await conn
          .select({ n: count() })
          .from(notifications)
          .where(and(readableBy(actor, conn, types), isNull(notifications.readAt)));
        return row?.n ?? 0;
      },

      /** Someone else's notification id, or one the actor may no longer read, matches nothing: a 404. */
      async markRead(id: string, types: string[]): Promise<Notification | null> {
        const [row] = await conn
          .update(notifications)
          .set({ readAt: sql`coalesce(${notifications.readAt}, ${now().toISOString()}::timestamptz)` })
          .where(and(eq(notifications.id, id), readableBy(actor, conn, types)))
          .returning();
        return row ?? null;
      },
    },

    outbox: {
      async enqueue(rows: OutboxInput[]): Promise<void> {
        if (rows.length === 0) return;
        const at = now();
        await conn.insert(outboxMessages).values(rows.map((r) => ({ ...r, organizationId: orgId, createdAt: at, nextAttemptAt: at })));
      },
    },

    /** Who can be notified: people of this organization only, active ones only. */
    recipients: {
      async people(ids: string[]) {
        if (ids.length === 0) return [];
        return conn
          .select({ id: users.id, email: users.email, name: users.name, role: users.role })
          .from(users)
          .where(and(inArray(users.id, ids), eq(users.organizationId, orgId), eq(users.active, true)));
      },
      /** An active person of this organization by e-mail (outbox messages queued before recipientId existed). */
      async byEmail(email: string) {
        const [row] = await conn
          .select({ id: users.id, email: users.email, name: users.name, role: users.role })
          .from(users)
          .where(and(eq(users.email, email), eq(users.organizationId, orgId), eq(users.active, true)))
          .limit(1);
        return row ?? null;
      },
      async teamMemberIds(teamId: string): Promise<string[]> {
        const rows = await conn
          .select({ id: teamMembers.userId })
          .from(teamMembers)
          .where(and(eq(teamMembers.teamId, teamId), eq(teamMembers.organizationId, orgId)));
        return rows.map((r) => r.id);
      },
      async adminIds(): Promise<string[]> {
        const rows = await conn
          .select({ id: users.id })
          .from(users)
          .where(and(eq(users.organizationId, orgId), inArray(users.role, rolesWith("users.manage")), eq(users.active, true)));
        return rows.map((r) => r.id);
      },
    },

    webhook: {
      async get() {
        const [row] = await conn.select().from(webhookEndpoints).where(eq(webhookEndpoints.organizationId, orgId)).limit(1);
        return row ?? null;
      },
      async save(values: { url: string; secret: string; active: boolean }) {
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
          .select({ id: outboxMessages.id, eventType: outboxMessages.eventType, status: outboxMessages.status, attempts: outboxMessages.attempts, nextAttemptAt: outboxMessages.nextAttemptAt, lastError: outboxMessages.lastError })
          .from(outboxMessages)
          .where(and(eq(outboxMessages.organizationId, orgId), eq(outboxMessages.channel, "webhook"), inArray(outboxMessages.status, ["pending", "dead"])))
          .orderBy(sql`${outboxMessages.createdAt} desc nulls last`)
          .limit(limit);
      },
    },
  };
}
