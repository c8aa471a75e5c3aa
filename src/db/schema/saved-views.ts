// Saved views (issue 11): a name and a set of queue filters. Personal views belong to their owner alone;
// shared views are seen by every staff member of the organization and changed by those allowed to.
import { boolean, foreignKey, index, jsonb, pgTable, text, timestamp, uuid, varchar } from "drizzle-orm/pg-core";
import { users } from "./auth";
import { organizations } from "./organizations";

/** The queue's own query parameters, as strings (the same names as the URL of /app). */
export type SavedViewFilters = Partial<Record<"status" | "priority" | "assignee" | "team" | "tag" | "q" | "sla" | "sort", string>>;

export const savedViews = pgTable(
  "saved_views",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organizationId: uuid("organization_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    ownerId: text("owner_id").notNull(),
    shared: boolean("shared").notNull().default(false),
    name: varchar("name", { length: 60 }).notNull(),
    filters: jsonb("filters").$type<SavedViewFilters>().notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    foreignKey({ name: "saved_views_owner_fk", columns: [t.ownerId, t.organizationId], foreignColumns: [users.id, users.organizationId] }).onDelete("cascade"),
    index("saved_views_org_owner_idx").on(t.organizationId, t.ownerId),
  ],
);

export type SavedView = typeof savedViews.$inferSelect;
