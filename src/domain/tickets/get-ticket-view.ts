// Everything the ticket page shows, with the ticket read once (issue 10): its visibility decides the rest,
// which is then read in parallel — comments, attachments, SLA, the directory for staff, the timeline, the
// queue neighbours, names — and what the actor may do to it comes from the same rules update-ticket.ts
// enforces.
import { can, type Actor } from "@/auth/actor";
import { ticketAudience, type TicketAudience } from "@/auth/ticket-audience";
import { scoped, type Scoped, type VisibleTicket } from "@/db/scoped";
import { toActivityDto } from "@/domain/activity/activity-dto";
import { listAttachmentsOf } from "@/domain/attachments/list-attachments";
import { listCommentsOf } from "@/domain/comments/list-comments";
import { listDirectory } from "@/domain/directory/list-directory";
import { resolveUserNames } from "@/domain/directory/resolve-user-names";
import { satisfactionOfTicket } from "@/domain/satisfaction/get-satisfaction";
import { decodeSeqCursor, firstPageOnBadCursor } from "@/domain/pagination";
import { queueNeighbours } from "./queue-neighbours";
import { ticketActions } from "./ticket-actions";
import { toTicketDto } from "./ticket-dto";
import { requireTicketWithExtras } from "./ticket-extras";
import type { TListTicketsQuery } from "./tickets.schemas";

const COMMENTS_PER_PAGE = 100;
/** Field changes shown between one page of comments; more than that in one stretch is left off. */
const ACTIVITY_PER_PAGE = 500;

/** Comments oldest first; a stale or edited `?comments=` cursor falls back to the start. */
function commentsFrom(s: Scoped, ticket: VisibleTicket, cursor: string | undefined) {
  return firstPageOnBadCursor(cursor, async (c) => ({ ...(await listCommentsOf(s, ticket, { cursor: c, limit: COMMENTS_PER_PAGE })), fromCursor: c ?? null }));
}

/**
 * The timeline's changes that belong between this page's comments (issue 11): from the page's first
 * comment (the whole start on the first page) up to the next page's first comment (or the end).
 */
async function activityOfPage(s: Scoped, ticket: VisibleTicket, comments: Awaited<ReturnType<typeof commentsFrom>>, audience: TicketAudience) {
  const first = comments.items[0];
  const last = comments.items[comments.items.length - 1];
  const from = comments.fromCursor && first ? new Date(first.createdAt) : undefined;
  let before: Date | undefined;
  if (comments.nextCursor) {
    const [nextFirst] = await s.comments.list(ticket, { afterSeq: decodeSeqCursor(comments.nextCursor), limit: 1 });
    before = nextFirst ? nextFirst.createdAt : last ? new Date(last.createdAt) : undefined;
  }
  const rows = await s.activity.list(ticket, { from, before, limit: ACTIVITY_PER_PAGE });
  return rows.map((a) => toActivityDto(a, audience));
}

/** "How did we do?" (issue 13) on the page: every answer for staff; the question and their own answers for the requester. */
const asksSatisfaction = (actor: Actor, ticket: VisibleTicket) => can(actor, "satisfaction.read.all") || ticket.requesterId === actor.userId;

export async function getTicketView(actor: Actor, id: string, opts: { commentsCursor?: string; queue?: TListTicketsQuery; satisfaction?: boolean } = {}) {
  const s = scoped(actor);
  const audience = ticketAudience(actor);
  // For staff the ticket, its clock and its tags are one statement (issue 15).
  const { ticket, extras } = await requireTicketWithExtras(s, id, { sla: true });
  const [comments, attachments, directory, neighbours, satisfaction] = await Promise.all([
    commentsFrom(s, ticket, opts.commentsCursor),
    listAttachmentsOf(actor, s, ticket),
    can(actor, "directory.read") ? listDirectory(actor) : null,
    // Next/previous only within a queue view; requesters' "My tickets" is a queue too.
    opts.queue ? queueNeighbours(actor, s, ticket, opts.queue) : null,
    opts.satisfaction && asksSatisfaction(actor, ticket) ? satisfactionOfTicket(s, ticket, { limit: 100 }) : null,
  ]);
  // Shaped for the audience first (F6): the page renders, names and serialises only what this allows.
  const dto = toTicketDto(ticket, audience, extras);
  const activity = await activityOfPage(s, ticket, comments, audience);
  const names = await resolveUserNames(actor, [
    dto.requesterId,
    dto.assigneeId ?? null,
    ...comments.items.map((c) => c.authorId),
    ...attachments.items.map((a) => a.uploaderId),
    ...activity.flatMap((a) => [a.actorId, a.field === "assignee" ? a.from : null, a.field === "assignee" ? a.to : null]),
  ]);
  return {
    ticket: dto,
    actions: ticketActions(actor, ticket),
    comments,
    activity,
    attachments,
    directory,
    neighbours,
    names,
    satisfaction,
  };
}
export type TTicketView = Awaited<ReturnType<typeof getTicketView>>;
