// scoped(actor).tickets: the actor's visible tickets (S10). Reads go through ticketVisibility(); writes
// carry the actor's organization in the row or the WHERE clause.
import { and, asc, count, desc, eq, inArray, sql, type SQL, type SQLWrapper } from "drizzle-orm";
import type { Actor } from "@/auth/actor";
import type { DbOrTx } from "../client";
import { organizations, tickets, ticketSla, ticketTags, type NewTicket, type Ticket, type TicketSla } from "../schema";
import { tagNamesColumn, warningLeadColumn, type QueueExtras } from "./queue-extras";
import { queueSelection, queueStatement, runQueueStatement, type QueueTicketRow } from "./queue-statement";
import { olderThan, ticketColumns, ticketVisibility, type KeysetCursor, type VisibleTicket } from "./visibility";

/** Keyset position in a search's relevance order: rank DESC, then created_at DESC, id DESC. */
export interface RankCursor {
  rank: number;
  createdAt: Date;
  id: string;
}

/** The columns a search condition or score reads, from the tickets table or a subquery of it. */
export interface SearchColumns {
  searchVector: SQLWrapper;
  number: SQLWrapper;
}
/** A search's score over a row's columns (src/domain/tickets/ticket-search.ts builds it). */
export type RankExpression = (row: SearchColumns) => SQL<number>;

/** A search for listByRank: the matching condition and the score, over given columns. */
export interface RankedSearch {
  matches: (row: SearchColumns) => SQL;
  rank: RankExpression;
}

type ListPage = { cursor?: KeysetCursor; before?: boolean; limit: number };
export type QueueRow = Ticket & { sla: TicketSla | null } & QueueExtras;

