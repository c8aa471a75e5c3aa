// The SLA engine's state (S9, D6). Kept beside `tickets` rather than inside it: the contract columns
// (first_response_due_at, resolution_due_at) stay on tickets; the clock's bookkeeping, the breach marks and
// the two moments the breach scan and the queue sort on live here, each with its own index.
import { sql } from "drizzle-orm";
import { bigint, boolean, foreignKey, index, integer, jsonb, pgTable, timestamp, unique, uuid, varchar } from "drizzle-orm/pg-core";
import { organizations } from "./organizations";
import { tickets } from "./tickets";

export const SLA_KINDS = ["first_response", "next_reply", "resolution"] as const;
export type TSlaKind = (typeof SLA_KINDS)[number];
export const WEEKDAYS = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"] as const;
export type TWeekday = (typeof WEEKDAYS)[number];
/** Local wall-clock opening hours, "HH:MM" to "HH:MM" ("24:00" ends at midnight). */
export type TOpenInterval = { start: string; end: string };
export type TWeeklyHours = Partial<Record<TWeekday, TOpenInterval[]>>;

/** One row per organization: its business calendar and the warning lead. No row means 24/7 in UTC. */
export const slaSettings = pgTable("sla_settings", {
  organizationId: uuid("organization_id")
    .primaryKey()
    .references(() => organizations.id, { onDelete: "cascade" }),
  timeZone: varchar("time_zone", { length: 64 }).notNull().default("UTC"),
  alwaysOpen: boolean("always_open").notNull().default(true),
  weeklyHours: jsonb("weekly_hours").$type<TWeeklyHours>().notNull().default({}),
  // Local dates ("2026-12-25") on which the business is closed all day.
  holidays: jsonb("holidays").$type<string[]>().notNull().default([]),
  warningLeadMinutes: integer("warning_lead_minutes").notNull().default(60),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

/** One row per ticket: the clock. Written in the same transaction as the ticket change that moves it. */
export const ticketSla = pgTable(
  "ticket_sla",
  {
    ticketId: uuid("ticket_id").primaryKey(),
    organizationId: uuid("organization_id").notNull(),
    // The original start: priority changes re-target from here.
    startedAt: timestamp("started_at", { withTimezone: true }).notNull(),
    // Business time (ms) the clock stood still in finished pauses, and the start of the open one.
    pausedMs: bigint("paused_ms", { mode: "number" }).notNull().default(0),
    pausedSince: timestamp("paused_since", { withTimezone: true }),
    // The oldest requester message still waiting for an agent's reply, and pausedMs at that moment.
    nextReplyStartedAt: timestamp("next_reply_started_at", { withTimezone: true }),
    nextReplyPauseBaseMs: bigint("next_reply_pause_base_ms", { mode: "number" }).notNull().default(0),
    nextReplyDueAt: timestamp("next_reply_due_at", { withTimezone: true }),
    firstResponseBreachedAt: timestamp("first_response_breached_at", { withTimezone: true }),
    nextReplyBreachedAt: timestamp("next_reply_breached_at", { withTimezone: true }),
    resolutionBreachedAt: timestamp("resolution_breached_at", { withTimezone: true }),
    // Earliest running, unmet deadline (null while paused or without SLA): the queue's "due" order.
    nextDueAt: timestamp("next_due_at", { withTimezone: true }),
    // When the breach scan must look at this ticket again (a warning or a breach is due); null = never.
    nextCheckAt: timestamp("next_check_at", { withTimezone: true }),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    foreignKey({ name: "ticket_sla_ticket_fk", columns: [t.ticketId, t.organizationId], foreignColumns: [tickets.id, tickets.organizationId] }).onDelete(
      "cascade",
    ),
    // The breach scan: only tickets with something pending, earliest first.
    index("ticket_sla_next_check_idx").on(t.nextCheckAt).where(sql`${t.nextCheckAt} is not null`),
  ],
);

/**
 * One row per warning or breach of one clock. The unique key is the "exactly once": the row and the
 * notifications it causes are written in one transaction, and a second writer's insert does nothing.
 * A clock is identified by its kind and start (next-reply clocks restart with each requester message).
 */
export const slaEvents = pgTable(
  "sla_events",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organizationId: uuid("organization_id").notNull(),
    ticketId: uuid("ticket_id")
      .notNull()
      .references(() => ticketSla.ticketId, { onDelete: "cascade" }),
    kind: varchar("kind", { length: 20 }).$type<TSlaKind>().notNull(),
    type: varchar("type", { length: 10 }).$type<"warning" | "breach">().notNull(),
    clockStartedAt: timestamp("clock_started_at", { withTimezone: true }).notNull(),
    dueAt: timestamp("due_at", { withTimezone: true }).notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique("sla_events_once").on(t.ticketId, t.kind, t.clockStartedAt, t.type),
    // /api/metrics: breaches of the last hour (issue 14, migration 0029).
    index("sla_events_breach_created_idx").on(t.createdAt).where(sql`${t.type} = 'breach'`),
  ],
);

export type SlaSettings = typeof slaSettings.$inferSelect;
export type TicketSla = typeof ticketSla.$inferSelect;
export type NewTicketSla = typeof ticketSla.$inferInsert;
export type SlaEvent = typeof slaEvents.$inferSelect;
