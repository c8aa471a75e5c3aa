import type { Actor } from "@/auth/actor";
import { scoped, type Scoped, type VisibleTicket } from "@/db/scoped";
import { decodeSeqCursor, encodeSeqCursor, toPage } from "@/domain/pagination";
import { requireTicket } from "@/domain/tickets/get-ticket";
import { toCommentDto } from "./comment-dto";
import type { TListCommentsQuery } from "./comments.schemas";

/** Oldest first, like a conversation. Internal notes are dropped for requesters inside scoped(). */
export async function listComments(actor: Actor, ticketId: string, query: TListCommentsQuery) {
  const s = scoped(actor);
  return listCommentsOf(s, await requireTicket(actor, ticketId, s), query);
}

/** The same, for a ticket the caller has already read (the ticket page reads it once). */
export async function listCommentsOf(s: Scoped, ticket: VisibleTicket, query: TListCommentsQuery) {
  const rows = await s.comments.list(ticket, { afterSeq: decodeSeqCursor(query.cursor), limit: query.limit + 1 });
  return toPage(rows, query.limit, toCommentDto, (c) => encodeSeqCursor(c.seq));
}
