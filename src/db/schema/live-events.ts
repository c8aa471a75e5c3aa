// The live event log (issue 11, migration 0018): written only by the database's own triggers at commit,
// read by the app to replay what a reconnecting stream missed. Ids only; what a client receives is
// re-read as that client (src/domain/events/).
import { bigserial, index, pgTable, text, timestamp, uuid, varchar } from "drizzle-orm/pg-core";
import type { TLiveEventKind } from "@/lib/live/kinds";

export { LIVE_EVENT_KINDS, type TLiveEventKind } from "@/lib/live/kinds";

export const liveEvents = pgTable(
  "live_events",
  {
    seq: bigserial("seq", { mode: "number" }).primaryKey(),
    organizationId: uuid("organization_id").notNull(),
    kind: varchar("kind", { length: 32 }).$type<TLiveEventKind>().notNull(),
    ticketId: uuid("ticket_id"),
    rowId: text("row_id").notNull(),
    userId: text("user_id"),
    // xid8 in the database (the writing transaction); never read by the app.
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("live_events_org_seq_idx").on(t.organizationId, t.seq)],
);

export type LiveEventRow = typeof liveEvents.$inferSelect;
