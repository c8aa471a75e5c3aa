import { and, eq, inArray, isNull, type SQL } from "drizzle-orm";
import type { Actor } from "@/auth/actor";
import { tickets, type Ticket, type TicketSla } from "@/db/schema";
import { scoped } from "@/db/scoped";
import { slaStateCondition } from "@/db/scoped/sla";
import { decodeCursor, toPage } from "@/domain/pagination";
import { loadSlaSetup } from "@/domain/sla/sla-calendar";
import { slaView } from "@/domain/sla/sla-view";
import { now } from "@/lib/clock";
import { decodeDueCursor, encodeDueCursor } from "./due-cursor";
import { toTicketDto } from "./ticket-dto";
import { ticketSearchCondition } from "./ticket-search";
import type { TListTicketsQuery } from "./tickets.schemas";

/** A queue query in "due" order (earliest running deadline first) rather than newest first. */
export const listsByDue = (query: TListTicketsQuery) => query.sort === "due" || !!query.sla;

/**
 * The WHERE clause of a queue view, without paging: the list and its next/previous ticket (issue 11)
 * read the same filter, so "next" never leaves the view the agent came from.
 */
export function queueFilter(actor: Actor, query: TListTicketsQuery, sla: { at: Date; warningLeadMs: number }): SQL | undefined {
  const conditions: (SQL | undefined)[] = [];
  if (query.status?.length) conditions.push(inArray(tickets.status, query.status));
  if (query.priority?.length) conditions.push(inArray(tickets.priority, query.priority));

  const assignee = query.mine ? "me" : query.assignee;
  if (assignee === "me") conditions.push(eq(tickets.assigneeId, actor.userId));
  else if (assignee === "none") conditions.push(isNull(tickets.assigneeId));
  else if (assignee) conditions.push(eq(tickets.assigneeId, assignee));

  if (query.team === "none") conditions.push(isNull(tickets.teamId));
  else if (query.team) conditions.push(eq(tickets.teamId, query.team));

  if (query.requester) conditions.push(eq(tickets.requesterId, query.requester));
  if (query.q) conditions.push(ticketSearchCondition(query.q));
  if (query.sla) conditions.push(slaStateCondition(query.sla, sla.at, sla.warningLeadMs));
  return and(...conditions);
}

/** The ticket queue: filters, search and keyset pagination, always inside the actor's visibility. */
export async function listTickets(actor: Actor, query: TListTicketsQuery) {
  const s = scoped(actor);
  const at = now();
  const { warningLeadMs } = await loadSlaSetup(s);
  const filter = queueFilter(actor, query, { at, warningLeadMs });
  // Each item carries its SLA state (S9): time left, paused, breached.
  const withSla = (t: Ticket, clock: TicketSla | null) => ({ ...toTicketDto(t), sla: slaView(t, clock, at, warningLeadMs) });

  if (listsByDue(query)) {
    const rows = await s.sla.listByDue(filter, { cursor: decodeDueCursor(query.cursor), limit: query.limit + 1 });
    return toPage(
      rows,
      query.limit,
      (r) => withSla(r, r.sla),
      (r) => encodeDueCursor({ dueAt: r.sla.nextDueAt, id: r.id }),
    );
  }

  const rows = await s.tickets.list(filter, {
    cursor: decodeCursor(query.cursor),
    limit: query.limit + 1,
  });
  const clocks = new Map((await s.sla.clocksFor(rows.map((r) => r.id))).map((c) => [c.ticketId, c]));
  return toPage(rows, query.limit, (t) => withSla(t, clocks.get(t.id) ?? null));
}
