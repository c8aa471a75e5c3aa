// Tables Better Auth reads and writes (user, session, account, verification), with our tenant fields on
// users. Users are never created by self sign-up: the seed and the admin area create them in an organization.
import { sql } from "drizzle-orm";
import { boolean, check, foreignKey, index, integer, pgTable, primaryKey, text, timestamp, unique, uniqueIndex, uuid, varchar } from "drizzle-orm/pg-core";
import { userRole } from "./enums";
import { organizations } from "./organizations";

export const users = pgTable(
  "users",
  {
    id: text("id").primaryKey(),
    name: varchar("name", { length: 120 }).notNull(),
    // The address as the organization knows it: unique inside the organization (users_org_email_unique),
    // not across organizations — each may have its own pending invite for it (issue 9 item 13).
    email: varchar("email", { length: 254 }).notNull(),
    emailVerified: boolean("email_verified").notNull().default(false),
    image: text("image"),
    role: userRole("role").notNull().default("requester"),
    organizationId: uuid("organization_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    active: boolean("active").notNull().default(true),
    twoFactorEnabled: boolean("two_factor_enabled").notNull().default(false),
    // An invited user who has not set a password yet (S17). Cleared when the invite is accepted.
    invitePending: boolean("invite_pending").notNull().default(false),
    // What the user's device cookies are bound to (issue 9 item 9): bumped by the database itself when the
    // password, the MFA setting (off), the active flag (off) or the address changes (migration 0017).
    // Never written by code.
    credentialVersion: integer("credential_version").notNull().default(0),
    // The address Better Auth signs in with (its `email` field maps here): none while the invite is
    // pending, so a pending invitee is never found by sign-in, and unique across all organizations, so
    // exactly one account can sign in with an address. Computed by the database, never written.
    signInEmail: varchar("sign_in_email", { length: 254 })
      .generatedAlwaysAs(sql`CASE WHEN invite_pending THEN NULL ELSE lower(email) END`)
      .unique("users_sign_in_email_unique"),
    // Issue 14: when the person was erased; the row stays (tickets and comments point at it) with no
    // name, address or credentials left.
    erasedAt: timestamp("erased_at", { withTimezone: true }),
    // Issue 13: the person's own time zone (IANA), locale (BCP 47) and theme ("light" | "dark"); null =
    // not chosen, so the organization's default and then the browser's apply (src/lib/preferences.ts).
    timeZone: varchar("time_zone", { length: 64 }),
    locale: varchar("locale", { length: 35 }),
    theme: varchar("theme", { length: 8 }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check("users_theme_check", sql`${t.theme} IN ('light', 'dark')`),
    // Lets other tables reference (user, organization) together, so the database itself refuses a
    // ticket whose assignee belongs to another tenant (S20, defence in depth behind the domain checks).
    unique("users_id_org_unique").on(t.id, t.organizationId),
    uniqueIndex("users_org_email_unique").on(t.organizationId, sql`lower(${t.email})`),
    index("users_org_role_idx").on(t.organizationId, t.role),
  ],
);

export const sessions = pgTable(
  "sessions",
  {
    id: text("id").primaryKey(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    token: text("token").notNull().unique(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    ipAddress: text("ip_address"),
    userAgent: text("user_agent"),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
  },
  (t) => [index("sessions_user_idx").on(t.userId)],
);

export const accounts = pgTable(
  "accounts",
  {
    id: text("id").primaryKey(),
    accountId: text("account_id").notNull(),
    providerId: text("provider_id").notNull(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    accessToken: text("access_token"),
    refreshToken: text("refresh_token"),
    idToken: text("id_token"),
    accessTokenExpiresAt: timestamp("access_token_expires_at", { withTimezone: true }),
    refreshTokenExpiresAt: timestamp("refresh_token_expires_at", { withTimezone: true }),
    scope: text("scope"),
    password: text("password"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("accounts_user_idx").on(t.userId)],
);

export const verifications = pgTable("verifications", {
  id: text("id").primaryKey(),
  identifier: text("identifier").notNull(),
  value: text("value").notNull(),
  expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

// TOTP secrets and hashed backup codes of the Better Auth two-factor plugin (S2).
export const twoFactors = pgTable(
  "two_factors",
  {
    id: text("id").primaryKey(),
    secret: text("secret").notNull(),
    backupCodes: text("backup_codes").notNull(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    verified: boolean("verified").default(true),
    failedVerificationCount: integer("failed_verification_count").default(0),
    lockedUntil: timestamp("locked_until", { withTimezone: true }),
  },
  (t) => [index("two_factors_user_idx").on(t.userId), index("two_factors_secret_idx").on(t.secret)],
);

// TOTP codes already accepted, so that a code cannot be used twice within its validity window (S2):
// the library alone accepts the same code again. Rows expire after the window.
export const usedTotpCodes = pgTable(
  "used_totp_codes",
  {
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    codeHash: text("code_hash").notNull(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.codeHash] }), index("used_totp_codes_expires_idx").on(t.expiresAt)],
);

// OWASP device cookies (S1, issue 9 item 9): one row per cookie a completed sign-in issued. The cookie
// carries the id and a secret whose hash is kept here; the row binds it to the user and the credential
// version of that moment and counts the cookie's own failed checks. src/auth/device-cookie.ts.
export const deviceCookies = pgTable(
  "device_cookies",
  {
    id: varchar("id", { length: 32 }).primaryKey(),
    userId: text("user_id").notNull(),
    organizationId: uuid("organization_id").notNull(),
    secretHash: varchar("secret_hash", { length: 64 }).notNull(),
    credentialVersion: integer("credential_version").notNull(),
    failures: integer("failures").notNull().default(0),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    lastUsedAt: timestamp("last_used_at", { withTimezone: true }),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
  },
  (t) => [
    foreignKey({ name: "device_cookies_user_fk", columns: [t.userId, t.organizationId], foreignColumns: [users.id, users.organizationId] }).onDelete("cascade"),
    index("device_cookies_user_created_idx").on(t.userId, t.createdAt),
    check("device_cookies_failures_check", sql`${t.failures} >= 0`),
  ],
);

export type User = typeof users.$inferSelect;
export type NewUser = typeof users.$inferInsert;
