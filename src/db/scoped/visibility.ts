// Which tickets an actor may see, and the shapes every ticket read shares (S10, D1). Sections that read
// tickets or things hanging off them (comments, attachments, SLA clocks, notifications) build on
// ticketVisibility() so a requester's "own tickets only" is decided in SQL in one place.
import { and, eq, getTableColumns, sql, type SQL } from "drizzle-orm";
import { can, type Actor } from "@/auth/actor";
import { tickets, type Ticket } from "../schema";

/** A ticket row that was read through the actor's visibility filter; comment access requires one. */
export type VisibleTicket = Ticket & { readonly __visibleTo: unique symbol };

/** Keyset position in (created_at DESC, id DESC) order. */
export interface KeysetCursor {
  createdAt: Date;
  id: string;
}

/** Which tickets the actor may see at all: its organization, and for requesters only their own. */
export function ticketVisibility(actor: Actor): SQL {
  const inOrg = eq(tickets.organizationId, actor.orgId);
  if (can(actor, "tickets.read.all")) return inOrg;
  return and(inOrg, eq(tickets.requesterId, actor.userId)) as SQL;
}

export const ticketColumns = (() => {
  // Everything but the generated search vector, which clients never need.
  const { searchVector: _omit, ...rest } = getTableColumns(tickets);
  return rest;
})();

/**
 * Tickets strictly after the cursor in (created_at DESC, id DESC) order. Written as a row comparison so
 * PostgreSQL uses it as an index condition (an OR of the two cases would only be a filter).
 */
export function olderThan(cursor: KeysetCursor | undefined): SQL | undefined {
  if (!cursor) return undefined;
  return sql`(${tickets.createdAt}, ${tickets.id}) < (${cursor.createdAt.toISOString()}::timestamptz, ${cursor.id}::uuid)`;
}

/** The other way: tickets strictly before the cursor in the queue's order (the "previous ticket"). */
export function newerThan(cursor: KeysetCursor): SQL {
  return sql`(${tickets.createdAt}, ${tickets.id}) > (${cursor.createdAt.toISOString()}::timestamptz, ${cursor.id}::uuid)`;
}
