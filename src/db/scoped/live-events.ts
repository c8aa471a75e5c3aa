// scoped(actor).liveEvents: the organization's live event log (issue 11, migration 0018), read when a
// stream reconnects with a Last-Event-ID. Ids only: every event is re-read as the caller before it is sent.
import { and, asc, eq, gt, gte, inArray, ne, notLike, or, type SQL } from "drizzle-orm";
import { can, type Actor } from "@/auth/actor";
import type { DbOrTx } from "../client";
import { liveEvents, type LiveEventRow, tickets } from "../schema";
import { ticketVisibility } from "./visibility";

/**
 * The events that could reach this caller at all: a replay is counted (and cut off) among these only, so
 * whether a resume answers `reset` says nothing about the rest of the organization's traffic (attack pass
 * B2: 450 staff-only writes elsewhere resumed, 510 reset). Each event is still re-read as the caller.
 */
function couldReach(actor: Actor, conn: DbOrTx): SQL {
  const mine = or(notLike(liveEvents.kind, "notification.%"), eq(liveEvents.userId, actor.userId)) as SQL;
  if (can(actor, "tickets.read.all")) return and(ne(liveEvents.kind, "ticket.public_updated"), mine) as SQL;
  const ownTickets = conn.select({ id: tickets.id }).from(tickets).where(ticketVisibility(actor));
  return and(
    ne(liveEvents.kind, "ticket.updated"),
    or(and(notLike(liveEvents.kind, "notification.%"), inArray(liveEvents.ticketId, ownTickets)), eq(liveEvents.userId, actor.userId)),
  ) as SQL;
}

export function liveEventQueries(actor: Actor, conn: DbOrTx) {
  const inOrg = eq(liveEvents.organizationId, actor.orgId);
  return {
    /**
     * The events after `seq` that could reach the caller (oldest first, at most `limit`), and whether `seq` itself is an
     * event of this organization still inside the window: if not, what came between cannot be known.
     */
    async after(seq: number, opts: { since: Date; limit: number }): Promise<{ anchored: boolean; rows: LiveEventRow[] }> {
      const [anchor] = await conn
        .select({ seq: liveEvents.seq })
        .from(liveEvents)
        .where(and(inOrg, eq(liveEvents.seq, seq), gte(liveEvents.createdAt, opts.since)))
        .limit(1);
      if (!anchor) return { anchored: false, rows: [] };
      const rows = await conn
        .select()
        .from(liveEvents)
        .where(and(inOrg, gt(liveEvents.seq, seq), gte(liveEvents.createdAt, opts.since), couldReach(actor, conn)))
        .orderBy(asc(liveEvents.seq))
        .limit(opts.limit);
      return { anchored: true, rows };
    },
  };
}
