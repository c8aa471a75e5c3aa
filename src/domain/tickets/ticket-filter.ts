// The queue's filters as SQL: one builder for the queue's pages, the next/previous ticket of a ticket opened
// from it, and saved views' counts — so "next" never leaves the view and a view's count is the number of
// tickets its pages list. Visibility is added by scoped(), not here.
import { and, eq, inArray, isNull, sql, type SQL } from "drizzle-orm";
import { can, type Actor } from "@/auth/actor";
import { tickets, ticketTags } from "@/db/schema";
import type { Scoped } from "@/db/scoped";
import { slaStateCondition } from "@/db/scoped/sla";
import { Forbidden } from "@/lib/errors";
import { ticketSearch, type TicketSearch } from "./ticket-search";
import type { TListTicketsQuery } from "./tickets.schemas";

export type TTicketFilterQuery = Pick<TListTicketsQuery, "status" | "priority" | "assignee" | "team" | "requester" | "mine" | "q" | "sla" | "sort" | "tag">;

/** A queue query in "due" order (earliest running deadline first) rather than newest first. */
export const listsByDue = (query: Pick<TListTicketsQuery, "sort" | "sla">) => query.sort === "due" || !!query.sla;

/**
 * Whether the query filters or orders by staff-only data (F6): priority, assignee, team, SLA state or due
 * order, tags. A requester may not, since which of their tickets match would tell them the value they are
 * not shown; the queue refuses it (403) and next/previous ignores such a view.
 */
export const usesTriageFilter = (query: TTicketFilterQuery) =>
  !!(query.priority?.length || query.assignee || query.mine || query.team || query.sla || query.sort === "due" || query.tag);

/** Whether the actor may run this query at all (the tag filter also needs tags.read). */
export const mayFilterBy = (actor: Actor, query: TTicketFilterQuery) =>
  !usesTriageFilter(query) || (can(actor, "tickets.read.triage") && (!query.tag || can(actor, "tags.read")));

/**
 * The order a queue query lists in: "due" (an SLA filter or sort=due), "relevance" (a search, unless
 * another order was asked for: best match first among the newest SEARCH_RANK_WINDOW matches), else
 * "created" (newest first).
 */
export function listOrder(query: Pick<TListTicketsQuery, "sort" | "sla" | "q">): "due" | "relevance" | "created" {
  if (listsByDue(query)) return "due";
  if ((query.sort === undefined || query.sort === "relevance") && query.q && ticketSearch(query.q)) return "relevance";
  return "created";
}

export interface TicketFilter {
  where: SQL | undefined;
  /** The tag to walk by (created order), when `?tag=` names one of the organization's tags. */
  tagId?: string;
  order: "due" | "relevance" | "created";
  /** "due" order: an SLA filter or sort=due; the list then walks the tickets by due time. */
  byDue: boolean;
  /** In "relevance" order: the search, and the other conditions without it (the window is found in two ways). */
  search?: TicketSearch & { others: SQL | undefined };
}

/**
 * Null when the filter can match nothing for certain (a tag the organization does not have): the caller
 * answers an empty page without a query. Triage filters are staff-only (mayFilterBy), `?tag=` also needs
 * tags.read.
 */
export async function ticketFilter(actor: Actor, s: Scoped, query: TTicketFilterQuery, at: Date, warningLeadMs: number): Promise<TicketFilter | null> {
  if (!mayFilterBy(actor, query)) throw Forbidden("Filtering by triage fields is for staff");
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
  const search = query.q ? ticketSearch(query.q) : undefined;

  const order = listOrder(query);
  const byDue = order === "due";
  if (query.sla) conditions.push(slaStateCondition(query.sla, at, warningLeadMs));

  let tagId: string | undefined;
  if (query.tag) {
    const tag = await s.tags.findByName(query.tag);
    if (!tag) return null;
    tagId = tag.id;
    // In due or relevance order the walk is not by tag; the tag is then a condition on each ticket it meets.
    if (order !== "created") {
      conditions.push(
        sql`exists (select 1 from ${ticketTags} where ${ticketTags.ticketId} = ${tickets.id} and ${ticketTags.organizationId} = ${tickets.organizationId} and ${ticketTags.tagId} = ${tag.id})`,
      );
    }
  }
  return {
    where: and(...conditions, search?.condition),
    tagId: order === "created" ? tagId : undefined,
    order,
    byDue,
    search: order === "relevance" && search ? { ...search, others: and(...conditions) } : undefined,
  };
}
