// Who may read a notification NOW (D4, S9, S17; issue 9 item 6). A notification is written for the
// rights its recipient had when the event happened; a user demoted to requester, moved out of the
// ticket, or deactivated since must not read it afterwards. Every reading door applies this at read
// (or send) time: the notifications API and page, the bell count, and the outbox's e-mail delivery.
import { roleCan, type Permission } from "@/auth/permissions";
import type { TRole } from "@/db/schema/enums";

/**
 * The right a reader needs today to read a notification of each type. A type missing here is readable
 * by nobody (default deny): a new notification type must say who may read it.
 */
export const NOTIFICATION_AUDIENCE: Record<string, Permission> = {
  // A public reply: anyone who can still see the ticket (checked separately) may read it.
  "comment.created": "tickets.read.own",
  // Internal note text: staff only.
  "comment.internal_created": "comments.read.internal",
  // "How did we do?" (issue 13): written for the requester; read while they can still see the ticket.
  "satisfaction.requested": "satisfaction.answer",
  // SLA warnings and breaches are written for the staff looking after the ticket.
  "sla.warning": "tickets.be_assigned",
  "sla.breached": "tickets.be_assigned",
};

/** The notification types a role may read today. */
export function readableNotificationTypes(role: TRole): string[] {
  return Object.entries(NOTIFICATION_AUDIENCE)
    .filter(([, permission]) => roleCan(role, permission))
    .map(([type]) => type);
}

export function mayReadNotificationType(role: TRole, type: string): boolean {
  const permission = NOTIFICATION_AUDIENCE[type];
  return permission !== undefined && roleCan(role, permission);
}
