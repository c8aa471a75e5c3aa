import { requirePermission, type Actor } from "@/auth/actor";
import { scoped } from "@/db/scoped";
import { NotFound } from "@/lib/errors";
import { toNotificationDto } from "./list-notifications";
import { readableNotificationTypes } from "./notification-audience";

/** Marks one of the caller's notifications read; anyone else's id is a 404. Idempotent. */
export async function markNotificationRead(actor: Actor, id: string) {
  requirePermission(actor, "notifications.read");
  const row = await scoped(actor).notifications.markRead(id, readableNotificationTypes(actor.role));
  if (!row) throw NotFound("Notification");
  return toNotificationDto(row);
}
