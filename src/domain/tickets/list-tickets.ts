import { can, type Actor } from "@/auth/actor";
import { ticketAudience } from "@/auth/ticket-audience";
import type { Ticket, TicketSla } from "@/db/schema";
import { scoped } from "@/db/scoped";
import { decodeCursor, encodeCursor, toTwoWayPage } from "@/domain/pagination";
import { loadSlaSetup } from "@/domain/sla/sla-calendar";
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
 */
export async function listTickets(actor: Actor, query: TListTicketsQuery) {
  if (query.cursor && query.before) throw Invalid("Send either cursor or before, not both");
  const s = scoped(actor);
  const at = now();
  const { warningLeadMs } = await loadSlaSetup(s);
  const filter = await ticketFilter(actor, s, query, at, warningLeadMs);
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
  const readsTags = audience === "staff" && can(actor, "tags.read");
  const tagsOf = (ids: string[]) => (readsTags ? s.tags.namesFor(ids) : Promise.resolve(null));
  // For staff each item carries its SLA state (S9: time left, paused, breached) and its tags; a
  // requester's items are shaped without them (F6).
  const item = (t: Ticket, clock: TicketSla | null, tags: Map<string, string[]> | null) =>
    toTicketDto(t, audience, { sla: slaView(t, clock, at, warningLeadMs), tags: tags ? (tags.get(t.id) ?? []) : undefined });

  if (filter.byDue) {
    const page = await fetchPage(decodeDueCursor(position), before, query.limit, (cursor, back) =>
      s.sla.listByDue(filter.where, { cursor, before: back, limit: query.limit + 1 }),
    );
    const tags = await tagsOf(page.rows.map((r) => r.id));
    return toTwoWayPage(
      page.rows,
      query.limit,
      (r) => item(r, r.sla, tags),
      (r) => encodeDueCursor({ dueAt: r.sla.nextDueAt, id: r.id }),
      page,
    );
  }

  if (filter.search) {
    const search = filter.search;
    const page = await fetchPage(decodeRankCursor(position), before, query.limit, (cursor, back) =>
      s.tickets.listByRank(search.others, search, {
        cursor,
        before: back,
        limit: query.limit + 1,
        window: SEARCH_RANK_WINDOW,
        recentScan: SEARCH_RECENT_SCAN,
      }),
    );
    const ids = page.rows.map((r) => r.id);
    const [clockRows, tags] = await Promise.all([s.sla.clocksFor(ids), tagsOf(ids)]);
    const clocks = new Map(clockRows.map((c) => [c.ticketId, c]));
    return toTwoWayPage(
      page.rows,
      query.limit,
      ({ rank: _rank, ...t }) => item(t, clocks.get(t.id) ?? null, tags),
      (r) => encodeRankCursor({ rank: r.rank, createdAt: r.createdAt, id: r.id }),
      page,
    );
  }

  const page = await fetchPage(decodeCursor(position), before, query.limit, (cursor, back) =>
    s.tickets.list(filter.where, { cursor, before: back, limit: query.limit + 1 }, { tagId: filter.tagId }),
  );
  const ids = page.rows.map((r) => r.id);
  const [clockRows, tags] = await Promise.all([audience === "staff" ? s.sla.clocksFor(ids) : [], tagsOf(ids)]);
  const clocks = new Map(clockRows.map((c) => [c.ticketId, c]));
  return toTwoWayPage(page.rows, query.limit, (t) => item(t, clocks.get(t.id) ?? null, tags), encodeCursor, page);
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
