// scoped(actor).liveEvents: the organization's live event log (issue 11, migration 0018), read when a
// stream reconnects with a Last-Event-ID. Ids only: every event is re-read as the caller before it is sent.
import { and, asc, eq, gt, gte } from "drizzle-orm";
import type { Actor } from "@/auth/actor";
import type { DbOrTx } from "../client";
import { liveEvents, type LiveEventRow } from "../schema";

export function liveEventQueries(actor: Actor, conn: DbOrTx) {
  const inOrg = eq(liveEvents.organizationId, actor.orgId);
  return {
    /**
     * The organization's events after `seq` (oldest first, at most `limit`), and whether `seq` itself is an
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
        .where(and(inOrg, gt(liveEvents.seq, seq), gte(liveEvents.createdAt, opts.since)))
        .orderBy(asc(liveEvents.seq))
        .limit(opts.limit);
      return { anchored: true, rows };
    },
  };
}
