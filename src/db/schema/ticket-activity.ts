// The ticket's timeline of field changes (issue 11): who changed status, priority, assignee, team, tags,
// and SLA events, written in the same transaction as the change. Requesters see the rows that are not
// staff-only (status changes); staff see all. Comments are not repeated here: the page merges both.
import { bigserial, boolean, foreignKey, index, integer, pgTable, text, timestamp, uuid, varchar } from "drizzle-orm/pg-core";
import { users } from "./auth";
import { tickets } from "./tickets";

export const ACTIVITY_FIELDS = ["status", "priority", "assignee", "team", "title", "description", "tags", "sla", "follow_up", "comment"] as const;
export type TActivityField = (typeof ACTIVITY_FIELDS)[number];

export const ticketActivity = pgTable(
  "ticket_activity",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    seq: bigserial("seq", { mode: "number" }).notNull(),
    organizationId: uuid("organization_id").notNull(),
    ticketId: uuid("ticket_id").notNull(),
    // Null for the system (the SLA breach scan).
    actorId: text("actor_id"),
    field: varchar("field", { length: 32 }).$type<TActivityField>().notNull(),
    fromValue: text("from_value"),
    toValue: text("to_value"),
    staffOnly: boolean("staff_only").notNull().default(true),
    // The ticket's version after the change: a 412 answer lists what happened since the caller's version.
    ticketVersion: integer("ticket_version").notNull(),
    // The requester's version of the ticket after the change (F6): a requester's 412 and timeline use this one.
    ticketPublicVersion: integer("ticket_public_version").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    foreignKey({ name: "ticket_activity_ticket_fk", columns: [t.ticketId, t.organizationId], foreignColumns: [tickets.id, tickets.organizationId] }).onDelete(
      "cascade",
    ),
    foreignKey({ name: "ticket_activity_actor_fk", columns: [t.actorId, t.organizationId], foreignColumns: [users.id, users.organizationId] }),
    index("ticket_activity_ticket_seq_idx").on(t.ticketId, t.seq),
  ],
);

export type TicketActivity = typeof ticketActivity.$inferSelect;
