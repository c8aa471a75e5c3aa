// The e-mail channel, inbound side (issue 12). Mail reaches an organization through one of its mailboxes
// (polled over IMAP, or delivered to the app's own SMTP listener for the mailbox's address), is kept raw
// in inbound_mails (one row per organization and Message-ID: the same mail twice is one row, decided by
// the unique index), and a job turns it into a ticket or a comment, ignores it (auto-reply, bounce, loop)
// or holds it for review (held_mails). ticket_mail_messages (shared with the outbound side) maps
// Message-IDs to tickets for threading.
import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  check,
  customType,
  foreignKey,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
  varchar,
} from "drizzle-orm/pg-core";
import { users } from "./auth";
import { organizations } from "./organizations";

const bytea = customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => "bytea" });

/** Who may open a ticket by e-mail (issue 12): anyone, addresses of the listed domains, or existing users. */
export const mailAcceptance = pgEnum("mail_acceptance", ["anyone", "known_domains", "existing_users"]);
export const MAIL_ACCEPTANCE = mailAcceptance.enumValues;
export type TMailAcceptance = (typeof MAIL_ACCEPTANCE)[number];

export const mailboxes = pgTable(
  "mailboxes",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organizationId: uuid("organization_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    // The support address customers write to. Unique within the organization only: the SMTP listener
    // routes a recipient to the mailbox whose organization has verified the address's domain (mailDomains).
    address: varchar("address", { length: 254 }).notNull(),
    // IMAP polling; all null for an address that only receives through the SMTP listener.
    imapHost: varchar("imap_host", { length: 253 }),
    imapPort: integer("imap_port"),
    imapTls: boolean("imap_tls").notNull().default(true),
    imapUser: varchar("imap_user", { length: 254 }),
    // AES-256-GCM (src/lib/secret-box.ts), bound to this row's id: never returned, logged or audited.
    imapPasswordEnc: text("imap_password_enc"),
    imapFolder: varchar("imap_folder", { length: 200 }).notNull().default("INBOX"),
    active: boolean("active").notNull().default(true),
    // Where the last poll stopped: UIDs are only comparable within one UIDVALIDITY.
    imapUidValidity: bigint("imap_uid_validity", { mode: "number" }),
    imapLastUid: bigint("imap_last_uid", { mode: "number" }),
    lastPollAt: timestamp("last_poll_at", { withTimezone: true }),
    lastPollOk: boolean("last_poll_ok"),
    // The last poll's result in words ("3 new messages", "The server refused the user name or password").
    lastPollMessage: varchar("last_poll_message", { length: 500 }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique("mailboxes_id_org_unique").on(t.id, t.organizationId),
    uniqueIndex("mailboxes_org_address_unique").on(t.organizationId, sql`lower(${t.address})`),
    index("mailboxes_address_idx").on(sql`lower(${t.address})`),
    index("mailboxes_org_idx").on(t.organizationId),
  ],
);

/**
 * Domains an organization tried to prove by DNS (a TXT record at `_helpdesk-verification.<domain>`), ASCII
 * (punycode), lower case, no trailing dot. `verifiedAt` is set while the record holds; at most one
 * organization has a domain verified (the partial unique index; overlaps are refused when verifying).
 */
export const mailDomains = pgTable(
  "mail_domains",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organizationId: uuid("organization_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    domain: varchar("domain", { length: 253 }).notNull(),
    verifiedAt: timestamp("verified_at", { withTimezone: true }),
    lastCheckedAt: timestamp("last_checked_at", { withTimezone: true }),
    // The last check's result in words ("No TXT record at _helpdesk-verification.example.com yet").
    lastCheckMessage: varchar("last_check_message", { length: 500 }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique("mail_domains_org_domain_unique").on(t.organizationId, t.domain),
    uniqueIndex("mail_domains_verified_unique").on(t.domain).where(sql`${t.verifiedAt} is not null`),
    check("mail_domains_ascii_lower", sql`${t.domain} = lower(${t.domain}) AND ${t.domain} ~ '^[a-z0-9.-]+$'`),
  ],
);

/** One row per organization that changed its settings; absent = the defaults below. */
export const mailSettings = pgTable("mail_settings", {
  organizationId: uuid("organization_id")
    .primaryKey()
    .references(() => organizations.id, { onDelete: "cascade" }),
  acceptance: mailAcceptance("acceptance").notNull().default("anyone"),
  // Lower-case domains for `known_domains` (e.g. "customer.example").
  knownDomains: text("known_domains").array().notNull().default(sql`'{}'::text[]`),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

export type TInboundStatus = "pending" | "processing" | "done" | "ignored" | "held" | "failed";
export type TInboundSource = "imap" | "smtp";

export const inboundMails = pgTable(
  "inbound_mails",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organizationId: uuid("organization_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    mailboxId: uuid("mailbox_id").references(() => mailboxes.id, { onDelete: "set null" }),
    source: varchar("source", { length: 8 }).$type<TInboundSource>().notNull(),
    // Normalised (no angle brackets, lower case); a mail without one gets `sha256-<hex>@no-message-id`.
    messageId: varchar("message_id", { length: 998 }).notNull(),
    fromAddress: varchar("from_address", { length: 254 }),
    subject: varchar("subject", { length: 300 }),
    // What the sending server said (SMTP listener); null for IMAP, where the headers are all there is.
    envelopeFrom: varchar("envelope_from", { length: 254 }),
    // The recipients the listener accepted for this organization (a reply address among them threads).
    envelopeTo: text("envelope_to").array(),
    remoteIp: varchar("remote_ip", { length: 64 }),
    helo: varchar("helo", { length: 255 }),
    // The message as received, for audit; emptied after MAIL_RAW_RETENTION_DAYS (the row stays, so the
    // Message-ID still deduplicates a late re-delivery).
    raw: bytea("raw"),
    sizeBytes: integer("size_bytes").notNull(),
    sha256: varchar("sha256", { length: 64 }).notNull(),
    status: varchar("status", { length: 16 }).$type<TInboundStatus>().notNull().default("pending"),
    // Why it ended as it did, in words (ignored: "auto-reply (Auto-Submitted: auto-replied)").
    outcome: varchar("outcome", { length: 500 }),
    ticketId: uuid("ticket_id"),
    commentId: uuid("comment_id"),
    attempts: integer("attempts").notNull().default(0),
    // While `processing`: until when the worker that claimed it owns it (a crashed worker's row is taken again).
    leasedUntil: timestamp("leased_until", { withTimezone: true }),
    // SPF, DKIM and DMARC verdicts (mailauth), kept for the held-mail review and audit.
    authResults: jsonb("auth_results").$type<Record<string, unknown>>(),
    receivedAt: timestamp("received_at", { withTimezone: true }).notNull().defaultNow(),
    processedAt: timestamp("processed_at", { withTimezone: true }),
    rawPrunedAt: timestamp("raw_pruned_at", { withTimezone: true }),
  },
  (t) => [
    unique("inbound_mails_org_message_unique").on(t.organizationId, t.messageId),
    unique("inbound_mails_id_org_unique").on(t.id, t.organizationId),
    index("inbound_mails_pending_idx").on(t.receivedAt).where(sql`${t.status} in ('pending', 'processing')`),
    // The per-address loop limit counts one sender's recent mails.
    index("inbound_mails_sender_idx").on(t.organizationId, sql`lower(${t.fromAddress})`, t.receivedAt),
    index("inbound_mails_retention_idx").on(t.receivedAt).where(sql`${t.rawPrunedAt} is null`),
  ],
);

export type THeldReason = "dmarc_fail" | "staff_sender";
export type THeldStatus = "held" | "accepted" | "dropped";

/** Mail not attached to anything until an agent decides (issue 12): forged-looking senders. */
export const heldMails = pgTable(
  "held_mails",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organizationId: uuid("organization_id").notNull(),
    inboundMailId: uuid("inbound_mail_id").notNull(),
    reason: varchar("reason", { length: 40 }).$type<THeldReason>().notNull(),
    reasonText: varchar("reason_text", { length: 500 }).notNull(),
    fromAddress: varchar("from_address", { length: 254 }),
    subject: varchar("subject", { length: 300 }),
    status: varchar("status", { length: 16 }).$type<THeldStatus>().notNull().default("held"),
    decidedBy: text("decided_by"),
    decidedAt: timestamp("decided_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique("held_mails_inbound_unique").on(t.inboundMailId),
    foreignKey({
      name: "held_mails_inbound_fk",
      columns: [t.inboundMailId, t.organizationId],
      foreignColumns: [inboundMails.id, inboundMails.organizationId],
    }).onDelete("cascade"),
    foreignKey({ name: "held_mails_decider_fk", columns: [t.decidedBy, t.organizationId], foreignColumns: [users.id, users.organizationId] }),
    index("held_mails_org_status_idx").on(t.organizationId, t.status, t.createdAt.desc()),
  ],
);

export type Mailbox = typeof mailboxes.$inferSelect;
export type NewMailbox = typeof mailboxes.$inferInsert;
export type MailSettings = typeof mailSettings.$inferSelect;
export type MailDomain = typeof mailDomains.$inferSelect;
export type InboundMail = typeof inboundMails.$inferSelect;
export type HeldMail = typeof heldMails.$inferSelect;
