// Next and previous ticket within the queue view an agent came from (issue 11). The view travels with
// the ticket link as the queue's own query string; the neighbours are the same list query one row either
// side of this ticket's keyset position (one indexed row each way, however deep in the queue it is), so
// "next" also works after the ticket left the view (resolved from "Unresolved": its position stays).
import type { Actor } from "@/auth/actor";
import type { Ticket } from "@/db/schema";
import type { Scoped, VisibleTicket } from "@/db/scoped";
import { loadSlaSetup } from "@/domain/sla/sla-calendar";
import { now } from "@/lib/clock";
import { listsByDue, queueFilter } from "./list-tickets";
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

const brief = (t: Ticket | null | undefined): QueueNeighbour | null => (t ? { id: t.id, number: t.number, title: t.title } : null);

export async function queueNeighbours(actor: Actor, s: Scoped, ticket: VisibleTicket, query: TListTicketsQuery): Promise<QueueNeighbours> {
  const at = now();
  const { warningLeadMs } = await loadSlaSetup(s);
  const filter = queueFilter(actor, query, { at, warningLeadMs });

  if (listsByDue(query)) {
    const clock = await s.sla.clock(ticket);
    // A ticket without a clock is in no "due" list: there is no position to step from.
    if (!clock) return { previous: null, next: null };
    const position = { dueAt: clock.nextDueAt, id: ticket.id };
    const [next, previous] = await Promise.all([s.sla.listByDue(filter, { cursor: position, limit: 1 }), s.sla.justBeforeByDue(filter, position)]);
    return { previous: brief(previous), next: brief(next[0]) };
  }

  const position = { createdAt: ticket.createdAt, id: ticket.id };
  const [next, previous] = await Promise.all([s.tickets.list(filter, { cursor: position, limit: 1 }), s.tickets.justBefore(filter, position)]);
  return { previous: brief(previous), next: brief(next[0]) };
}
