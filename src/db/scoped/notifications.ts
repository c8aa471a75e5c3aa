// scoped(actor).notifications: in-app notifications, the actor's own only (S9, D4). Rights are checked
// when the row is read (readableBy), so a demotion or a lost ticket takes effect at once.
import { and, count, eq, exists, inArray, isNull, or, sql, type SQL } from "drizzle-orm";
import type { Actor } from "@/auth/actor";
import { now } from "@/lib/clock";
import type { DbOrTx } from "../client";
import { unnestInsert } from "../unnest-insert";
import { notifications, tickets, type Notification } from "../schema";
import { ticketVisibility, type KeysetCursor } from "./visibility";

export type NotificationInput = { userId: string; ticketId: string | null; type: string; title: string; body: string };

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

export function notificationQueries(actor: Actor, conn: DbOrTx) {
  const orgId = actor.orgId;
  return {
    async insertMany(rows: NotificationInput[]): Promise<void> {
      if (rows.length === 0) return;
      const at = now();
      await conn.execute(
        unnestInsert(notifications, [
          { column: notifications.organizationId, type: "uuid", values: rows.map(() => orgId) },
          { column: notifications.userId, type: "text", values: rows.map((r) => r.userId) },
          { column: notifications.ticketId, type: "uuid", values: rows.map((r) => r.ticketId) },
          { column: notifications.type, type: "varchar", values: rows.map((r) => r.type) },
          { column: notifications.title, type: "varchar", values: rows.map((r) => r.title) },
          { column: notifications.body, type: "varchar", values: rows.map((r) => r.body) },
          { column: notifications.createdAt, type: "timestamptz", values: rows.map(() => at) },
        ]),
      );
    },

    /** The actor's own notifications they may still read, newest first (index notifications_user_created_idx). */
    async listMine(page: { cursor?: KeysetCursor; limit: number; unreadOnly: boolean; types: string[] }): Promise<Notification[]> {
      const after = page.cursor
        ? sql`(${notifications.createdAt}, ${notifications.id}) < (${page.cursor.createdAt.toISOString()}::timestamptz, ${page.cursor.id}::uuid)`
        : undefined;
      return (
        conn
          .select()
          .from(notifications)
          .where(and(readableBy(actor, conn, page.types), page.unreadOnly ? isNull(notifications.readAt) : undefined, after))
          // NULLS LAST matches the index's order (created_at is never null, so the result is the same).
          .orderBy(sql`${notifications.createdAt} desc nulls last`, sql`${notifications.id} desc nulls last`)
          .limit(page.limit)
      );
    },

    /** The bell: unread notifications the actor may still read (the same rule as the list). */
    async unreadCount(types: string[]): Promise<number> {
      const [row] = await conn
        .select({ n: count() })
        .from(notifications)
        .where(and(readableBy(actor, conn, types), isNull(notifications.readAt)));
      return row?.n ?? 0;
    },

    /** One of the actor's own notifications they may still read (the live stream's re-read). */
    async findMine(id: string, types: string[]): Promise<Notification | null> {
      const [row] = await conn
        .select()
        .from(notifications)
        .where(and(eq(notifications.id, id), readableBy(actor, conn, types)))
        .limit(1);
      return row ?? null;
    },

    /** Marks every unread notification the actor may read (of one ticket, when given) read; how many. */
    async markAllRead(types: string[], ticketId?: string): Promise<number> {
      const rows = await conn
        .update(notifications)
        .set({ readAt: now() })
        .where(and(readableBy(actor, conn, types), isNull(notifications.readAt), ticketId ? eq(notifications.ticketId, ticketId) : undefined))
        .returning({ id: notifications.id });
      return rows.length;
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
  };
}
