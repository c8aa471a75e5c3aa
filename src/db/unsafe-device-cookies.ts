// Device cookie rows (S1, issue 9 item 9; src/auth/device-cookie.ts decides what they mean). Cross-tenant
// on purpose: a sign-in names an e-mail, not an organization, and the cookie is looked up by its own id
// before anyone is signed in. Nothing here reaches a client; the secret is stored only as a hash.
import { and, asc, eq, lt, lte, ne, or, sql } from "drizzle-orm";
import { db } from "./client";
import { deviceCookies, users } from "./schema";

/** A cookie row with what it is checked against: its user's current state. */
export interface DeviceCookieRecord {
  id: string;
  userId: string;
  secretHash: string;
  expiresAt: Date;
  failures: number;
  /** True when the row's credential version is the user's current one. */
  currentVersion: boolean;
  userActive: boolean;
  /** The address the user signs in with (null for a pending invitee). */
  signInEmail: string | null;
}

/** One query, whoever the request names: the same database work for every e-mail (issue 9 item 9). */
export async function unsafeFindDeviceCookie(id: string): Promise<DeviceCookieRecord | null> {
  const [row] = await db()
    .select({
      id: deviceCookies.id,
      userId: deviceCookies.userId,
      secretHash: deviceCookies.secretHash,
      expiresAt: deviceCookies.expiresAt,
      failures: deviceCookies.failures,
      currentVersion: sql<boolean>`${deviceCookies.credentialVersion} = ${users.credentialVersion}`,
      userActive: users.active,
      signInEmail: users.signInEmail,
    })
    .from(deviceCookies)
    .innerJoin(users, eq(users.id, deviceCookies.userId))
    .where(eq(deviceCookies.id, id))
    .limit(1);
  return row ?? null;
}

/**
 * Records a new cookie for the user, bound to their credential version read in the same statement, and
 * keeps at most `cap` live per user: the oldest beyond it, expired ones, ones of an older version and the
 * one this browser presented (`replaces`) are dropped, in one transaction with the user row locked so
 * parallel sign-ins cannot overshoot the cap. False when the user does not exist.
 */
export async function unsafeIssueDeviceCookie(input: {
  id: string;
  userId: string;
  secretHash: string;
  at: Date;
  expiresAt: Date;
  cap: number;
  replaces: string | null;
}): Promise<boolean> {
  return db().transaction(async (tx) => {
    const [user] = await tx
      .select({ organizationId: users.organizationId, version: users.credentialVersion })
      .from(users)
      .where(eq(users.id, input.userId))
      .for("update")
      .limit(1);
    if (!user) return false;
    const mine = eq(deviceCookies.userId, input.userId);
    await tx
      .delete(deviceCookies)
      .where(
        and(
          mine,
          or(
            lte(deviceCookies.expiresAt, input.at),
            ne(deviceCookies.credentialVersion, user.version),
            input.replaces ? eq(deviceCookies.id, input.replaces) : undefined,
          ),
        ),
      );
    await tx.insert(deviceCookies).values({
      id: input.id,
      userId: input.userId,
      organizationId: user.organizationId,
      secretHash: input.secretHash,
      credentialVersion: user.version,
      createdAt: input.at,
      expiresAt: input.expiresAt,
    });
    const live = await tx.select({ id: deviceCookies.id }).from(deviceCookies).where(mine).orderBy(asc(deviceCookies.createdAt), asc(deviceCookies.id));
    const surplus = live.slice(0, Math.max(0, live.length - input.cap)).map((r) => r.id);
    for (const id of surplus) await tx.delete(deviceCookies).where(eq(deviceCookies.id, id));
    return true;
  });
}

/**
 * Takes one of the cookie's guesses before the check: atomic, so parallel guesses through one cookie
 * cannot slip past its limit. Returns the cookie's failure count including this guess, or null when its
 * budget is spent (the cookie is locked).
 */
export async function unsafeTakeDeviceGuess(id: string, max: number, at: Date): Promise<number | null> {
  const [row] = await db()
    .update(deviceCookies)
    .set({ failures: sql`${deviceCookies.failures} + 1`, lastUsedAt: at })
    .where(and(eq(deviceCookies.id, id), lt(deviceCookies.failures, max)))
    .returning({ failures: deviceCookies.failures });
  return row?.failures ?? null;
}

/** A right answer: a completed sign-in clears the cookie's count, any other gives its guess back. */
export async function unsafeDeviceGuessSucceeded(id: string, signInCompleted: boolean): Promise<void> {
  await db()
    .update(deviceCookies)
    .set({ failures: signInCompleted ? 0 : sql`greatest(${deviceCookies.failures} - 1, 0)` })
    .where(eq(deviceCookies.id, id));
}