export function ticketQueries(actor: Actor, conn: DbOrTx) {
  const orgId = actor.orgId;

  /**
   * The WHERE and ORDER BY of a queue page, shared by list() and listForQueue(). With a tag the walk is
   * driven by ticket_tags (its own copy of the ticket's position), without one by tickets.
   */
  function pageClauses(filter: SQL | undefined, page: ListPage, tagId: string | undefined) {
    const dir = page.before ? asc : desc;
    if (tagId) {
      return {
        where: and(
          eq(ticketTags.organizationId, orgId),
          eq(ticketTags.tagId, tagId),
          ticketVisibility(actor),
          filter,
          olderThan(page.cursor, { before: page.before, columns: { createdAt: ticketTags.ticketCreatedAt, id: ticketTags.ticketId } }),
        ),
        order: [dir(ticketTags.ticketCreatedAt), dir(ticketTags.ticketId)],
      };
    }
    return { where: and(ticketVisibility(actor), filter, olderThan(page.cursor, { before: page.before })), order: [dir(tickets.createdAt), dir(tickets.id)] };
  }
  const taggedTicket = and(eq(tickets.id, ticketTags.ticketId), eq(tickets.organizationId, ticketTags.organizationId));

  return {
    /** Number and title of the visible tickets among `ids`, for naming them (the audit log, issue 13). */
    async labels(ids: string[]): Promise<{ id: string; number: number; title: string }[]> {
      if (ids.length === 0) return [];
      return conn
        .select({ id: tickets.id, number: tickets.number, title: tickets.title })
        .from(tickets)
        .where(and(ticketVisibility(actor), inArray(tickets.id, ids)));
    },

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
     * A visible ticket with what staff see beside it — its SLA clock, the organization's warning lead and
     * its tag names — in the one statement that reads it (issue 15: the ticket page and GET /api/tickets/{id}
     * read these four in one round trip instead of three). Only for staff: a requester's read stays find().
     */
    async findWithExtras(
      id: string,
    ): Promise<{ ticket: VisibleTicket; clock: TicketSla | null; tagNames: string[]; warningLeadMinutes: number | null } | null> {
      const [row] = await conn
        .select({ ticket: ticketColumns, clock: ticketSla, tagNames: tagNamesColumn(orgId), warningLeadMinutes: warningLeadColumn(orgId) })
        .from(tickets)
        .leftJoin(ticketSla, and(eq(ticketSla.ticketId, tickets.id), eq(ticketSla.organizationId, orgId)))
        .where(and(eq(tickets.id, id), ticketVisibility(actor)))
        .limit(1);
      return row ? { ticket: row.ticket as VisibleTicket, clock: row.clock, tagNames: row.tagNames, warningLeadMinutes: row.warningLeadMinutes } : null;
    },

    /**
     * A page of the queue, newest first. `before` pages back: rows come nearest-to-the-cursor first (the
     * caller reverses them). With `tagId` the walk is driven by ticket_tags_org_tag_created_idx, whose
     * order is the queue's, so a tag on half a million tickets still reads one page of index entries.
     */
    async list(filter: SQL | undefined, page: ListPage, opts: { tagId?: string } = {}): Promise<Ticket[]> {
      const { where, order } = pageClauses(filter, page, opts.tagId);
      const rows = opts.tagId
        ? await conn
            .select(ticketColumns)
            .from(ticketTags)
            .innerJoin(tickets, taggedTicket)
            .where(where)
            .orderBy(...order)
            .limit(page.limit)
        : await conn
            .select(ticketColumns)
            .from(tickets)
            .where(where)
            .orderBy(...order)
            .limit(page.limit);
      return rows as Ticket[];
    },

    /**
     * The same page with what the queue shows beside each ticket — its SLA clock, its tag names (when
     * `tagNames`), the organization's warning lead — in the same statement (queue-extras.ts, issue 15).
     * The statement's fixed text is rendered once (queue-statement.ts); its rows carry times as ISO text.
     */
    async listForQueue(filter: SQL | undefined, page: ListPage, opts: { tagId?: string; tagNames: boolean }): Promise<QueueTicketRow[]> {
      const { where } = pageClauses(filter, page, opts.tagId);
      const statement = queueStatement({ orgId, tagged: !!opts.tagId, before: !!page.before, where, tagNames: opts.tagNames, limit: page.limit });
      return runQueueStatement(conn, statement);
    },

    /**
     * A page of a search in relevance order (issue 15): the newest `window` visible matches, scored, best
     * first; only the window's rows are scored. The window is looked for among the newest `recentScan`
     * visible tickets first (a walk of tickets_org_created_idx: a common word fills it there); when that
     * leaves it short, the word is rare enough for tickets_org_search_idx to list all its matches in the
     * organization. Either way the work is bounded and the window is the same: the newest matches.
     * Keyset on (rank, created_at, id) inside the window; `before` pages back (rows nearest the cursor
     * first, the caller reverses them).
     */
    async listByRank(
      others: SQL | undefined,
      search: RankedSearch,
      page: { cursor?: RankCursor; before?: boolean; limit: number; window: number; recentScan: number },
      opts: { tagNames?: boolean } = {},
    ): Promise<(QueueTicketRow & { rank: number })[]> {
      const newestFirst = (t: { createdAt: SQLWrapper; id: SQLWrapper }) => [sql`${t.createdAt} desc`, sql`${t.id} desc`];
      const visible = and(ticketVisibility(actor), others);
      const columns = { ...ticketColumns, searchVector: tickets.searchVector };

      const recent = conn
        .select(columns)
        .from(tickets)
        .where(visible)
        .orderBy(...newestFirst(tickets))
        .limit(page.recentScan)
        .as("recent");
      // The newest matches among the newest tickets; when they fill the window it is complete, else the
      // index lists every match. One statement either way (issue 15): the index branch runs only when the
      // count says so (a one-time filter PostgreSQL evaluates before reading anything of that branch).
      const recentMatches = conn.$with("recent_matches").as(
        conn
          .select()
          .from(recent)
          .where(search.matches(recent))
          .orderBy(...newestFirst(recent))
          .limit(page.window),
      );
      const windowFilled = sql`(select count(*) from ${recentMatches}) >= ${page.window}`;
      const matches = conn
        .select()
        .from(recentMatches)
        .where(windowFilled)
        .unionAll(
          conn
            .select(columns)
            .from(tickets)
            .where(and(visible, search.matches(tickets), sql`not ${windowFilled}`))
            .orderBy(...newestFirst(tickets))
            .limit(page.window),
        )
        .as("matches");

      const { searchVector, ...rest } = matches._.selectedFields;
      // OFFSET 0 keeps this level from being flattened into the outer one, which would score each row
      // twice (once in the keyset condition, once in the result).
      const scored = conn
        .select({
          ...rest,
          rank: search.rank({ searchVector, number: matches.number }).mapWith(Number).as("rank"),
        })
        .from(matches)
        .offset(0)
        .as("scored");
      const position = page.cursor ? sql`(${page.cursor.rank}::real, ${page.cursor.createdAt.toISOString()}::timestamptz, ${page.cursor.id}::uuid)` : undefined;
      const after = position
        ? page.before
          ? sql`(${scored.rank}, ${scored.createdAt}, ${scored.id}) > ${position}`
          : sql`(${scored.rank}, ${scored.createdAt}, ${scored.id}) < ${position}`
        : undefined;
      const dir = page.before ? asc : desc;
      // What the queue shows beside each ticket, in the same statement (queue-extras.ts, issue 15); the
      // queue's columns and row decoding (queue-statement.ts: times as ISO text).
      const selection = queueSelection(
        scored,
        { tagNames: opts.tagNames ? tagNamesColumn(orgId, scored.id) : sql<string[] | null>`null`, warningLead: warningLeadColumn(orgId) },
        { rank: scored.rank },
      );
      const statement = conn
        .with(recentMatches)
        .select(selection)
        .from(scored)
        .leftJoin(ticketSla, and(eq(ticketSla.ticketId, scored.id), eq(ticketSla.organizationId, orgId)))
        .where(after)
        .orderBy(dir(scored.rank), dir(scored.createdAt), dir(scored.id))
        .limit(page.limit)
        .getSQL();
      return runQueueStatement(conn, statement, (row, first) => ({ rank: Number(row[first]) }));
    },

    /** A visible ticket's score for a search: its position in the relevance order (next/previous). */
    async rankOf(id: string, rank: RankExpression): Promise<number | null> {
      const [row] = await conn
        .select({ rank: rank({ searchVector: tickets.searchVector, number: tickets.number }).mapWith(Number) })
        .from(tickets)
        .where(and(eq(tickets.id, id), ticketVisibility(actor)))
        .limit(1);
      return row?.rank ?? null;
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
      // Per-organization ticket numbers: the row lock on the organization serialises concurrent creates
      // until they commit, so the number is taken in the same statement as the insert (issue 15: one
      // round trip less while the lock is held).
      const next = conn
        .$with("next_number", { counter: organizations.ticketCounter })
        .as(
          sql`update ${organizations} set ${sql.identifier(organizations.ticketCounter.name)} = ${organizations.ticketCounter} + 1 where ${organizations.id} = ${orgId} returning ${organizations.ticketCounter}`,
        );
      const [row] = await conn
        .with(next)
        .insert(tickets)
        .values({ ...values, organizationId: orgId, number: sql`(select ${sql.identifier(organizations.ticketCounter.name)} from ${next})` })
        .returning(ticketColumns);
      if (!row) throw new Error("actor organization missing");
      return row as VisibleTicket;
    },

    /**
     * Every write bumps the version, the ETag a stale page's If-Match is compared with (issue 11). A write
     * the requester can see (`visibleToRequester`) also bumps their version and "updated" time (F6); the
     * caller says which, so a forgotten case is a type error, not a silent oracle.
     */
    async update(
      ticket: VisibleTicket,
      patch: Partial<Omit<NewTicket, "id" | "organizationId" | "number" | "searchVector" | "version" | "publicVersion" | "publicUpdatedAt" | "slaDueAt">> & {
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
