// Every e-mail of a ticket's conversation, in both directions (issue 12): the Message-ID of each mail the
// helpdesk sent for a public reply, and of each mail it took in. Outbound mail builds In-Reply-To and
// References from these rows, so mail clients thread the conversation; inbound mail finds its ticket by
// the Message-IDs its In-Reply-To/References name, and is ingested once per Message-ID per organization.
import { sql } from "drizzle-orm";
import { check, foreignKey, index, pgTable, timestamp, unique, uuid, varchar } from "drizzle-orm/pg-core";
import { outboxMessages } from "./notifications";
import { comments, tickets } from "./tickets";

export type TMailDirection = "inbound" | "outbound";

export const ticketMailMessages = pgTable(
  "ticket_mail_messages",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organizationId: uuid("organization_id").notNull(),
    ticketId: uuid("ticket_id").notNull(),
    // The comment the mail carried (outbound) or became (inbound); null for a mail that opened the ticket
    // (its text is the description) or that was not turned into a comment.
    commentId: uuid("comment_id"),
    // With its angle brackets, as it appears in the header: "<id-left@id-right>" (see domain/mail/message-id.ts).
    messageId: varchar("message_id", { length: 998 }).notNull(),
    direction: varchar("direction", { length: 8 }).$type<TMailDirection>().notNull(),
    // Outbound: the outbox row that sends (and retries) it, whose status is the delivery log.
    outboxMessageId: uuid("outbox_message_id").references(() => outboxMessages.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // One row per Message-ID per organization: the same mail twice is one ticket or comment.
    unique("ticket_mail_messages_org_message_unique").on(t.organizationId, t.messageId),
    check("ticket_mail_messages_direction_check", sql`${t.direction} IN ('inbound', 'outbound')`),
    foreignKey({
      name: "ticket_mail_messages_ticket_fk",
      columns: [t.ticketId, t.organizationId],
      foreignColumns: [tickets.id, tickets.organizationId],
    }).onDelete("cascade"),
    foreignKey({
      name: "ticket_mail_messages_comment_fk",
      columns: [t.commentId, t.organizationId],
      foreignColumns: [comments.id, comments.organizationId],
    }).onDelete("cascade"),
    index("ticket_mail_messages_ticket_idx").on(t.ticketId, t.createdAt, t.id),
    index("ticket_mail_messages_comment_idx").on(t.commentId),
  ],
);

export type TicketMailMessage = typeof ticketMailMessages.$inferSelect;
