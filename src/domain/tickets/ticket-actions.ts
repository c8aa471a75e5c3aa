// What the actor may do to one ticket (S19), decided here once: update-ticket.ts enforces it and the
// ticket page shows exactly these controls, so the page never re-derives a rule of its own (issue 10).
import { can, type Actor } from "@/auth/actor";
import type { Ticket, TTicketStatus } from "@/db/schema";

export function ticketActions(actor: Actor, ticket: Pick<Ticket, "requesterId">) {
  const own = ticket.requesterId === actor.userId;
  const setStatus = can(actor, "tickets.update.status");
  return {
    editContent: can(actor, "tickets.update.content") || (own && can(actor, "tickets.update.content.own")),
    setStatus,
    /** A requester closes their own ticket, or reopens it once resolved (requesterMayMove). */
    closeOrReopenOwn: !setStatus && own && can(actor, "tickets.close.own"),
    setPriority: can(actor, "tickets.update.priority"),
    assign: can(actor, "tickets.assign"),
    writeInternal: can(actor, "comments.create.internal"),
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
