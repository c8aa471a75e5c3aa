import { requirePermission, type Actor } from "@/auth/actor";
import { scoped } from "@/db/scoped";
import { readableNotificationTypes } from "./notification-audience";
import type { TMarkAllRead } from "./notifications.schemas";

/**
 * POST /api/notifications/read-all (issue 11): every unread notification the caller may still read, or
 * only those of one ticket (opening a ticket marks its notifications read). Only the caller's own rows
 * can match; a ticket id the caller cannot see matches nothing. Idempotent.
 */
export async function markAllNotificationsRead(actor: Actor, input: TMarkAllRead) {
  requirePermission(actor, "notifications.read");
  const s = scoped(actor);
  const types = readableNotificationTypes(actor.role);
  const marked = await s.notifications.markAllRead(types, input.ticketId);
  return { marked, unreadCount: await s.notifications.unreadCount(types) };
}
