import { boolean, foreignKey, index, integer, pgEnum, pgTable, text, timestamp, uuid, varchar } from "drizzle-orm/pg-core";
import { users } from "./auth";
import { organizations } from "./organizations";

export const exportFormat = pgEnum("export_format", ["csv", "json"]);
export const exportStatus = pgEnum("export_status", ["queued", "running", "done", "failed"]);

// S18: an organization's tickets and comments for a date range, produced by a job into private storage
// and fetched through a signed, expiring URL. The row is also the job's queue entry.
export const dataExports = pgTable(
  "data_exports",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organizationId: uuid("organization_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    requestedBy: text("requested_by").notNull(),
    format: exportFormat("format").notNull(),
    fromDate: timestamp("from_date", { withTimezone: true }).notNull(),
    toDate: timestamp("to_date", { withTimezone: true }).notNull(),
    includeInternal: boolean("include_internal").notNull().default(false),
    status: exportStatus("status").notNull().default("queued"),
    storageKey: varchar("storage_key", { length: 200 }),
    ticketCount: integer("ticket_count"),
    error: varchar("error", { length: 500 }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
  },
  (t) => [
    foreignKey({ name: "data_exports_requester_fk", columns: [t.requestedBy, t.organizationId], foreignColumns: [users.id, users.organizationId] }),
    index("data_exports_org_created_idx").on(t.organizationId, t.createdAt),
    index("data_exports_queued_idx").on(t.status, t.createdAt),
  ],
);

export type DataExport = typeof dataExports.$inferSelect;
