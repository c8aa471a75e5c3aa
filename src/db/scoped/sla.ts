// scoped(actor).sla (S9, D6): the organization's SLA settings and policies, ticket clocks, warning/breach
// events and the queue in "due" order. Every query adds the actor's organization itself; ticket lists also
// apply the ticket visibility.
import { and, asc, desc, eq, inArray, notInArray, sql, type SQL } from "drizzle-orm";
import type { Actor } from "@/auth/actor";
import { now } from "@/lib/clock";
import type { DbOrTx } from "../client";
import {
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

    /** Clocks of tickets the caller already read through its visibility (a queue page). */
    async clocksFor(ticketIds: string[]): Promise<TicketSla[]> {
      if (ticketIds.length === 0) return [];
      return conn
        .select()
        .from(ticketSla)
        .where(and(eq(ticketSla.organizationId, orgId), inArray(ticketSla.ticketId, ticketIds)));
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
     * Records a warning or breach of one clock. Returns false when it was recorded before: the unique key
     * (ticket, kind, clock start, type) makes "notify exactly once" a property of the database.
     */
    async recordEvent(ticket: VisibleTicket, e: { kind: TSlaKind; type: "warning" | "breach"; clockStartedAt: Date; dueAt: Date }): Promise<boolean> {
      const rows = await conn
        .insert(slaEvents)
        .values({ ...e, ticketId: ticket.id, organizationId: orgId, createdAt: now() })
        .onConflictDoNothing()
        .returning({ id: slaEvents.id });
      return rows.length > 0;
    },

    /**
     * The queue in "due" order: tickets.sla_due_at (the clock's next_due_at, 'infinity' when none runs,
     * kept by a trigger) walked through tickets_org_due_idx or the filter's own *_due_idx (issue 15), each
     * ticket joined to its clock. Keyset on (due or infinity, ticket id); `before` pages back (rows
     * nearest the cursor first, the caller reverses them).
     */
    async listByDue(filter: SQL | undefined, page: { cursor?: DueCursor; before?: boolean; limit: number }): Promise<TicketWithSla[]> {
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
        .select({ ticket: ticketColumns, sla: ticketSla })
        .from(tickets)
        .innerJoin(ticketSla, and(eq(ticketSla.ticketId, tickets.id), eq(ticketSla.organizationId, tickets.organizationId)))
        .where(and(ticketVisibility(actor), filter, after))
        .orderBy(dir(tickets.slaDueAt), dir(tickets.id))
        .limit(page.limit);
      return rows.map((r) => ({ ...(r.ticket as Ticket), sla: r.sla }));
    },
  };
}
