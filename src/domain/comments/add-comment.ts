import { can, requirePermission, type Actor } from "@/auth/actor";
import { inTenantTransaction } from "@/db/scoped";
import { reviseTicketSla } from "@/domain/sla/maintain-ticket-sla";
import { firstResponseUpdate } from "@/domain/sla/sla-deadlines";
import { notifyCommentAdded } from "@/domain/notifications/notify-comment";
import { requireTicket } from "@/domain/tickets/get-ticket";
import { now } from "@/lib/clock";
import { toCommentDto } from "./comment-dto";
import type { TAddComment } from "./comments.schemas";

/** Adds a reply or an internal note; the first public staff reply records the SLA first response. */
export async function addComment(actor: Actor, ticketId: string, input: TAddComment) {
  requirePermission(actor, "comments.create");
  if (input.internal) requirePermission(actor, "comments.create.internal");

  return inTenantTransaction(actor, async (s) => {
    const ticket = await requireTicket(actor, ticketId, s, { forUpdate: true });
    const at = now();
    const comment = await s.comments.insert(ticket, { bodyMd: input.bodyMd, internal: input.internal });
    const byStaff = can(actor, "comments.counts_as_response");
    const firstResponse = firstResponseUpdate(ticket, { byStaff, internal: input.internal, at });
    // A public staff reply answers the requester; a requester message starts the next-reply clock (S9).
    const slaPatch = input.internal ? {} : await reviseTicketSla(s, ticket, { ...ticket, ...firstResponse }, at, { byStaff, internal: false });
    const updated = await s.tickets.update(ticket, { ...firstResponse, ...slaPatch, updatedAt: at });
    await notifyCommentAdded(s, updated, comment, { byStaff });
    await s.audit.record({
      action: input.internal ? "comment.internal_created" : "comment.created",
      targetType: "ticket",
      targetId: ticket.id,
      data: { commentId: comment.id },
    });
    return toCommentDto(comment);
  });
}
