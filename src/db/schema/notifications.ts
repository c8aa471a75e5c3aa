// Notifications (S9): in-app rows per recipient, and an outbox of e-mails and webhook calls written in the
// same transaction as the event that causes them, delivered (and retried) by the worker. Rows the breach
// scan writes carry no foreign key to tickets on purpose: checking one would take a share lock on the
// ticket row while the scan holds the ticket's SLA row, the reverse of the order request transactions use.
import { sql } from "drizzle-orm";
import { boolean, foreignKey, index, integer, jsonb, pgTable, text, timestamp, uuid, varchar } from "drizzle-orm/pg-core";
import { users } from "./auth";
import { organizations } from "./organizations";

export const notifications = pgTable(
  "notifications",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organizationId: uuid("organization_id").notNull(),
    userId: text("user_id").notNull(),
    ticketId: uuid("ticket_id"),
    type: varchar("type", { length: 40 }).notNull(),
    title: varchar("title", { length: 300 }).notNull(),
    body: varchar("body", { length: 1000 }).notNull().default(""),
    readAt: timestamp("read_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    foreignKey({ name: "notifications_user_fk", columns: [t.userId, t.organizationId], foreignColumns: [users.id, users.organizationId] }).onDelete("cascade"),
    index("notifications_user_created_idx").on(t.userId, t.createdAt.desc(), t.id.desc()),
    index("notifications_user_unread_idx").on(t.userId).where(sql`${t.readAt} is null`),
  ],
);

export type TOutboxChannel = "email" | "webhook";
// "withheld": not sent because the recipient may no longer read it (issue 9 item 6); kept, never retried.
export type TOutboxStatus = "pending" | "sent" | "dead" | "withheld";
/**
 * A notification mailed (S9). recipientId and ticketId let delivery re-check the recipient's rights at
 * send time (issue 9 item 6); messages queued before they existed carry only `to`. No `kind`: rows queued
 * before kinds existed are notifications.
 */
export type TNotificationEmail = { kind?: "notification"; to: string; subject: string; text: string; recipientId?: string; ticketId?: string };
/**
 * A public reply mailed to the ticket's requester, threaded (issue 12). Only ids and headers are queued:
 * the reply's text, the recipient's address and their right to read it are all read at send time.
 */
export type TReplyEmail = {
  kind: "ticket_reply";
  to: string;
  recipientId: string;
  ticketId: string;
  commentId: string;
  messageId: string;
  inReplyTo: string | null;
  references: string[];
  subject: string;
};
/** Invitations and password resets (issue 12): the link's token waits sealed (src/lib/sealed.ts), never in clear. */
export type TAccountEmail = { kind: "invite" | "password_reset"; to: string; recipientId: string; sealedToken: string; expiresAt: string };
/**
 * "How did we do?" after a resolution (issue 13): the single-use link's token waits sealed, bound to its
 * request and recipient; at send time the request must still be open.
 */
export type TSatisfactionEmail = {
  kind: "satisfaction";
  to: string;
  recipientId: string;
  ticketId: string;
  requestId: string;
  sealedToken: string;
  expiresAt: string;
};
export type TEmailPayload = TNotificationEmail | TReplyEmail | TAccountEmail | TSatisfactionEmail;
export type TWebhookPayload = { event: string; body: string };

export const outboxMessages = pgTable(
  "outbox_messages",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organizationId: uuid("organization_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    channel: varchar("channel", { length: 16 }).$type<TOutboxChannel>().notNull(),
    eventType: varchar("event_type", { length: 60 }).notNull(),
    payload: jsonb("payload").$type<TEmailPayload | TWebhookPayload>().notNull(),
    status: varchar("status", { length: 16 }).$type<TOutboxStatus>().notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true }).notNull().defaultNow(),
    lastError: text("last_error"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp("sent_at", { withTimezone: true }),
  },
  (t) => [
    index("outbox_pending_idx").on(t.nextAttemptAt).where(sql`${t.status} = 'pending'`),
    index("outbox_org_created_idx").on(t.organizationId, t.createdAt.desc()),
  ],
);

/** One outgoing webhook per organization, set by its admins. The secret signs every delivery. */
export const webhookEndpoints = pgTable("webhook_endpoints", {
  organizationId: uuid("organization_id")
    .primaryKey()
    .references(() => organizations.id, { onDelete: "cascade" }),
  url: varchar("url", { length: 2048 }).notNull(),
  secret: varchar("secret", { length: 200 }).notNull(),
  active: boolean("active").notNull().default(true),
  // The events delivered; null means every event (issue 13).
  events: text("events").array(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

/** Every delivery attempt, successful or not: the log admins read. */
export const webhookDeliveries = pgTable(
  "webhook_deliveries",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organizationId: uuid("organization_id").notNull(),
    outboxId: uuid("outbox_id")
      .notNull()
      .references(() => outboxMessages.id, { onDelete: "cascade" }),
    eventType: varchar("event_type", { length: 60 }).notNull(),
    attempt: integer("attempt").notNull(),
    statusCode: integer("status_code"),
    error: varchar("error", { length: 500 }),
    durationMs: integer("duration_ms").notNull(),
    attemptedAt: timestamp("attempted_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("webhook_deliveries_org_attempted_idx").on(t.organizationId, t.attemptedAt.desc())],
);

export type Notification = typeof notifications.$inferSelect;
export type OutboxMessage = typeof outboxMessages.$inferSelect;
export type NewOutboxMessage = typeof outboxMessages.$inferInsert;
export type WebhookEndpoint = typeof webhookEndpoints.$inferSelect;

export type TMailDeliveryOutcome = "sent" | "failed" | "withheld";

/**
 * Every attempt to deliver an e-mail of the outbox (issue 12): what the receiving server answered, the
 * error, or why the mail was withheld at send time. The recipient is the message's; no text is copied.
 */
export const mailDeliveries = pgTable(
  "mail_deliveries",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organizationId: uuid("organization_id").notNull(),
    outboxId: uuid("outbox_id")
      .notNull()
      .references(() => outboxMessages.id, { onDelete: "cascade" }),
    eventType: varchar("event_type", { length: 60 }).notNull(),
    attempt: integer("attempt").notNull(),
    outcome: varchar("outcome", { length: 16 }).$type<TMailDeliveryOutcome>().notNull(),
    // The SMTP reply line, the error, or the reason for withholding.
    detail: varchar("detail", { length: 500 }),
    durationMs: integer("duration_ms").notNull(),
    attemptedAt: timestamp("attempted_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("mail_deliveries_outbox_idx").on(t.outboxId), index("mail_deliveries_org_attempted_idx").on(t.organizationId, t.attemptedAt.desc())],
);

export type MailDelivery = typeof mailDeliveries.$inferSelect;
