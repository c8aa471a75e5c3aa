import { and, eq, inArray, isNull, type SQL } from "drizzle-orm";
import type { Actor } from "@/auth/actor";
import { tickets } from "@/db/schema";
import { scoped } from "@/db/scoped";
import { decodeCursor, toPage } from "@/domain/pagination";
import { toTicketDto } from "./ticket-dto";
import { ticketSearchCondition } from "./ticket-search";
import type { TListTicketsQuery } from "./tickets.schemas";

/** The ticket queue: filters, search and keyset pagination, always inside the actor's visibility. */
export async function listTickets(actor: Actor, query: TListTicketsQuery) {
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

  const rows = await scoped(actor).tickets.list(and(...conditions), {
    cursor: decodeCursor(query.cursor),
    limit: query.limit + 1,
  });
  return toPage(rows, query.limit, toTicketDto);
}
