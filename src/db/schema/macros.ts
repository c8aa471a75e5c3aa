// Macros / canned replies (issue 11): a name, a Markdown body with a fixed set of placeholders, and the
// ticket fields applying it sets. Shared macros (owner_id NULL) belong to the organization and are managed
// by admins; personal ones belong to one staff member and are visible to nobody else.
import { foreignKey, jsonb, pgTable, text, timestamp, unique, uuid, varchar } from "drizzle-orm/pg-core";
import { users } from "./auth";
import type { TTicketPriority, TTicketStatus } from "./enums";
import { organizations } from "./organizations";

/**
 * The field changes a macro carries. A missing key leaves the field alone; `null` clears it (unassign, no
 * team); "me" is whoever applies the macro. Ids are re-checked by the normal PATCH when applied.
 */
export interface MacroChanges {
  status?: TTicketStatus;
  priority?: TTicketPriority;
  assigneeId?: string | null;
  teamId?: string | null;
}

export const macros = pgTable(
  "macros",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organizationId: uuid("organization_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    // NULL: shared with the organization. Otherwise the one staff member who sees and edits it.
    ownerId: text("owner_id"),
    name: varchar("name", { length: 100 }).notNull(),
    bodyMd: text("body_md").notNull(),
    changes: jsonb("changes").$type<MacroChanges>().notNull().default({}),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // One name per owner (and one per organization among shared macros: NULLS NOT DISTINCT). It also serves
    // the picker's query (organization, then shared or own).
    unique("macros_owner_name_unique").on(t.organizationId, t.ownerId, t.name).nullsNotDistinct(),
    // The owner lives in the macro's organization (S20, enforced by the database too).
    foreignKey({ name: "macros_owner_fk", columns: [t.ownerId, t.organizationId], foreignColumns: [users.id, users.organizationId] }).onDelete("cascade"),
  ],
);

export type Macro = typeof macros.$inferSelect;
