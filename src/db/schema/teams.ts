import { foreignKey, pgTable, primaryKey, text, timestamp, unique, uuid, varchar } from "drizzle-orm/pg-core";
import { users } from "./auth";
import { organizations } from "./organizations";

export const teams = pgTable(
  "teams",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organizationId: uuid("organization_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    name: varchar("name", { length: 100 }).notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique("teams_org_name_unique").on(t.organizationId, t.name), unique("teams_id_org_unique").on(t.id, t.organizationId)],
);

export const teamMembers = pgTable(
  "team_members",
  {
    teamId: uuid("team_id").notNull(),
    userId: text("user_id").notNull(),
    organizationId: uuid("organization_id").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.teamId, t.userId] }),
    // Both sides must be in the same organization as the membership row.
    foreignKey({ columns: [t.teamId, t.organizationId], foreignColumns: [teams.id, teams.organizationId] }).onDelete("cascade"),
    foreignKey({ columns: [t.userId, t.organizationId], foreignColumns: [users.id, users.organizationId] }).onDelete("cascade"),
  ],
);

export type Team = typeof teams.$inferSelect;
