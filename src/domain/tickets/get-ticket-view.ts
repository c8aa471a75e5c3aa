// Everything the ticket page shows, with the ticket read once (issue 10): its visibility decides the rest,
// which is then read in parallel — comments, attachments, SLA, the directory for staff, names — and what
// the actor may do to it comes from the same rules update-ticket.ts enforces.
import { can, type Actor } from "@/auth/actor";
import { scoped, type Scoped, type VisibleTicket } from "@/db/scoped";
import { listAttachmentsOf } from "@/domain/attachments/list-attachments";
import { listCommentsOf } from "@/domain/comments/list-comments";
import { listDirectory } from "@/domain/directory/list-directory";
import { resolveUserNames } from "@/domain/directory/resolve-user-names";
import { firstPageOnBadCursor } from "@/domain/pagination";
import { ticketSlaOf } from "@/domain/sla/get-ticket-sla";
import { requireTicket } from "./get-ticket";
import { ticketActions } from "./ticket-actions";
import { toTicketDto } from "./ticket-dto";

const COMMENTS_PER_PAGE = 100;

/** Comments oldest first; a stale or edited `?comments=` cursor falls back to the start. */
function commentsFrom(s: Scoped, ticket: VisibleTicket, cursor: string | undefined) {
  return firstPageOnBadCursor(cursor, async (c) => ({ ...(await listCommentsOf(s, ticket, { cursor: c, limit: COMMENTS_PER_PAGE })), fromCursor: c ?? null }));
}

export async function getTicketView(actor: Actor, id: string, opts: { commentsCursor?: string } = {}) {
  const s = scoped(actor);
  const ticket = await requireTicket(actor, id, s);
  const [comments, attachments, sla, directory] = await Promise.all([
    commentsFrom(s, ticket, opts.commentsCursor),
    listAttachmentsOf(actor, s, ticket),
    ticketSlaOf(s, ticket),
    can(actor, "directory.read") ? listDirectory(actor) : null,
  ]);
  const names = await resolveUserNames(actor, [ticket.requesterId, ticket.assigneeId, ...comments.items.map((c) => c.authorId)]);
  return { ticket: { ...toTicketDto(ticket), sla }, actions: ticketActions(actor, ticket), comments, attachments, directory, names };
}
export type TTicketView = Awaited<ReturnType<typeof getTicketView>>;
