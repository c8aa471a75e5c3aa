// Cross-tenant on purpose: a failed sign-in names an e-mail, not an organization. To record the attempt
// in the right organization's audit chain we look the account up by its sign-in address (unique across
// tenants; pending invitees have none, so they are never the account an e-mail names). Returns only ids;
// nothing here reaches a client.
import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { db } from "./client";
import { accounts, organizations, sessions, users } from "./schema";

/** The one account that can sign in with this address (the same row Better Auth's sign-in finds), if any. */
export async function unsafeFindAccountByEmail(email: string): Promise<{ userId: string; organizationId: string } | null> {
  const [row] = await db()
    .select({ userId: users.id, organizationId: users.organizationId })
    .from(users)
    .where(eq(users.signInEmail, email.trim().toLowerCase()))
    .limit(1);
  return row ?? null;
}

/** The same, for a credential check about a known user id (password confirmation, second factor). */
export async function unsafeFindAccountById(userId: string): Promise<{ userId: string; organizationId: string } | null> {
  const [row] = await db().select({ userId: users.id, organizationId: users.organizationId }).from(users).where(eq(users.id, userId)).limit(1);
  return row ?? null;
}

/**
 * S3 (issue 9 item 13): what a new password of this user is checked against — their name and e-mail and
 * their organization's name and slug. Read by the password-policy hook, which knows only a user id.
 */
export async function unsafePasswordContextOf(userId: string): Promise<{ email: string; name: string; orgName: string | null; orgSlug: string | null } | null> {
  const [row] = await db()
    .select({ email: users.email, name: users.name, orgName: organizations.name, orgSlug: organizations.slug })
    .from(users)
    .leftJoin(organizations, eq(organizations.id, users.organizationId))
    .where(eq(users.id, userId))
    .limit(1);
  return row ?? null;
}

// Issue 9 item 5: whether a user may hold a session. Read by the auth hooks at session creation (user id
// known, organization not) and on every session read (only the session token is known).
export async function unsafeIsUserActive(userId: string): Promise<boolean> {
  const [row] = await db().select({ active: users.active }).from(users).where(eq(users.id, userId)).limit(1);
  return row?.active !== false;
}

/** The user behind a session token, when that user is deactivated; null otherwise (also for unknown tokens). */
export async function unsafeInactiveUserOfSession(token: string): Promise<string | null> {
  const [row] = await db()
    .select({ userId: users.id, active: users.active })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(eq(sessions.token, token))
    .limit(1);
  return row && row.active === false ? row.userId : null;
}

/** Ends one session (expired, or past its absolute lifetime: getActor). */
export async function unsafeDeleteSession(sessionId: string): Promise<void> {
  await db().delete(sessions).where(eq(sessions.id, sessionId));
}

/** Ends every session of a deactivated user found still holding one. */
export async function unsafeDeleteUserSessions(userId: string): Promise<void> {
  await db().delete(sessions).where(eq(sessions.userId, userId));
}

/**
 * Issue 9 item 9: the library reads an existing user's accounts after finding the user; for an unknown
 * e-mail it stops after one query. The failed sign-in of an unknown e-mail runs the same accounts query
 * (for an id that cannot exist) so both answer after the same database work.
 */
export async function unsafeAccountsQueryForTiming(): Promise<void> {
  await db().select({ id: accounts.id }).from(accounts).where(eq(accounts.userId, randomUUID())).limit(1);
}

/** The user a password-reset link may change: active, and a real account (a pending invitee has none). */
export async function unsafeResettableUser(userId: string): Promise<{ userId: string; organizationId: string; email: string } | null> {
  const [row] = await db()
    .select({ userId: users.id, organizationId: users.organizationId, email: users.email, active: users.active, pending: users.invitePending })
    .from(users)
    .where(eq(users.id, userId))
    .limit(1);
  return row?.active && !row.pending ? { userId: row.userId, organizationId: row.organizationId, email: row.email } : null;
}
