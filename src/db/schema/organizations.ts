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
  // Issue 13: where a person's own time zone and locale start (an IANA zone, a BCP 47 tag).
  defaultTimeZone: varchar("default_time_zone", { length: 64 }).notNull().default("UTC"),
  defaultLocale: varchar("default_locale", { length: 35 }).notNull().default("en-GB"),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

export type Organization = typeof organizations.$inferSelect;
export type NewOrganization = typeof organizations.$inferInsert;
