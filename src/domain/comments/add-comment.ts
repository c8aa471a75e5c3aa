import { can, requirePermission, type Actor } from "@/auth/actor";
import { ticketAudience } from "@/auth/ticket-audience";
import type { Comment, TTicketStatus } from "@/db/schema";
import { inTenantTransaction, type Scoped, type VisibleTicket } from "@/db/scoped";
import { firstResponseUpdate } from "@/domain/sla/sla-deadlines";
import { notifyCommentAdded } from "@/domain/notifications/notify-comment";
import { applyTicketChange, authorizeChange } from "@/domain/tickets/apply-ticket-change";
import { requireTicket } from "@/domain/tickets/get-ticket";
import { assertNotClosed } from "@/domain/tickets/ticket-actions";
import { versionFor } from "@/domain/tickets/ticket-dto";
import { assertCurrentVersion } from "@/domain/tickets/ticket-version";
import { now } from "@/lib/clock";
import { toCommentDto } from "./comment-dto";
import type { TAddComment } from "./comments.schemas";

/** Statuses a requester's public reply brings back to open: the customer is waiting again (issue 11). */
const REOPENED_BY_REQUESTER_REPLY: ReadonlySet<TTicketStatus> = new Set(["pending", "on_hold", "resolved"]);

/** What a caller inside the app adds to a reply (never from a request body). */
export interface AddCommentOptions {
  /** Written from an e-mail (issue 12): hidden from a requester who has not proven their address. */
  viaEmail?: boolean;
  /** More writes in the same transaction (the inbound mail's link to its comment: one commit, once). */
  alsoInTransaction?: (s: Scoped, ticket: VisibleTicket, comment: Comment) => Promise<void>;
}

/**
 * Adds a reply or an internal note, and optionally sets the ticket's status in the same transaction
 * ("Send and set Pending"). The first public staff reply records the SLA first response (S9); a
 * requester's reply to a waiting or resolved ticket reopens it and resumes the clock; a closed ticket
 * takes no more replies (409 `ticket_closed`: open a follow-up instead).
 */
export async function addComment(actor: Actor, ticketId: string, input: TAddComment, expectedVersions?: number[], opts: AddCommentOptions = {}) {
  requirePermission(actor, "comments.create");
  if (input.internal) requirePermission(actor, "comments.create.internal");

  return inTenantTransaction(actor, async (s) => {
    const ticket = await requireTicket(actor, ticketId, s, { forUpdate: true });
    await assertCurrentVersion(s, ticket, expectedVersions);
    assertNotClosed(ticket);
    if (input.status !== undefined) authorizeChange(actor, ticket, { status: input.status });

    const at = now();
    const byStaff = can(actor, "comments.counts_as_response");
    const reopens = !byStaff && !input.internal && input.status === undefined && REOPENED_BY_REQUESTER_REPLY.has(ticket.status);
    const status = reopens ? "open" : input.status;
    const comment = await s.comments.insert(ticket, { bodyMd: input.bodyMd, internal: input.internal, viaEmail: opts.viaEmail === true }, at);
    const { updated } = await applyTicketChange(s, ticket, { status }, at, {
      reply: { byStaff, internal: input.internal },
      extra: firstResponseUpdate(ticket, { byStaff, internal: input.internal, at }) ?? {},
      cause: reopens ? "requester_reply" : undefined,
    });
    // On the timeline too, so a 412 can say "a reply arrived since you opened the ticket".
    await s.activity.record(updated, [{ field: "comment", from: null, to: comment.id, staffOnly: input.internal }], at);
    await notifyCommentAdded(s, updated, comment, { byStaff });
    await s.audit.record({
      action: input.internal ? "comment.internal_created" : "comment.created",
      targetType: "ticket",
      targetId: ticket.id,
      data: { commentId: comment.id, ...(opts.viaEmail ? { viaEmail: true } : {}) },
    });
    await opts.alsoInTransaction?.(s, updated, comment);
    // The caller's own version (F6): a requester's moves with their reply, never with a colleague's note.
    return { comment: toCommentDto(comment), version: versionFor(ticketAudience(actor), updated) };
  });
}
