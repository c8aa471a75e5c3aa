// Report rollups (issue 13): per organization and UTC day (and per month for the two largest, migration
// 0034), written only by the database (the trigger on tickets, report_rollups_compact(),
// report_rollups_rebuild(); migration 0032). The app only reads them.
// `pending` rows are deltas not yet folded into the one row per key; every report sums both kinds.
import { bigint, boolean, date, index, integer, pgTable, smallint, text, uuid } from "drizzle-orm/pg-core";
import { ticketPriority, ticketStatus } from "./enums";
import { organizations } from "./organizations";

const orgId = () =>
  uuid("organization_id")
    .notNull()
    .references(() => organizations.id, { onDelete: "cascade" });

/** Per day and (priority, team) as the ticket stands now: created, first responses, solutions, SLA targets. */
export const reportDaily = pgTable(
  "report_daily",
  {
    organizationId: orgId(),
    day: date("day", { mode: "string" }).notNull(),
    priority: ticketPriority("priority").notNull(),
    teamId: uuid("team_id"),
    created: integer("created").notNull().default(0),
    solved: integer("solved").notNull().default(0),
    firstResponses: integer("first_responses").notNull().default(0),
    firstResponseMs: bigint("first_response_ms", { mode: "number" }).notNull().default(0),
    resolutions: integer("resolutions").notNull().default(0),
    resolutionMs: bigint("resolution_ms", { mode: "number" }).notNull().default(0),
    firstResponseTargets: integer("first_response_targets").notNull().default(0),
    firstResponseMet: integer("first_response_met").notNull().default(0),
    resolutionTargets: integer("resolution_targets").notNull().default(0),
    resolutionMet: integer("resolution_met").notNull().default(0),
    pending: boolean("pending").notNull().default(true),
  },
  (t) => [index("report_daily_org_day_idx").on(t.organizationId, t.day)],
);

/** The same per assignee, read only by the agents section. */
export const reportAgentDaily = pgTable(
  "report_agent_daily",
  {
    organizationId: orgId(),
    day: date("day", { mode: "string" }).notNull(),
    priority: ticketPriority("priority").notNull(),
    teamId: uuid("team_id"),
    assigneeId: text("assignee_id"),
    created: integer("created").notNull().default(0),
    solved: integer("solved").notNull().default(0),
    firstResponses: integer("first_responses").notNull().default(0),
    firstResponseMs: bigint("first_response_ms", { mode: "number" }).notNull().default(0),
    resolutions: integer("resolutions").notNull().default(0),
    resolutionMs: bigint("resolution_ms", { mode: "number" }).notNull().default(0),
    firstResponseTargets: integer("first_response_targets").notNull().default(0),
    firstResponseMet: integer("first_response_met").notNull().default(0),
    resolutionTargets: integer("resolution_targets").notNull().default(0),
    resolutionMet: integer("resolution_met").notNull().default(0),
    pending: boolean("pending").notNull().default(true),
  },
  (t) => [index("report_agent_daily_org_day_idx").on(t.organizationId, t.day)],
);

/** report_agent_daily per month (`month`: its first day; migration 0034), for ranges that cover whole months. */
export const reportAgentMonthly = pgTable(
  "report_agent_monthly",
  {
    organizationId: orgId(),
    month: date("month", { mode: "string" }).notNull(),
    priority: ticketPriority("priority").notNull(),
    teamId: uuid("team_id"),
    assigneeId: text("assignee_id"),
    created: integer("created").notNull().default(0),
    solved: integer("solved").notNull().default(0),
    firstResponses: integer("first_responses").notNull().default(0),
    firstResponseMs: bigint("first_response_ms", { mode: "number" }).notNull().default(0),
    resolutions: integer("resolutions").notNull().default(0),
    resolutionMs: bigint("resolution_ms", { mode: "number" }).notNull().default(0),
    firstResponseTargets: integer("first_response_targets").notNull().default(0),
    firstResponseMet: integer("first_response_met").notNull().default(0),
    resolutionTargets: integer("resolution_targets").notNull().default(0),
    resolutionMet: integer("resolution_met").notNull().default(0),
    pending: boolean("pending").notNull().default(true),
  },
  (t) => [index("report_agent_monthly_org_month_idx").on(t.organizationId, t.month)],
);

/** Business-time histograms: tickets per duration bucket (metric 1 first response, 2 resolution). */
export const reportDurations = pgTable(
  "report_durations",
  {
    organizationId: orgId(),
    day: date("day", { mode: "string" }).notNull(),
    metric: smallint("metric").notNull(),
    priority: ticketPriority("priority").notNull(),
    teamId: uuid("team_id"),
    bucket: smallint("bucket").notNull(),
    tickets: integer("tickets").notNull(),
    pending: boolean("pending").notNull().default(true),
  },
  (t) => [index("report_durations_org_day_idx").on(t.organizationId, t.day)],
);

/** report_durations per month (`month`: its first day; migration 0034). */
export const reportDurationsMonthly = pgTable(
  "report_durations_monthly",
  {
    organizationId: orgId(),
    month: date("month", { mode: "string" }).notNull(),
    metric: smallint("metric").notNull(),
    priority: ticketPriority("priority").notNull(),
    teamId: uuid("team_id"),
    bucket: smallint("bucket").notNull(),
    tickets: integer("tickets").notNull(),
    pending: boolean("pending").notNull().default(true),
  },
  (t) => [index("report_durations_monthly_org_month_idx").on(t.organizationId, t.month)],
);

/** Backlog deltas: tickets entering (+) and leaving (-) a (status, priority, team) on a day. */
export const reportBacklog = pgTable(
  "report_backlog",
  {
    organizationId: orgId(),
    day: date("day", { mode: "string" }).notNull(),
    status: ticketStatus("status").notNull(),
    priority: ticketPriority("priority").notNull(),
    teamId: uuid("team_id"),
    tickets: integer("tickets").notNull(),
    pending: boolean("pending").notNull().default(true),
  },
  (t) => [index("report_backlog_org_day_idx").on(t.organizationId, t.day)],
);
