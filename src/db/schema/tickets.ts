import { sql } from "drizzle-orm";
import { bigint, bigserial, boolean, customType, foreignKey, index, integer, pgTable, text, timestamp, unique, uuid, varchar } from "drizzle-orm/pg-core";
import { users } from "./auth";
import { ticketPriority, ticketStatus } from "./enums";
import { organizations } from "./organizations";
import { teams } from "./teams";

const tsvector = customType<{ data: string }>({ dataType: () => "tsvector" });

export const tickets = pgTable(
  "tickets",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organizationId: uuid("organization_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    number: integer("number").notNull(),
    title: varchar("title", { length: 200 }).notNull(),
    descriptionMd: text("description_md").notNull(),
    status: ticketStatus("status").notNull().default("open"),
    priority: ticketPriority("priority").notNull().default("normal"),
    requesterId: text("requester_id").notNull(),
    assigneeId: text("assignee_id"),
    teamId: uuid("team_id"),
    firstResponseDueAt: timestamp("first_response_due_at", { withTimezone: true }),
    resolutionDueAt: timestamp("resolution_due_at", { withTimezone: true }),
    firstRespondedAt: timestamp("first_responded_at", { withTimezone: true }),
    resolvedAt: timestamp("resolved_at", { withTimezone: true }),
    // Business time (ms, by the SLA calendar) from creation to the first response and to the resolution,
    // for reports (issue 13): written with firstRespondedAt / resolvedAt (src/domain/reports/report-durations.ts).
    firstResponseBusinessMs: bigint("first_response_business_ms", { mode: "number" }),
    resolutionBusinessMs: bigint("resolution_business_ms", { mode: "number" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    // Bumped by every write: the ETag that If-Match compares, so a stale page never overwrites (issue 11).
    version: integer("version").notNull().default(1),
    // What the requester sees (issue 11, F6): bumped only by writes visible to them (a public reply, status,
    // title, description), so their ETag and "updated" are no oracle of internal notes or triage.
    publicVersion: integer("public_version").notNull().default(1),
    publicUpdatedAt: timestamp("public_updated_at", { withTimezone: true }).notNull().defaultNow(),
    // The closed ticket this one continues (a reply to a closed ticket opens a follow-up instead).
    followUpOf: uuid("follow_up_of"),
    // The SLA clock's next_due_at ('infinity' when no deadline runs), copied here by a trigger on
    // ticket_sla (migration 0016) so "due soonest" with any filter walks one index (issue 15). Never
    // written by the app.
    slaDueAt: timestamp("sla_due_at", { withTimezone: true }).notNull().default(sql`'infinity'::timestamptz`),
    // Opened by an e-mail (issue 12): its requester sees it only once they proved they own their address.
    viaEmail: boolean("via_email").notNull().default(false),
    // Set when the retention job anonymised this closed ticket (issue 14): a second run skips it.
    anonymisedAt: timestamp("anonymised_at", { withTimezone: true }),
    // Search over title and the Markdown description (S15; the source system searched a missing column).
    // Title words weigh more than description words when ranking.
    searchVector: tsvector("search_vector").generatedAlwaysAs(
      sql`setweight(to_tsvector('english', coalesce("title", '')), 'A') || setweight(to_tsvector('english', coalesce("description_md", '')), 'B')`,
    ),
  },
  (t) => [
    unique("tickets_org_number_unique").on(t.organizationId, t.number),
    unique("tickets_id_org_unique").on(t.id, t.organizationId),
    // Requester, assignee and team must live in the ticket's organization (S20, enforced by the database too).
    foreignKey({ name: "tickets_requester_fk", columns: [t.requesterId, t.organizationId], foreignColumns: [users.id, users.organizationId] }),
    foreignKey({ name: "tickets_assignee_fk", columns: [t.assigneeId, t.organizationId], foreignColumns: [users.id, users.organizationId] }),
    foreignKey({ name: "tickets_follow_up_fk", columns: [t.followUpOf, t.organizationId], foreignColumns: [t.id, t.organizationId] }),
    foreignKey({ name: "tickets_team_fk", columns: [t.teamId, t.organizationId], foreignColumns: [teams.id, teams.organizationId] }),
    // The queue pages newest first by (created_at, id); each filter has an index that serves that order.
    // NULLS FIRST is what a plain DESC means: "DESC NULLS LAST" would not match `ORDER BY ... DESC`.
    index("tickets_org_created_idx").on(t.organizationId, t.createdAt.desc().nullsFirst(), t.id.desc().nullsFirst()),
    index("tickets_org_status_created_idx").on(t.organizationId, t.status, t.createdAt.desc().nullsFirst(), t.id.desc().nullsFirst()),
    index("tickets_org_priority_created_idx").on(t.organizationId, t.priority, t.createdAt.desc().nullsFirst(), t.id.desc().nullsFirst()),
    index("tickets_org_requester_created_idx").on(t.organizationId, t.requesterId, t.createdAt.desc().nullsFirst(), t.id.desc().nullsFirst()),
    index("tickets_org_assignee_created_idx").on(t.organizationId, t.assigneeId, t.createdAt.desc().nullsFirst(), t.id.desc().nullsFirst()),
    index("tickets_org_team_created_idx").on(t.organizationId, t.teamId, t.createdAt.desc().nullsFirst(), t.id.desc().nullsFirst()),
    // The same filters in "due soonest" order (issue 15); priority filters the plain due walk.
    index("tickets_org_due_idx").on(t.organizationId, t.slaDueAt, t.id),
    index("tickets_org_status_due_idx").on(t.organizationId, t.status, t.slaDueAt, t.id),
    index("tickets_org_assignee_due_idx").on(t.organizationId, t.assigneeId, t.slaDueAt, t.id),
    index("tickets_org_team_due_idx").on(t.organizationId, t.teamId, t.slaDueAt, t.id),
    index("tickets_org_requester_due_idx").on(t.organizationId, t.requesterId, t.slaDueAt, t.id),
    // Search within one organization (btree_gin): the index returns only that tenant's matches.
    index("tickets_org_search_idx").using("gin", t.organizationId, t.searchVector),
    // The retention job's walk (issue 14): closed, not yet anonymised, oldest change first.
    index("tickets_org_closed_retention_idx").on(t.organizationId, t.updatedAt).where(sql`${t.status} = 'closed' AND ${t.anonymisedAt} IS NULL`),
  ],
);

export const comments = pgTable(
  "comments",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    // Insertion order: a conversation reads in the order it was written, even within one millisecond.
    seq: bigserial("seq", { mode: "number" }).notNull(),
    organizationId: uuid("organization_id").notNull(),
    ticketId: uuid("ticket_id").notNull(),
    authorId: text("author_id").notNull(),
    bodyMd: text("body_md").notNull(),
    // Internal notes are visible to agents and admins only, on every path (D4).
    internal: boolean("internal").notNull().default(false),
    // Written from an e-mail (issue 12): shown to a requester only once they proved they own their address.
    viaEmail: boolean("via_email").notNull().default(false),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    foreignKey({ name: "comments_ticket_fk", columns: [t.ticketId, t.organizationId], foreignColumns: [tickets.id, tickets.organizationId] }).onDelete(
      "cascade",
    ),
    foreignKey({ name: "comments_author_fk", columns: [t.authorId, t.organizationId], foreignColumns: [users.id, users.organizationId] }),
    index("comments_ticket_seq_idx").on(t.ticketId, t.seq),
    // Lets ticket_mail_messages reference (comment, organization) together (issue 12).
    unique("comments_id_org_unique").on(t.id, t.organizationId),
  ],
);

export type Ticket = typeof tickets.$inferSelect;
export type NewTicket = typeof tickets.$inferInsert;
export type Comment = typeof comments.$inferSelect;
