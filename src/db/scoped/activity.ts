// scoped(actor).activity: the timeline of a ticket the actor already read through its visibility (issue 11).
// Staff-only rows (everything but status changes) are filtered here, not by callers: a requester never
// receives who was assigned, which team, or an SLA event.
import { and, asc, eq, gt, gte, lt, type SQL } from "drizzle-orm";
import { can, type Actor } from "@/auth/actor";
import { ticketAudience } from "@/auth/ticket-audience";
import type { DbOrTx } from "../client";
import { unnestInsert } from "../unnest-insert";
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

  /** Changes of several tickets in one statement (the breach scan's batch), each at its ticket's version. */
  async function recordMany(items: { ticket: VisibleTicket; entries: ActivityEntry[] }[], at: Date): Promise<void> {
    const rows = items.flatMap(({ ticket, entries }) => entries.map((e) => ({ ticket, e })));
    if (rows.length === 0) return;
    const actorId = personOf(actor);
    await conn.execute(
      unnestInsert(ticketActivity, [
        { column: ticketActivity.organizationId, type: "uuid", values: rows.map(() => orgId) },
        { column: ticketActivity.ticketId, type: "uuid", values: rows.map((r) => r.ticket.id) },
        { column: ticketActivity.actorId, type: "text", values: rows.map(() => actorId) },
        { column: ticketActivity.field, type: "varchar", values: rows.map((r) => r.e.field) },
        { column: ticketActivity.fromValue, type: "text", values: rows.map((r) => r.e.from) },
        { column: ticketActivity.toValue, type: "text", values: rows.map((r) => r.e.to) },
        { column: ticketActivity.staffOnly, type: "boolean", values: rows.map((r) => r.e.staffOnly) },
        { column: ticketActivity.ticketVersion, type: "integer", values: rows.map((r) => r.ticket.version) },
        { column: ticketActivity.ticketPublicVersion, type: "integer", values: rows.map((r) => r.ticket.publicVersion) },
        { column: ticketActivity.createdAt, type: "timestamptz", values: rows.map(() => at) },
      ]),
    );
  }

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

    /** One timeline entry of the ticket, under the same rule as list() (requesters: not staff-only). */
    async find(ticket: VisibleTicket, id: string): Promise<TicketActivity | null> {
      const conditions: (SQL | undefined)[] = [eq(ticketActivity.id, id), eq(ticketActivity.ticketId, ticket.id), eq(ticketActivity.organizationId, orgId)];
      if (!can(actor, "tickets.activity.read.all")) conditions.push(eq(ticketActivity.staffOnly, false));
      const [row] = await conn
        .select()
        .from(ticketActivity)
        .where(and(...conditions))
        .limit(1);
      return row ?? null;
    },

    /** Records changes of one ticket at the version the change produced, in the caller's transaction. */
    async record(ticket: VisibleTicket, entries: ActivityEntry[], at: Date): Promise<void> {
      return recordMany([{ ticket, entries }], at);
    },

    recordMany,
  };
}
