// Next and previous ticket within the queue view an agent came from (issue 11). The view travels with
// the ticket link as the queue's own query string; the neighbours are the same list query one row either
// side of this ticket's keyset position (one indexed row each way, however deep in the queue it is), so
// "next" also works after the ticket left the view (resolved from "Unresolved": its position stays).
import type { Actor } from "@/auth/actor";
import type { Ticket } from "@/db/schema";
import type { Scoped, VisibleTicket } from "@/db/scoped";
import { now } from "@/lib/clock";
import { mayFilterBy, ticketFilter } from "./ticket-filter";
import { SEARCH_RANK_WINDOW, SEARCH_RECENT_SCAN } from "./ticket-search";
import type { TListTicketsQuery } from "./tickets.schemas";

export interface QueueNeighbour {
  id: string;
  number: number;
  title: string;
}
export interface QueueNeighbours {
  previous: QueueNeighbour | null;
  next: QueueNeighbour | null;
}

const brief = (t: Pick<Ticket, "id" | "number" | "title"> | null | undefined): QueueNeighbour | null =>
  t ? { id: t.id, number: t.number, title: t.title } : null;

export async function queueNeighbours(actor: Actor, s: Scoped, ticket: VisibleTicket, query: TListTicketsQuery): Promise<QueueNeighbours> {
  // A view by triage fields or tag is staff-only (F6); a crafted link naming one gets no neighbours, not an error.
  if (!mayFilterBy(actor, query)) return { previous: null, next: null };
  const at = now();
  const filter = await ticketFilter(actor, s, query, at);
  // A tag the organization does not have: the view lists nothing, so there is nothing either side.
  if (!filter) return { previous: null, next: null };

  // One row either way from this ticket's position: the list's own query, forward (cursor) and back (before).
  if (filter.byDue) {
    const clock = await s.sla.clock(ticket);
    // A ticket without a clock is in no "due" list: there is no position to step from.
    if (!clock) return { previous: null, next: null };
    const cursor = { dueAt: clock.nextDueAt, id: ticket.id };
    const [next, previous] = await Promise.all([
      s.sla.listByDue(filter.where, { cursor, limit: 1 }),
      s.sla.listByDue(filter.where, { cursor, before: true, limit: 1 }),
    ]);
    return { previous: brief(previous[0]), next: brief(next[0]) };
  }

  if (filter.search) {
    const rank = await s.tickets.rankOf(ticket.id, filter.search.rank);
    if (rank === null) return { previous: null, next: null };
    const cursor = { rank, createdAt: ticket.createdAt, id: ticket.id };
    const page = { cursor, limit: 1, window: SEARCH_RANK_WINDOW, recentScan: SEARCH_RECENT_SCAN };
    const [next, previous] = await Promise.all([
      s.tickets.listByRank(filter.search.others, filter.search, page),
      s.tickets.listByRank(filter.search.others, filter.search, { ...page, before: true }),
    ]);
    return { previous: brief(previous[0]), next: brief(next[0]) };
  }

  const cursor = { createdAt: ticket.createdAt, id: ticket.id };
  const [next, previous] = await Promise.all([
    s.tickets.list(filter.where, { cursor, limit: 1 }, { tagId: filter.tagId }),
    s.tickets.list(filter.where, { cursor, before: true, limit: 1 }, { tagId: filter.tagId }),
  ]);
  return { previous: brief(previous[0]), next: brief(next[0]) };
}
