import { requirePermission, type Actor } from "@/auth/actor";
import type { Notification } from "@/db/schema";
import { scoped } from "@/db/scoped";
import { decodeCursor, toPage } from "@/domain/pagination";
import { readableNotificationTypes } from "./notification-audience";
import type { TListNotificationsQuery } from "./notifications.schemas";

export function toNotificationDto(n: Notification) {
  return { id: n.id, type: n.type, ticketId: n.ticketId, title: n.title, body: n.body, read: n.readAt !== null, createdAt: n.createdAt.toISOString() };
}
export type TNotificationDto = ReturnType<typeof toNotificationDto>;

/**
 * The caller's own notifications, newest first, with the unread count for the bell. Filtered by the
 * caller's rights today, not when they were written (issue 9 item 6).
 */
export async function listNotifications(actor: Actor, query: TListNotificationsQuery) {
  requirePermission(actor, "notifications.read");
  const s = scoped(actor);
  const types = readableNotificationTypes(actor.role);
  const [rows, unreadCount] = await Promise.all([
    s.notifications.listMine({ cursor: decodeCursor(query.cursor), limit: query.limit + 1, unreadOnly: query.unread ?? false, types }),
    s.notifications.unreadCount(types),
  ]);
  return { ...toPage(rows, query.limit, toNotificationDto), unreadCount };
}

export async function unreadNotificationCount(actor: Actor): Promise<number> {
  requirePermission(actor, "notifications.read");
  return scoped(actor).notifications.unreadCount(readableNotificationTypes(actor.role));
}
