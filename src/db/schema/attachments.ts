// Files attached to tickets and comments (D5, S11). A row is written only after the bytes passed the type
// checks; it becomes visible (listed, downloadable) only once clamd said `clean`. Infected files stay as
// rows for the record but their bytes live in quarantine, never in normal storage.
import { sql } from "drizzle-orm";
import { boolean, foreignKey, index, integer, pgEnum, pgTable, text, timestamp, unique, uuid, varchar } from "drizzle-orm/pg-core";
import { users } from "./auth";
import { comments, tickets } from "./tickets";

export const attachmentStatus = pgEnum("attachment_status", ["pending_scan", "clean", "infected", "failed"]);
export const ATTACHMENT_STATUSES = attachmentStatus.enumValues;
export type TAttachmentStatus = (typeof ATTACHMENT_STATUSES)[number];

export const attachments = pgTable(
  "attachments",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organizationId: uuid("organization_id").notNull(),
    ticketId: uuid("ticket_id").notNull(),
    commentId: uuid("comment_id"),
    uploaderId: text("uploader_id").notNull(),
    // Sanitised display name; never used as a storage path.
    filename: varchar("filename", { length: 160 }).notNull(),
    // Decided from the bytes and the extension together, never from the client's Content-Type.
    mimeType: varchar("mime_type", { length: 80 }).notNull(),
    sizeBytes: integer("size_bytes").notNull(),
    sha256: varchar("sha256", { length: 64 }).notNull(),
    // Random, unrelated to the name or the ticket: knowing one key tells nothing about another.
    storageKey: varchar("storage_key", { length: 80 }).notNull().unique(),
    status: attachmentStatus("status").notNull().default("pending_scan"),
    scanResult: varchar("scan_result", { length: 200 }),
    scannedAt: timestamp("scanned_at", { withTimezone: true }),
    scanAttempts: integer("scan_attempts").notNull().default(0),
    // Attachments of internal notes are staff-only, like the note itself (D4).
    internal: boolean("internal").notNull().default(false),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique("attachments_id_org_unique").on(t.id, t.organizationId),
    // Ticket and uploader must be in the attachment's organization (S10/S20, enforced by the database too).
    foreignKey({ name: "attachments_ticket_fk", columns: [t.ticketId, t.organizationId], foreignColumns: [tickets.id, tickets.organizationId] }).onDelete(
      "cascade",
    ),
    foreignKey({ name: "attachments_uploader_fk", columns: [t.uploaderId, t.organizationId], foreignColumns: [users.id, users.organizationId] }),
    // comments has no (id, ticket_id, organization_id) key to reference; scoped() checks that the comment
    // belongs to the same ticket (and therefore organization) in its WHERE clause.
    foreignKey({ name: "attachments_comment_fk", columns: [t.commentId], foreignColumns: [comments.id] }).onDelete("cascade"),
    index("attachments_ticket_created_idx").on(t.ticketId, t.createdAt),
    // The retry job looks for pending scans across tenants, oldest first.
    index("attachments_pending_idx").on(t.createdAt).where(sql`${t.status} = 'pending_scan'`),
  ],
);

// Single-use download tokens: only a SHA-256 of the token is stored, so a database read does not yield
// usable links. Bound to the user it was issued to and to the attachment's organization.
export const attachmentDownloadTokens = pgTable(
  "attachment_download_tokens",
  {
    tokenHash: varchar("token_hash", { length: 64 }).primaryKey(),
    attachmentId: uuid("attachment_id").notNull(),
    organizationId: uuid("organization_id").notNull(),
    userId: text("user_id").notNull(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    usedAt: timestamp("used_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    foreignKey({
      name: "attachment_tokens_attachment_fk",
      columns: [t.attachmentId, t.organizationId],
      foreignColumns: [attachments.id, attachments.organizationId],
    }).onDelete("cascade"),
    foreignKey({ name: "attachment_tokens_user_fk", columns: [t.userId, t.organizationId], foreignColumns: [users.id, users.organizationId] }).onDelete(
      "cascade",
    ),
    index("attachment_tokens_expires_idx").on(t.expiresAt),
  ],
);

export type Attachment = typeof attachments.$inferSelect;
export type NewAttachment = typeof attachments.$inferInsert;
