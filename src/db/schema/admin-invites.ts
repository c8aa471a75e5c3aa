// One-time invite links (S17): an admin creates the user without a password and the link is e-mailed to
// the invitee (issue 12), who sets a password through it once. Only a SHA-256 of the token is stored, so
// a database read does not yield a usable link. The composite key ties the invite to a user of the same organization.
import { foreignKey, index, pgTable, text, timestamp, uuid, varchar } from "drizzle-orm/pg-core";
import { users } from "./auth";

export const adminInvites = pgTable(
  "admin_invites",
  {
    tokenHash: varchar("token_hash", { length: 64 }).primaryKey(),
    organizationId: uuid("organization_id").notNull(),
    userId: text("user_id").notNull(),
    // The address the link was sent to (lower case): acceptance requires the user to still have it, so a
    // link proves ownership of exactly that address in exactly that organization (issue 12, F2).
    email: varchar("email", { length: 254 }).notNull(),
    createdBy: text("created_by"),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    usedAt: timestamp("used_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    foreignKey({ name: "admin_invites_user_fk", columns: [t.userId, t.organizationId], foreignColumns: [users.id, users.organizationId] }).onDelete("cascade"),
    index("admin_invites_user_idx").on(t.userId),
  ],
);

export type AdminInvite = typeof adminInvites.$inferSelect;
