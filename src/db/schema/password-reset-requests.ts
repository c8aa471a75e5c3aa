// Password reset requests waiting for the worker (issue 12). The HTTP request only writes a row here and
// answers, the same for every address in the same time; the worker then asks Better Auth for a token and
// queues the e-mail when (and only when) the address belongs to an active account. Not tenant data: the
// address names no organization until the worker looks it up. Rows are deleted once handled.
import { index, pgTable, timestamp, uuid, varchar } from "drizzle-orm/pg-core";

export const passwordResetRequests = pgTable(
  "password_reset_requests",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    // Lower case, as typed otherwise; validated as an address before it is written.
    email: varchar("email", { length: 254 }).notNull(),
    ip: varchar("ip", { length: 64 }),
    userAgent: varchar("user_agent", { length: 512 }),
    requestedAt: timestamp("requested_at", { withTimezone: true }).notNull().defaultNow(),
    // Taken by a worker (SKIP LOCKED); a claim older than the lease is taken again.
    claimedAt: timestamp("claimed_at", { withTimezone: true }),
  },
  (t) => [index("password_reset_requests_requested_idx").on(t.requestedAt)],
);

export type PasswordResetRequest = typeof passwordResetRequests.$inferSelect;
