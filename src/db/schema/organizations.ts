import { boolean, integer, pgTable, timestamp, uuid, varchar } from "drizzle-orm/pg-core";

export const organizations = pgTable("organizations", {
  id: uuid("id").primaryKey().defaultRandom(),
  name: varchar("name", { length: 120 }).notNull(),
  slug: varchar("slug", { length: 60 }).notNull().unique(),
  // Human ticket numbers (#1042) are per organization; bumped in the ticket-create transaction.
  ticketCounter: integer("ticket_counter").notNull().default(0),
  mfaRequired: boolean("mfa_required").notNull().default(false),
  // S18: exports are for admins; an organization may allow its agents to export too.
  agentExportsAllowed: boolean("agent_exports_allowed").notNull().default(false),
  // Issue 13: reports are for admins; an organization may open them to its agents too.
  agentReportsAllowed: boolean("agent_reports_allowed").notNull().default(false),
  // Issue 13: where a person's own time zone and locale start (an IANA zone, a BCP 47 tag); null leaves
  // it to each person's browser (migration 0030).
  defaultTimeZone: varchar("default_time_zone", { length: 64 }),
  defaultLocale: varchar("default_locale", { length: 35 }),
  // Issue 14: closed tickets untouched for this many months are deleted or anonymised by the
  // ticket-retention job (null = kept forever). Bounds checked by the database too (migration 0027).
  closedTicketRetentionMonths: integer("closed_ticket_retention_months"),
  closedTicketRetentionAction: varchar("closed_ticket_retention_action", { length: 10, enum: ["delete", "anonymise"] })
    .notNull()
    .default("anonymise"),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

export type Organization = typeof organizations.$inferSelect;
export type NewOrganization = typeof organizations.$inferInsert;
