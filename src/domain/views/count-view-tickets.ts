// A saved view's ticket count that stays cheap at a million tickets (issue 11): count no further than the
// cap (VIEW_COUNT_CAP, 1,000) and say "1,000+" beyond it. The filter is the queue's own (ticketFilter), so
// the count is the number of tickets the view's pages list, within the actor's visibility.
import type { Actor } from "@/auth/actor";
import type { SavedViewFilters } from "@/db/schema";
import type { Scoped } from "@/db/scoped";
import { ticketFilter } from "@/domain/tickets/ticket-filter";
import { ZListTicketsQuery } from "@/domain/tickets/tickets.schemas";
import { now } from "@/lib/clock";
import { env } from "@/lib/env";

export interface CappedCount {
  /** Exact up to the cap; the cap itself when there are more. */
  value: number;
  /** More tickets than `value` match: show "1,000+". */
  more: boolean;
}

export async function countViewTickets(actor: Actor, s: Scoped, filters: SavedViewFilters, cap = env().VIEW_COUNT_CAP): Promise<CappedCount> {
  const query = ZListTicketsQuery.parse(filters);
  const filter = await ticketFilter(actor, s, query, now());
  if (!filter) return { value: 0, more: false };
  const n = await s.tickets.countUpTo(filter.where, cap, { tagId: filter.tagId, withSla: filter.byDue });
  return n > cap ? { value: cap, more: true } : { value: n, more: false };
}

/** "1,000+", "37": how a capped count reads in the sidebar. */
export function formatCappedCount(c: CappedCount): string {
  return `${c.value.toLocaleString("en")}${c.more ? "+" : ""}`;
}
