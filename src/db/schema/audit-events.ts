import { sql } from "drizzle-orm";
import { bigint, index, integer, jsonb, pgTable, text, timestamp, unique, uuid, varchar } from "drizzle-orm/pg-core";
import { organizations } from "./organizations";

/** The hash that precedes the first event of every chain. */
export const AUDIT_GENESIS_HASH = "0".repeat(64);

// Every lifecycle change and security-relevant action (D7), hash-chained per organization (S12): each
// event stores its sequence number, the previous event's hash and its own hash over a canonical
// encoding of its content. The database refuses UPDATE and DELETE on this table (see migration 0003).
export const auditEvents = pgTable(
  "audit_events",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organizationId: uuid("organization_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    seq: bigint("seq", { mode: "number" }).notNull(),
    actorId: text("actor_id"),
    action: varchar("action", { length: 80 }).notNull(),
    targetType: varchar("target_type", { length: 40 }).notNull(),
    targetId: text("target_id"),
    data: jsonb("data").$type<Record<string, unknown>>().notNull().default({}),
    ip: varchar("ip", { length: 64 }),
    userAgent: varchar("user_agent", { length: 512 }),
    // Server time, covered by the hash: the DATABASE's clock, handed out by audit_chain_next() with the
    // link (migration 0011), never the app's (the app role could otherwise backdate an event).
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    prevHash: varchar("prev_hash", { length: 64 }).notNull(),
    hash: varchar("hash", { length: 64 }).notNull(),
  },
  (t) => [
    unique("audit_events_org_seq_unique").on(t.organizationId, t.seq),
    index("audit_events_org_created_idx").on(t.organizationId, t.createdAt.desc()),
    index("audit_events_target_idx").on(t.organizationId, t.targetType, t.targetId),
    // The erasures' seals, read by the verifier before it walks (issue 14, migration 0027).
    index("audit_events_erasures_idx").on(t.organizationId, t.seq).where(sql`${t.action} = 'person.erased'`),
  ],
);

// One row per organization: the chain head. Writers lock it (UPDATE ... RETURNING) so concurrent
// writers append one after the other and the chain never forks. The anchor is where verification
// starts: the genesis, or the last event removed by retention.
export const auditChainHeads = pgTable("audit_chain_heads", {
  organizationId: uuid("organization_id")
    .primaryKey()
    .references(() => organizations.id, { onDelete: "cascade" }),
  lastSeq: bigint("last_seq", { mode: "number" }).notNull().default(0),
  lastHash: varchar("last_hash", { length: 64 }).notNull().default(AUDIT_GENESIS_HASH),
  anchorSeq: bigint("anchor_seq", { mode: "number" }).notNull().default(0),
  anchorHash: varchar("anchor_hash", { length: 64 }).notNull().default(AUDIT_GENESIS_HASH),
  retentionDays: integer("retention_days"),
  // The first event whose time the database chose (migration 0011): the verifier checks time order from
  // there; earlier events carry the app's clock. New chains start at 1.
  dbTimeFromSeq: bigint("db_time_from_seq", { mode: "number" }).notNull().default(1),
  // The time audit_chain_next() handed out and its transaction; audit_append() accepts only that time.
  nextAt: timestamp("next_at", { withTimezone: true }),
  nextXact: bigint("next_xact", { mode: "number" }),
});

export type AuditEvent = typeof auditEvents.$inferSelect;
