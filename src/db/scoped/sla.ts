// scoped(actor).sla (S9, D6): the organization's SLA settings and policies, ticket clocks, warning/breach
// events and the queue in "due" order. Every query adds the actor's organization itself; ticket lists also
// apply the ticket visibility.
import { and, asc, desc, eq, inArray, notInArray, sql, type SQL } from "drizzle-orm";
import type { Actor } from "@/auth/actor";
import { now } from "@/lib/clock";
import type { DbOrTx } from "../client";
import { unnestInsert } from "../unnest-insert";
import {
  organizations,
  slaEvents,
  slaPolicies,
  slaSettings,
  tickets,
  ticketSla,
  type NewTicketSla,
  type Ticket,
  type TicketSla,
  type TSlaKind,
  type TTicketPriority,
} from "../schema";
import { tagNamesColumn, warningLeadColumn, type QueueExtras } from "./queue-extras";
import { ticketColumns, ticketVisibility, type VisibleTicket } from "./visibility";

/** Keyset position in the "due" order: earliest running deadline first, tickets without one last. */
export interface DueCursor {
  dueAt: Date | null;
  id: string;
}

export type TicketWithSla = Ticket & { sla: TicketSla };
export type SlaPolicyInput = {
  priority: TTicketPriority;
  firstResponseMinutes: number;
  nextReplyMinutes: number | null;
  resolutionMinutes: number;
  pauseWhenPending: boolean;
};
export type SlaSettingsInput = Omit<typeof slaSettings.$inferInsert, "organizationId" | "updatedAt">;

/** Queue filter on the SLA state, for listByDue (a range of the same index as its order). */
export function slaStateCondition(state: "breached" | "at_risk", at: Date, warningLeadMs: number): SQL {
  const nowTs = sql`${at.toISOString()}::timestamptz`;
  if (state === "breached") return sql`${tickets.slaDueAt} <= ${nowTs}`;
  return sql`${tickets.slaDueAt} > ${nowTs} and ${tickets.slaDueAt} <= ${new Date(at.getTime() + warningLeadMs).toISOString()}::timestamptz`;
}

