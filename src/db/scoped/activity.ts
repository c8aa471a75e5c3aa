// scoped(actor).activity: the timeline of a ticket the actor already read through its visibility (issue 11).
// Staff-only rows (everything but status changes) are filtered here, not by callers: a requester never
// receives who was assigned, which team, or an SLA event.
import { and, asc, eq, gt, gte, lt, type SQL } from "drizzle-orm";
import { can, type Actor } from "@/auth/actor";
import { ticketAudience } from "@/auth/ticket-audience";
import type { DbOrTx } from "../client";
import { ticketActivity, type TActivityField, type TicketActivity } from "../schema";
import type { VisibleTicket } from "./visibility";

export interface ActivityEntry {
  field: TActivityField;
  from: string | null;
  to: string | null;
  /** Requesters see only what is not staff-only: status changes of their own ticket. */
  staffOnly: boolean;
}

/** System actors (jobs) have no user row: their changes show as the system's. */
export const personOf = (actor: Actor) => (actor.userId.startsWith("system:") ? null : actor.userId);

export function activityQueries(actor: Actor, conn: DbOrTx) {
  const orgId = actor.orgId;
  return {
    /**
     * Oldest first, after `afterSeq`; `sinceVersion` keeps only changes made after that ticket version (the
     * actor's own kind of version: a requester's counts only what they can see, F6);
     * `from`/`before` keep a time window (the ticket page shows the changes between its comments).
     */
    async list(
      ticket: VisibleTicket,
      page: { afterSeq?: number; sinceVersion?: number; from?: Date; before?: Date; limit: number },
    ): Promise<TicketActivity[]> {
      const conditions: (SQL | undefined)[] = [eq(ticketActivity.ticketId, ticket.id), eq(ticketActivity.organizationId, orgId)];
      if (!can(actor, "tickets.activity.read.all")) conditions.push(eq(ticketActivity.staffOnly, false));
      if (page.afterSeq !== undefined) conditions.push(gt(ticketActivity.seq, page.afterSeq));
      if (page.sinceVersion !== undefined) {
        const column = ticketAudience(actor) === "staff" ? ticketActivity.ticketVersion : ticketActivity.ticketPublicVersion;
        conditions.push(gt(column, page.sinceVersion));
      }
      if (page.from) conditions.push(gte(ticketActivity.createdAt, page.from));
      if (page.before) conditions.push(lt(ticketActivity.createdAt, page.before));
      return conn
        .select()
        .from(ticketActivity)
        .where(and(...conditions))
        .orderBy(asc(ticketActivity.seq))
        .limit(page.limit);
    },

    /** Records changes of one ticket at the version the change produced, in the caller's transaction. */
    async record(ticket: VisibleTicket, entries: ActivityEntry[], at: Date): Promise<TicketActivity[]> {
      if (entries.length === 0) return [];
      return conn
        .insert(ticketActivity)
        .values(
          entries.map((e) => ({
            organizationId: orgId,
            ticketId: ticket.id,
            actorId: personOf(actor),
            field: e.field,
            fromValue: e.from,
            toValue: e.to,
            staffOnly: e.staffOnly,
            ticketVersion: ticket.version,
            ticketPublicVersion: ticket.publicVersion,
            createdAt: at,
          })),
        )
        .returning();
    },
  };
}
