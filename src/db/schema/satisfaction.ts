// Customer satisfaction (issue 13). Each resolution of a ticket asks its requester once, "How did we do?":
// a request row per resolution holds the single-use link (only its SHA-256, src/lib/link-token.ts) and
// what the resolution was (ordinal, requester, assignee, team, priority), and is spent by the one answer
// or withdrawn when the ticket is reopened. Answers live in their own table with everything reports
// group by copied in, so a report reads one table and an index on (organization, answered_at).
import { sql } from "drizzle-orm";
import { check, foreignKey, index, integer, pgTable, text, timestamp, unique, uuid, varchar } from "drizzle-orm/pg-core";
import { users } from "./auth";
import { ticketPriority } from "./enums";
import { tickets } from "./tickets";

export const SATISFACTION_RATINGS = ["good", "bad"] as const;
export type TSatisfactionRating = (typeof SATISFACTION_RATINGS)[number];

export const satisfactionRequests = pgTable(
  "satisfaction_requests",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organizationId: uuid("organization_id").notNull(),
    ticketId: uuid("ticket_id").notNull(),
    /** 1 for the ticket's first resolution, 2 after a reopen and a new resolution, … */
    resolution: integer("resolution").notNull(),
    requesterId: text("requester_id").notNull(),
    assigneeId: text("assignee_id"),
    teamId: uuid("team_id"),
    priority: ticketPriority("priority").notNull(),
    tokenHash: varchar("token_hash", { length: 64 }).notNull(),
    resolvedAt: timestamp("resolved_at", { withTimezone: true }).notNull(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    /** Spent: the one answer was given (by the link or on the ticket page). */
    answeredAt: timestamp("answered_at", { withTimezone: true }),
    /** The ticket was reopened before an answer: this resolution is no longer asked about. */
    withdrawnAt: timestamp("withdrawn_at", { withTimezone: true }),
  },
  (t) => [
    unique("satisfaction_requests_token_unique").on(t.tokenHash),
    unique("satisfaction_requests_ticket_resolution_unique").on(t.ticketId, t.resolution),
    foreignKey({
      name: "satisfaction_requests_ticket_fk",
      columns: [t.ticketId, t.organizationId],
      foreignColumns: [tickets.id, tickets.organizationId],
    }).onDelete("cascade"),
    foreignKey({
      name: "satisfaction_requests_requester_fk",
      columns: [t.requesterId, t.organizationId],
      foreignColumns: [users.id, users.organizationId],
    }).onDelete("cascade"),
  ],
);

export const satisfactionRatings = pgTable(
  "satisfaction_ratings",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organizationId: uuid("organization_id").notNull(),
    requestId: uuid("request_id").notNull(),
    ticketId: uuid("ticket_id").notNull(),
    resolution: integer("resolution").notNull(),
    rating: varchar("rating", { length: 8 }).$type<TSatisfactionRating>().notNull(),
    comment: text("comment"),
    // Who and what the resolution was, as it was then (reports group by them; later changes do not move it).
    requesterId: text("requester_id").notNull(),
    assigneeId: text("assignee_id"),
    teamId: uuid("team_id"),
    priority: ticketPriority("priority").notNull(),
    resolvedAt: timestamp("resolved_at", { withTimezone: true }).notNull(),
    answeredAt: timestamp("answered_at", { withTimezone: true }).notNull(),
  },
  (t) => [
    // One answer per resolution, decided by the database too (a race of two answers: exactly one row).
    unique("satisfaction_ratings_request_unique").on(t.requestId),
    unique("satisfaction_ratings_ticket_resolution_unique").on(t.ticketId, t.resolution),
    foreignKey({ name: "satisfaction_ratings_request_fk", columns: [t.requestId], foreignColumns: [satisfactionRequests.id] }).onDelete("cascade"),
    foreignKey({
      name: "satisfaction_ratings_ticket_fk",
      columns: [t.ticketId, t.organizationId],
      foreignColumns: [tickets.id, tickets.organizationId],
    }).onDelete("cascade"),
    check("satisfaction_ratings_rating_check", sql`${t.rating} in ('good', 'bad')`),
    check("satisfaction_ratings_comment_check", sql`char_length(${t.comment}) <= 2000`),
    index("satisfaction_ratings_org_answered_idx").on(t.organizationId, t.answeredAt),
  ],
);

export type SatisfactionRequest = typeof satisfactionRequests.$inferSelect;
export type SatisfactionRating = typeof satisfactionRatings.$inferSelect;
