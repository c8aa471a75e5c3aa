// Tags (issue 11): organization-scoped labels staff put on tickets, at most 20 per ticket. Names are
// normalised before they get here (src/domain/tags/tag-name.ts), so (organization, name) is unique.
import { foreignKey, index, pgTable, primaryKey, timestamp, unique, uuid, varchar } from "drizzle-orm/pg-core";
import { organizations } from "./organizations";
import { tickets } from "./tickets";

export const tags = pgTable(
  "tags",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organizationId: uuid("organization_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    name: varchar("name", { length: 40 }).notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    // Deleted while closed tickets still carry it (they are final and keep their tags): no longer offered
    // for autocomplete; using the name again brings it back.
    retiredAt: timestamp("retired_at", { withTimezone: true }),
  },
  (t) => [unique("tags_org_name_unique").on(t.organizationId, t.name), unique("tags_id_org_unique").on(t.id, t.organizationId)],
);

export const ticketTags = pgTable(
  "ticket_tags",
  {
    ticketId: uuid("ticket_id").notNull(),
    tagId: uuid("tag_id").notNull(),
    organizationId: uuid("organization_id").notNull(),
    // A copy of the ticket's (immutable) created_at: `?tag=` walks one index in the queue's own order
    // (newest first) and stops after a page, however many tickets carry the tag.
    ticketCreatedAt: timestamp("ticket_created_at", { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ name: "ticket_tags_pkey", columns: [t.ticketId, t.tagId] }),
    // Ticket and tag must be in the organization of the row (S20, enforced by the database too).
    foreignKey({ name: "ticket_tags_ticket_fk", columns: [t.ticketId, t.organizationId], foreignColumns: [tickets.id, tickets.organizationId] }).onDelete(
      "cascade",
    ),
    foreignKey({ name: "ticket_tags_tag_fk", columns: [t.tagId, t.organizationId], foreignColumns: [tags.id, tags.organizationId] }).onDelete("cascade"),
    // NULLS FIRST is what a plain DESC means (see tickets_org_created_idx).
    index("ticket_tags_org_tag_created_idx").on(t.organizationId, t.tagId, t.ticketCreatedAt.desc().nullsFirst(), t.ticketId.desc().nullsFirst()),
  ],
);

export type Tag = typeof tags.$inferSelect;
