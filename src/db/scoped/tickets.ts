// scoped(actor).tickets: the actor's visible tickets (S10). Reads go through ticketVisibility(); writes
// carry the actor's organization in the row or the WHERE clause.
import { and, asc, desc, eq, sql, type SQL } from "drizzle-orm";
import type { Actor } from "@/auth/actor";
import type { DbOrTx } from "../client";
import { organizations, tickets, type NewTicket, type Ticket } from "../schema";
import { newerThan, olderThan, ticketColumns, ticketVisibility, type KeysetCursor, type VisibleTicket } from "./visibility";

export function ticketQueries(actor: Actor, conn: DbOrTx) {
  const orgId = actor.orgId;
  return {
    async find(id: string, opts: { forUpdate?: boolean } = {}): Promise<VisibleTicket | null> {
      const query = conn
        .select(ticketColumns)
        .from(tickets)
        .where(and(eq(tickets.id, id), ticketVisibility(actor)))
        .limit(1);
      const [row] = opts.forUpdate ? await query.for("update") : await query;
      return (row as VisibleTicket | undefined) ?? null;
    },

    async list(filter: SQL | undefined, page: { cursor?: KeysetCursor; limit: number }): Promise<Ticket[]> {
      const rows = await conn
        .select(ticketColumns)
        .from(tickets)
        .where(and(ticketVisibility(actor), filter, olderThan(page.cursor)))
        .orderBy(desc(tickets.createdAt), desc(tickets.id))
        .limit(page.limit);
      return rows as Ticket[];
    },

    /**
     * The ticket just before `position` in the queue's (created_at DESC, id DESC) order: the same index
     * read backwards, one row (issue 11, "previous ticket"). The next one is list(..., { limit: 1 }).
     */
    async justBefore(filter: SQL | undefined, position: KeysetCursor): Promise<Ticket | null> {
      const [row] = await conn
        .select(ticketColumns)
        .from(tickets)
        .where(and(ticketVisibility(actor), filter, newerThan(position)))
        .orderBy(asc(tickets.createdAt), asc(tickets.id))
        .limit(1);
      return (row as Ticket | undefined) ?? null;
    },

    async insert(values: Omit<NewTicket, "organizationId" | "number" | "id" | "searchVector">): Promise<VisibleTicket> {
      // Per-organization ticket numbers; the row lock on the organization serialises concurrent creates.
      const [org] = await conn
        .update(organizations)
        .set({ ticketCounter: sql`${organizations.ticketCounter} + 1` })
        .where(eq(organizations.id, orgId))
        .returning({ counter: organizations.ticketCounter });
      if (!org) throw new Error("actor organization missing");
      const [row] = await conn
        .insert(tickets)
        .values({ ...values, organizationId: orgId, number: org.counter })
        .returning(ticketColumns);
      return row as VisibleTicket;
    },

    /** Every write bumps the version, the ETag a stale page's If-Match is compared with (issue 11). */
    async update(
      ticket: VisibleTicket,
      patch: Partial<Omit<NewTicket, "id" | "organizationId" | "number" | "searchVector" | "version">>,
    ): Promise<VisibleTicket> {
      const [row] = await conn
        .update(tickets)
        .set({ ...patch, version: sql`${tickets.version} + 1` })
        .where(and(eq(tickets.id, ticket.id), eq(tickets.organizationId, orgId)))
        .returning(ticketColumns);
      return row as VisibleTicket;
    },
  };
}
