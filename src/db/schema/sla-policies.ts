import { boolean, integer, pgTable, timestamp, unique, uuid } from "drizzle-orm/pg-core";
import { ticketPriority } from "./enums";
import { organizations } from "./organizations";

// One row per organization and priority (D6). Targets are minutes of business time, measured on the
// organization's calendar (sla_settings; 24/7 without one). No next-reply target: no next-reply clock.
// pause_when_pending covers both waiting statuses, pending and on hold.
export const slaPolicies = pgTable(
  "sla_policies",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organizationId: uuid("organization_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    priority: ticketPriority("priority").notNull(),
    firstResponseMinutes: integer("first_response_minutes").notNull(),
    resolutionMinutes: integer("resolution_minutes").notNull(),
    nextReplyMinutes: integer("next_reply_minutes"),
    pauseWhenPending: boolean("pause_when_pending").notNull().default(true),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique("sla_policies_org_priority_unique").on(t.organizationId, t.priority)],
);

export type SlaPolicy = typeof slaPolicies.$inferSelect;
