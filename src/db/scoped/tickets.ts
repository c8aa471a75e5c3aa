// scoped(actor).tickets: the actor's visible tickets (S10). Reads go through ticketVisibility(); writes
// carry the actor's organization in the row or the WHERE clause.
import { and, asc, count, desc, eq, sql, type SQL } from "drizzle-orm";
import type { Actor } from "@/auth/actor";
import type { DbOrTx } from "../client";
import { organizations, tickets, ticketSla, ticketTags, type NewTicket, type Ticket } from "../schema";
import { olderThan, ticketColumns, ticketVisibility, type KeysetCursor, type VisibleTicket } from "./visibility";

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

    /**
     * A page of the queue, newest first. `before` pages back: rows come nearest-to-the-cursor first (the
     * caller reverses them). With `tagId` the walk is driven by ticket_tags_org_tag_created_idx, whose
     * order is the queue's, so a tag on half a million tickets still reads one page of index entries.
     */
    async list(filter: SQL | undefined, page: { cursor?: KeysetCursor; before?: boolean; limit: number }, opts: { tagId?: string } = {}): Promise<Ticket[]> {
      const dir = page.before ? asc : desc;
      if (opts.tagId) {
        const rows = await conn
          .select(ticketColumns)
          .from(ticketTags)
          .innerJoin(tickets, and(eq(tickets.id, ticketTags.ticketId), eq(tickets.organizationId, ticketTags.organizationId)))
          .where(
            and(
              eq(ticketTags.organizationId, orgId),
              eq(ticketTags.tagId, opts.tagId),
              ticketVisibility(actor),
              filter,
              olderThan(page.cursor, { before: page.before, columns: { createdAt: ticketTags.ticketCreatedAt, id: ticketTags.ticketId } }),
            ),
          )
          .orderBy(dir(ticketTags.ticketCreatedAt), dir(ticketTags.ticketId))
          .limit(page.limit);
        return rows as Ticket[];
      }
      const rows = await conn
        .select(ticketColumns)
        .from(tickets)
        .where(and(ticketVisibility(actor), filter, olderThan(page.cursor, { before: page.before })))
        .orderBy(dir(tickets.createdAt), dir(tickets.id))
        .limit(page.limit);
      return rows as Ticket[];
    },

    /**
     * How many visible tickets match, counting no further than `cap` + 1 (saved views' counts, issue 11):
     * the LIMIT inside makes the cost that of reading cap + 1 index entries, not of counting a million.
     */
    async countUpTo(filter: SQL | undefined, cap: number, opts: { tagId?: string; withSla?: boolean } = {}): Promise<number> {
      let inner = conn.select({ one: sql`1` }).from(tickets).$dynamic();
      if (opts.tagId) {
        inner = inner.innerJoin(
          ticketTags,
          and(eq(ticketTags.ticketId, tickets.id), eq(ticketTags.organizationId, tickets.organizationId), eq(ticketTags.tagId, opts.tagId)),
        );
      }
      if (opts.withSla) inner = inner.innerJoin(ticketSla, and(eq(ticketSla.ticketId, tickets.id), eq(ticketSla.organizationId, tickets.organizationId)));
      const sub = inner
        .where(and(ticketVisibility(actor), filter))
        .limit(cap + 1)
        .as("capped");
      const [row] = await conn.select({ n: count() }).from(sub);
      return row?.n ?? 0;
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

    /**
     * Every write bumps the version, the ETag a stale page's If-Match is compared with (issue 11). A write
     * the requester can see (`visibleToRequester`) also bumps their version and "updated" time (F6); the
     * caller says which, so a forgotten case is a type error, not a silent oracle.
     */
    async update(
      ticket: VisibleTicket,
      patch: Partial<Omit<NewTicket, "id" | "organizationId" | "number" | "searchVector" | "version" | "publicVersion" | "publicUpdatedAt">> & {
        updatedAt: Date;
      },
      opts: { visibleToRequester: boolean },
    ): Promise<VisibleTicket> {
      const publicBump = opts.visibleToRequester ? { publicVersion: sql`${tickets.publicVersion} + 1`, publicUpdatedAt: patch.updatedAt } : {};
      const [row] = await conn
        .update(tickets)
        .set({ ...patch, ...publicBump, version: sql`${tickets.version} + 1` })
        .where(and(eq(tickets.id, ticket.id), eq(tickets.organizationId, orgId)))
        .returning(ticketColumns);
      return row as VisibleTicket;
    },
  };
}
