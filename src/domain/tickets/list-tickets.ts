import { can, type Actor } from "@/auth/actor";
import { ticketAudience } from "@/auth/ticket-audience";
import type { QueueTicketRow } from "@/db/scoped/queue-statement";
import type { QueueRow } from "@/db/scoped/tickets";
import type { Database } from "@/db/client";
import { onReadConnection } from "@/db/read-replica";
import { scoped } from "@/db/scoped";
import { decodeCursor, encodeCursor, toTwoWayPage } from "@/domain/pagination";
import { DEFAULT_WARNING_LEAD_MINUTES } from "@/domain/sla/sla-calendar";
import { slaView } from "@/domain/sla/sla-view";
import { now } from "@/lib/clock";
import { Invalid } from "@/lib/errors";
import { decodeDueCursor, encodeDueCursor } from "./due-cursor";
import { decodeRankCursor, encodeRankCursor } from "./rank-cursor";
import { toTicketDto } from "./ticket-dto";
import { listOrder, ticketFilter } from "./ticket-filter";
import { SEARCH_RANK_WINDOW, SEARCH_RECENT_SCAN } from "./ticket-search";
import type { TListTicketsQuery } from "./tickets.schemas";

/**
 * The ticket queue: filters, search and keyset pagination in both directions (`cursor` = Next, `before` =
 * Previous), always inside the actor's visibility. Staff also get each ticket's tags. Three orders, each
 * with its own cursor kind: newest first, due soonest, and a search's best match first (within the
 * newest SEARCH_RANK_WINDOW matches; sort=created lists every match newest first).
 *
 * One statement for the page (issue 15): each ticket's SLA clock, its tags and the organization's warning
 * lead come with it (db/scoped/queue-extras.ts); only `?tag=` and `?sla=` read their tag or SLA settings
 * first, and a search whose newest tickets hold fewer matches than its window reads the window again from
 * the search index.
 */
export async function listTickets(actor: Actor, query: TListTicketsQuery) {
  if (query.cursor && query.before) throw Invalid("Send either cursor or before, not both");
  // Lists and search may read from the replica (issue 14), unless this caller has just written.
  return onReadConnection((conn) => listTicketsOn(conn, actor, query));
}

async function listTicketsOn(conn: Database, actor: Actor, query: TListTicketsQuery) {
  const s = scoped(actor, conn);
  const at = now();
  const filter = await ticketFilter(actor, s, query, at);
  const before = !!query.before;
  const position = query.before ?? query.cursor;
  if (!filter) {
    // Still decode the position: a tampered cursor is a 400 whatever the filter.
    const order = listOrder(query);
    if (order === "due") decodeDueCursor(position);
    else if (order === "relevance") decodeRankCursor(position);
    else decodeCursor(position);
    return { items: [], nextCursor: null, prevCursor: null };
  }

  const audience = ticketAudience(actor);
  const tagNames = audience === "staff" && can(actor, "tags.read");
  // For staff each item carries its SLA state (S9: time left, paused, breached) and its tags; a
  // requester's items are shaped without them (F6).
  const item = (t: QueueRow | QueueTicketRow) => {
    const leadMs = filter.warningLeadMs ?? (t.warningLeadMinutes ?? DEFAULT_WARNING_LEAD_MINUTES) * 60_000;
    return toTicketDto(t, audience, { sla: audience === "staff" ? slaView(t, t.sla, at, leadMs) : undefined, tags: tagNames ? (t.tagNames ?? []) : undefined });
  };

  if (filter.byDue) {
    const page = await fetchPage(decodeDueCursor(position), before, query.limit, (cursor, back) =>
      s.sla.listByDue(filter.where, { cursor, before: back, limit: query.limit + 1 }, { tagNames }),
    );
    return toTwoWayPage(page.rows, query.limit, item, (r) => encodeDueCursor({ dueAt: r.sla.nextDueAt, id: r.id }), page);
  }

  if (filter.search) {
    const search = filter.search;
    const page = await fetchPage(decodeRankCursor(position), before, query.limit, (cursor, back) =>
      s.tickets.listByRank(
        search.others,
        search,
        { cursor, before: back, limit: query.limit + 1, window: SEARCH_RANK_WINDOW, recentScan: SEARCH_RECENT_SCAN },
        { tagNames },
      ),
    );
    return toTwoWayPage(
      page.rows,
      query.limit,
      ({ rank: _rank, ...t }) => item(t),
      (r) => encodeRankCursor({ rank: r.rank, createdAt: r.createdAt, id: r.id }),
      page,
    );
  }

  const page = await fetchPage(decodeCursor(position), before, query.limit, (cursor, back) =>
    s.tickets.listForQueue(filter.where, { cursor, before: back, limit: query.limit + 1 }, { tagId: filter.tagId, tagNames }),
  );
  return toTwoWayPage(page.rows, query.limit, item, encodeCursor, page);
}

/**
 * Fetches limit+1 rows from the position in the asked direction. Paging back to the start shows a full
 * first page rather than the few rows that were left before the cursor.
 */
async function fetchPage<C, R>(cursor: C | undefined, before: boolean, limit: number, fetch: (cursor: C | undefined, before: boolean) => Promise<R[]>) {
  const rows = await fetch(cursor, before);
  if (before && rows.length <= limit) return { rows: await fetch(undefined, false), before: false, fromCursor: false };
  return { rows, before, fromCursor: cursor !== undefined };
}