export function slaQueries(actor: Actor, conn: DbOrTx) {
  const orgId = actor.orgId;
  return {
    async settings() {
      const [row] = await conn.select().from(slaSettings).where(eq(slaSettings.organizationId, orgId)).limit(1);
      return row ?? null;
    },

    async saveSettings(values: SlaSettingsInput) {
      const row = { ...values, updatedAt: now() };
      const [saved] = await conn
        .insert(slaSettings)
        .values({ ...row, organizationId: orgId })
        .onConflictDoUpdate({ target: slaSettings.organizationId, set: row })
        .returning();
      return saved!;
    },

    async policies() {
      return conn.select().from(slaPolicies).where(eq(slaPolicies.organizationId, orgId)).orderBy(asc(slaPolicies.priority));
    },

    /** The given priorities get exactly these targets; priorities left out lose their policy. */
    async replacePolicies(rows: SlaPolicyInput[]) {
      const keep = rows.map((r) => r.priority);
      await conn.delete(slaPolicies).where(and(eq(slaPolicies.organizationId, orgId), keep.length ? notInArray(slaPolicies.priority, keep) : undefined));
      for (const r of rows) {
        const { priority: _p, ...targets } = r;
        await conn
          .insert(slaPolicies)
          .values({ ...r, organizationId: orgId })
          .onConflictDoUpdate({ target: [slaPolicies.organizationId, slaPolicies.priority], set: { ...targets, updatedAt: now() } });
      }
    },

    async clock(ticket: VisibleTicket, opts: { forUpdate?: boolean } = {}): Promise<TicketSla | null> {
      const query = conn
        .select()
        .from(ticketSla)
        .where(and(eq(ticketSla.ticketId, ticket.id), eq(ticketSla.organizationId, orgId)))
        .limit(1);
      const [row] = opts.forUpdate ? await query.for("update") : await query;
      return row ?? null;
    },

    /**
     * A ticket's clock and the organization's warning lead in one statement (issue 15: the ticket page and
     * GET /api/tickets/{id}). Driven by the organization's row, so there is a row without a clock too.
     */
    async clockWithLead(ticket: VisibleTicket): Promise<{ clock: TicketSla | null; warningLeadMinutes: number | null }> {
      const [row] = await conn
        .select({ clock: ticketSla, warningLeadMinutes: warningLeadColumn(orgId) })
        .from(organizations)
        .leftJoin(ticketSla, and(eq(ticketSla.ticketId, ticket.id), eq(ticketSla.organizationId, organizations.id)))
        .where(eq(organizations.id, orgId))
        .limit(1);
      return { clock: row?.clock ?? null, warningLeadMinutes: row?.warningLeadMinutes ?? null };
    },

    /** Clocks of these tickets with the tickets themselves, as far as the actor can see them (the breach scan's batch). */
    async clocksWithTickets(ticketIds: string[]): Promise<{ ticket: VisibleTicket; clock: TicketSla }[]> {
      if (ticketIds.length === 0) return [];
      const rows = await conn
        .select({ ticket: ticketColumns, clock: ticketSla })
        .from(ticketSla)
        .innerJoin(tickets, and(eq(tickets.id, ticketSla.ticketId), eq(tickets.organizationId, ticketSla.organizationId)))
        .where(and(eq(ticketSla.organizationId, orgId), inArray(ticketSla.ticketId, ticketIds), ticketVisibility(actor)));
      return rows.map((r) => ({ ticket: r.ticket as VisibleTicket, clock: r.clock }));
    },

    async saveClock(ticket: VisibleTicket, values: Omit<NewTicketSla, "ticketId" | "organizationId" | "updatedAt">): Promise<TicketSla> {
      const row = { ...values, updatedAt: now() };
      const [saved] = await conn
        .insert(ticketSla)
        .values({ ...row, ticketId: ticket.id, organizationId: orgId })
        .onConflictDoUpdate({ target: ticketSla.ticketId, set: row, setWhere: eq(ticketSla.organizationId, orgId) })
        .returning();
      return saved!;
    },

    /**
     * Records warnings and breaches of clocks, one statement for the batch. Says for each whether it is new:
     * the unique key (ticket, kind, clock start, type) makes "notify exactly once" a property of the
     * database — a second worker, or this one after a restart, inserts nothing and stays quiet.
     */
    async recordEvents(events: { ticket: VisibleTicket; kind: TSlaKind; type: "warning" | "breach"; clockStartedAt: Date; dueAt: Date }[]): Promise<boolean[]> {
      if (events.length === 0) return [];
      const at = now();
      const result = await conn.execute<{ ticket_id: string; kind: string; type: string; clock_started_at: Date }>(
        sql`${unnestInsert(slaEvents, [
          { column: slaEvents.organizationId, type: "uuid", values: events.map(() => orgId) },
          { column: slaEvents.ticketId, type: "uuid", values: events.map((e) => e.ticket.id) },
          { column: slaEvents.kind, type: "varchar", values: events.map((e) => e.kind) },
          { column: slaEvents.type, type: "varchar", values: events.map((e) => e.type) },
          { column: slaEvents.clockStartedAt, type: "timestamptz", values: events.map((e) => e.clockStartedAt) },
          { column: slaEvents.dueAt, type: "timestamptz", values: events.map((e) => e.dueAt) },
          { column: slaEvents.createdAt, type: "timestamptz", values: events.map(() => at) },
        ])} on conflict do nothing returning ticket_id, kind, type, clock_started_at`,
      );
      const rows = result.rows.map((r) => ({ ticketId: r.ticket_id, kind: r.kind, type: r.type, clockStartedAt: new Date(r.clock_started_at) }));
      const key = (e: { ticketId: string; kind: string; type: string; clockStartedAt: Date }) =>
        `${e.ticketId}|${e.kind}|${e.type}|${e.clockStartedAt.getTime()}`;
      const inserted = new Set(rows.map(key));
      return events.map((e) => inserted.has(key({ ...e, ticketId: e.ticket.id })));
    },

    /** What the breach scan decided for each clock of its batch: breach marks and the next due and check moments. */
    async saveScanResults(
      rows: ({ ticketId: string } & Pick<
        TicketSla,
        "firstResponseBreachedAt" | "nextReplyBreachedAt" | "resolutionBreachedAt" | "nextDueAt" | "nextCheckAt"
      >)[],
    ): Promise<void> {
      if (rows.length === 0) return;
      const col = <T>(pick: (r: (typeof rows)[number]) => T) => sql.param(rows.map(pick));
      const iso = (d: Date | null) => d?.toISOString() ?? null;
      await conn.execute(sql`
        update ${ticketSla} set
          first_response_breached_at = u.first_response, next_reply_breached_at = u.next_reply, resolution_breached_at = u.resolution,
          next_due_at = u.next_due, next_check_at = u.next_check, updated_at = ${now().toISOString()}::timestamptz
        from unnest(${col((r) => r.ticketId)}::uuid[], ${col((r) => iso(r.firstResponseBreachedAt))}::timestamptz[],
                    ${col((r) => iso(r.nextReplyBreachedAt))}::timestamptz[], ${col((r) => iso(r.resolutionBreachedAt))}::timestamptz[],
                    ${col((r) => iso(r.nextDueAt))}::timestamptz[], ${col((r) => iso(r.nextCheckAt))}::timestamptz[])
          as u(ticket_id, first_response, next_reply, resolution, next_due, next_check)
        where ${ticketSla.ticketId} = u.ticket_id and ${ticketSla.organizationId} = ${orgId}::uuid`);
    },

    /**
     * The queue in "due" order: tickets.sla_due_at (the clock's next_due_at, 'infinity' when none runs,
     * kept by a trigger) walked through tickets_org_due_idx or the filter's own *_due_idx (issue 15), each
     * ticket joined to its clock. Keyset on (due or infinity, ticket id); `before` pages back (rows
     * nearest the cursor first, the caller reverses them).
     */
    async listByDue(
      filter: SQL | undefined,
      page: { cursor?: DueCursor; before?: boolean; limit: number },
      opts: { tagNames?: boolean } = {},
    ): Promise<(TicketWithSla & QueueExtras)[]> {
      const position = page.cursor
        ? sql`(${page.cursor.dueAt ? page.cursor.dueAt.toISOString() : "infinity"}::timestamptz, ${page.cursor.id}::uuid)`
        : undefined;
      const after = position
        ? page.before
          ? sql`(${tickets.slaDueAt}, ${tickets.id}) < ${position}`
          : sql`(${tickets.slaDueAt}, ${tickets.id}) > ${position}`
        : undefined;
      const dir = page.before ? desc : asc;
      const rows = await conn
        // What the queue shows beside each ticket, in the same statement (queue-extras.ts, issue 15).
        .select({
          ticket: ticketColumns,
          sla: ticketSla,
          tagNames: opts.tagNames ? tagNamesColumn(orgId) : sql<string[] | null>`null`,
          warningLeadMinutes: warningLeadColumn(orgId),
        })
        .from(tickets)
        .innerJoin(ticketSla, and(eq(ticketSla.ticketId, tickets.id), eq(ticketSla.organizationId, tickets.organizationId)))
        .where(and(ticketVisibility(actor), filter, after))
        .orderBy(dir(tickets.slaDueAt), dir(tickets.id))
        .limit(page.limit);
      return rows.map((r) => ({ ...(r.ticket as Ticket), sla: r.sla, tagNames: r.tagNames, warningLeadMinutes: r.warningLeadMinutes }));
    },
  };
}
