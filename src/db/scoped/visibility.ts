// Which tickets an actor may see, and the shapes every ticket read shares (S10, D1). Sections that read
// tickets or things hanging off them (comments, attachments, SLA clocks, notifications) build on
// ticketVisibility() so a requester's "own tickets only" is decided in SQL in one place.
import { and, eq, getTableColumns, sql, type SQL, type SQLWrapper } from "drizzle-orm";
import { can, type Actor } from "@/auth/actor";
import { tickets, type Ticket } from "../schema";

/** A ticket row that was read through the actor's visibility filter; comment access requires one. */
export type VisibleTicket = Ticket & { readonly __visibleTo: unique symbol };

/** Keyset position in (created_at DESC, id DESC) order. */
export interface KeysetCursor {
  createdAt: Date;
  id: string;
}

/**
 * Which tickets the actor may see at all: its organization, and for requesters only their own — of those
 * opened by e-mail only once they proved they own their address (issue 12, Ticket Trick).
 */
export function ticketVisibility(actor: Actor): SQL {
  const inOrg = eq(tickets.organizationId, actor.orgId);
  if (can(actor, "tickets.read.all")) return inOrg;
  return and(inOrg, eq(tickets.requesterId, actor.userId), actor.addressVerified === true ? undefined : eq(tickets.viaEmail, false)) as SQL;
}

/** Replies that came in by e-mail are content of that address's owner too (issue 12): staff and proven owners only. */
export function mailContentVisible(actor: Actor): boolean {
  return can(actor, "tickets.read.all") || actor.addressVerified === true;
}

export const ticketColumns = (() => {
  // Everything but the generated search vector and the copy of the SLA due time (index helpers that
  // clients never need; the due time is read from the clock itself).
  const { searchVector: _omit, slaDueAt: _index, ...rest } = getTableColumns(tickets);
  return rest;
})();

/**
 * Tickets strictly after the cursor in (created_at DESC, id DESC) order, or strictly before it when
 * paging back. Written as a row comparison so PostgreSQL uses it as an index condition (an OR of the two
 * cases would only be a filter). `columns` lets a query driven by another index (ticket_tags) compare its
 * own copy of the position.
 */
export function olderThan(
  cursor: KeysetCursor | undefined,
  opts: { before?: boolean; columns?: { createdAt: SQLWrapper; id: SQLWrapper } } = {},
): SQL | undefined {
  if (!cursor) return undefined;
  const { createdAt, id } = opts.columns ?? { createdAt: tickets.createdAt, id: tickets.id };
  const position = sql`(${cursor.createdAt.toISOString()}::timestamptz, ${cursor.id}::uuid)`;
  return opts.before ? sql`(${createdAt}, ${id}) > ${position}` : sql`(${createdAt}, ${id}) < ${position}`;
}
