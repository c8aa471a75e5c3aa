// What the actor may do to one ticket (S19), decided here once: update-ticket.ts enforces it and the
// ticket page shows exactly these controls, so the page never re-derives a rule of its own (issue 10).
import { can, type Actor } from "@/auth/actor";
import { AppError } from "@/lib/errors";
import type { Ticket, TTicketStatus } from "@/db/schema";

/** What the actor's role allows on this ticket, whatever its status (authorizeChange answers 403 from it). */
export function ticketPermissions(actor: Actor, ticket: Pick<Ticket, "requesterId">) {
  const own = ticket.requesterId === actor.userId;
  const setStatus = can(actor, "tickets.update.status");
  return {
    editContent: can(actor, "tickets.update.content") || (own && can(actor, "tickets.update.content.own")),
    setStatus,
    /** A requester closes their own ticket, or reopens it once resolved (requesterMayMove). */
    closeOrReopenOwn: !setStatus && own && can(actor, "tickets.close.own"),
    setPriority: can(actor, "tickets.update.priority"),
    assign: can(actor, "tickets.assign"),
    tag: can(actor, "tickets.tag"),
    writeInternal: can(actor, "comments.create.internal"),
  };
}

/**
 * What the actor may do to the ticket now, for the page's controls: on a closed ticket only a status change
 * (staff reopening it) — content, priority, assignee, team and tags are final, as authorizeChange enforces
 * with 409 `ticket_closed`.
 */
export function ticketActions(actor: Actor, ticket: Pick<Ticket, "requesterId" | "status">) {
  const may = ticketPermissions(actor, ticket);
  const open = ticket.status !== "closed";
  return {
    ...may,
    editContent: may.editContent && open,
    setPriority: may.setPriority && open,
    assign: may.assign && open,
    tag: may.tag && open,
  };
}
export type TTicketActions = ReturnType<typeof ticketActions>;

/**
 * Statuses a requester may move their own ticket to: close it, or reopen a resolved one. Closed is final
 * (as in the helpdesks agents know): what follows goes into a follow-up ticket (issue 11).
 */
export function requesterMayMove(from: TTicketStatus, to: TTicketStatus): boolean {
  if (to === "closed") return true;
  return to === "open" && from === "resolved";
}

/**
 * Closed is final (issue 11): a closed ticket takes no replies, files or content edits — only a status
 * change by staff, or a follow-up ticket. 409 `ticket_closed` names the ticket so the UI can offer one.
 */
export function assertNotClosed(ticket: Pick<Ticket, "id" | "status">): void {
  if (ticket.status === "closed") {
    throw new AppError("ticket_closed", "This ticket is closed: open a follow-up ticket instead", undefined, undefined, { ticketId: ticket.id });
  }
}
