// What one caller receives for one committed change (issue 11): the row re-read AS THAT CALLER through
// the same scoped reads and DTO functions as the REST API, at delivery time. Null means "nothing": the
// caller could not GET it (another requester's ticket, an internal note for a requester, a staff-only
// timeline entry, someone else's notification), and then not even the event's kind or ids are sent.
import { can, type Actor } from "@/auth/actor";
import { ticketAudience } from "@/auth/ticket-audience";
import { scoped } from "@/db/scoped";
import type { LiveEvent } from "@/lib/live/live-hub";
import { isAppError } from "@/lib/errors";
import { toActivityDto } from "@/domain/activity/activity-dto";
import { toAttachmentDto } from "@/domain/attachments/attachment-dto";
import { toCommentDto } from "@/domain/comments/comment-dto";
import { toNotificationDto } from "@/domain/notifications/list-notifications";
import { readableNotificationTypes } from "@/domain/notifications/notification-audience";
import { getTicketDetail } from "@/domain/tickets/get-ticket-detail";

export type EventData = Record<string, unknown>;

export async function renderEvent(actor: Actor, e: LiveEvent): Promise<EventData | null> {
  if (e.orgId !== actor.orgId) return null;
  switch (e.kind) {
    case "ticket.updated":
    case "ticket.public_updated":
      // F6: staff follow every write; a requester hears of a write only when their version moved, so
      // the arrival of an event tells them nothing of a note, a priority, an assignment or a tag.
      if ((e.kind === "ticket.updated") !== (ticketAudience(actor) === "staff")) return null;
      return renderTicket(actor, e);
    case "ticket.created":
      return renderTicket(actor, e);
    case "notification.created":
    case "notification.read":
      return renderNotification(actor, e);
    default:
      return renderTicketRow(actor, e);
  }
}

/** Exactly GET /api/tickets/{id}: the ticket, its SLA view, and tags for those who read tags. */
function renderTicket(actor: Actor, e: LiveEvent): Promise<EventData | null> {
  return getTicketDetail(actor, e.rowId).then(
    (ticket) => ({ ticket }),
    (err: unknown) => notFoundAsNull(err),
  );
}

/** Comments, timeline entries and attachments: rows of a ticket the caller must still see. */
async function renderTicketRow(actor: Actor, e: LiveEvent): Promise<EventData | null> {
  if (!e.ticketId) return null;
  const s = scoped(actor);
  const ticket = await s.tickets.find(e.ticketId);
  if (!ticket) return null;
  switch (e.kind) {
    case "comment.created": {
      const comment = await s.comments.find(ticket, e.rowId);
      return comment ? { comment: toCommentDto(comment) } : null;
    }
    case "activity.created": {
      const activity = await s.activity.find(ticket, e.rowId);
      return activity ? { ticketId: ticket.id, activity: toActivityDto(activity, ticketAudience(actor)) } : null;
    }
    case "attachment.created":
    case "attachment.updated": {
      if (!can(actor, "attachments.read")) return null;
      const attachment = await s.attachments.findListed(ticket, e.rowId);
      return attachment ? { attachment: toAttachmentDto(attachment) } : null;
    }
    default:
      return null;
  }
}

/** The caller's own notifications, under the rights they hold now; the bell's count comes along. */
async function renderNotification(actor: Actor, e: LiveEvent): Promise<EventData | null> {
  if (e.userId !== actor.userId || !can(actor, "notifications.read")) return null;
  const s = scoped(actor);
  const types = readableNotificationTypes(actor.role);
  if (e.kind === "notification.read") return { unreadCount: await s.notifications.unreadCount(types) };
  const notification = await s.notifications.findMine(e.rowId, types);
  if (!notification) return null;
  return { notification: toNotificationDto(notification), unreadCount: await s.notifications.unreadCount(types) };
}

function notFoundAsNull(err: unknown): null {
  if (isAppError(err) && (err.kind === "not_found" || err.kind === "forbidden")) return null;
  throw err;
}
