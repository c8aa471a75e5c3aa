// OWASP "Slow down online guessing attacks with device cookies" (issue 9 item 9, S1). A browser that
// completed a sign-in as a user holds a device cookie for that user; at every door that checks that
// user's password or second factor it is judged by the cookie's own budget, never by the account's or
// the address's, so an attacker cannot lock the legitimate user out of their own browser
// (hooks/guess-budget.ts).
// The cookie is stateful: "<id>.<secret>", random, and a row in device_cookies (db/unsafe-device-cookies.ts)
// holds the secret's hash, the user, the user's credential version when it was issued and the cookie's
// failed checks. So, unlike the signed stateless cookie before:
// - a cookie is worth something only while its row lives: at most DEVICE_COOKIES_PER_USER per user (the
//   oldest dropped), so knowing the password once buys a bounded number of them, not 5 guesses × N;
// - a password change or reset, MFA turned off, deactivation or a new address bumps the user's credential
//   version (in the database, migration 0017): every cookie issued before grants nothing;
// - its budget is SIGN_IN_MAX_FAILURES failed checks, not per window: once spent the cookie is locked for
//   good (only a new sign-in earns a new one), so a replayed or stolen cookie never gets a fresh budget.
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { unsafeFindDeviceCookie, unsafeIssueDeviceCookie } from "@/db/unsafe-device-cookies";
import { now } from "@/lib/clock";
import { isProduction } from "@/lib/env";

export const DEVICE_COOKIE_MAX_AGE_SEC = 60 * 60 * 24 * 365;
/** Live device cookies per user: one per browser the user signs in with, and then some. */
export const DEVICE_COOKIES_PER_USER = 10;

/** `__Host-` in production, like the session cookie (Secure, Path=/, no Domain). */
export function deviceCookieName(production = isProduction()): string {
  return `${production ? "__Host-" : ""}helpdesk.device`;
}

export function deviceCookieAttributes(production = isProduction()) {
  return { httpOnly: true, sameSite: "lax" as const, secure: production, path: "/", maxAge: DEVICE_COOKIE_MAX_AGE_SEC };
}

/** 16 random bytes of id, 32 of secret, base64url: nothing else is a device cookie. */
const VALUE = /^([A-Za-z0-9_-]{22})\.([A-Za-z0-9_-]{43})$/;

const hashSecret = (secret: string) => createHash("sha256").update(secret).digest("hex");

/** The row id a cookie value names (well-formed or not genuine), else null. */
export function deviceCookieId(value: string | null | undefined): string | null {
  return (value && VALUE.exec(value)?.[1]) || null;
}

/**
 * A new device cookie for the user, recorded with their current credential version; the cookie the
 * browser presented (if any) is replaced. Null when the user no longer exists.
 */
export async function issueDeviceCookie(userId: string, presented: string | null | undefined): Promise<string | null> {
  const id = randomBytes(16).toString("base64url");
  const secret = randomBytes(32).toString("base64url");
  const at = now();
  const issued = await unsafeIssueDeviceCookie({
    id,
    userId,
    secretHash: hashSecret(secret),
    at,
    expiresAt: new Date(at.getTime() + DEVICE_COOKIE_MAX_AGE_SEC * 1000),
    cap: DEVICE_COOKIES_PER_USER,
    replaces: deviceCookieId(presented),
  });
  return issued ? `${id}.${secret}` : null;
}

/** A genuine device cookie: whose it is, and its failed checks so far. */
export interface DeviceCookie {
  id: string;
  userId: string;
  signInEmail: string | null;
  failures: number;
}

/**
 * The cookie when it is genuine and still good: its row exists (not dropped), the secret matches, it has
 * not expired, it was issued under the user's current credential version and the user is active. Null
 * for anything else — the caller treats that client as unknown. Whether it is the right user's is the
 * caller's question (guess-budget.ts). A locked cookie is still returned: taking a guess refuses it.
 */
export async function genuineDeviceCookie(value: string | null | undefined): Promise<DeviceCookie | null> {
  if (!value || value.length > 100) return null;
  const parts = VALUE.exec(value);
  if (!parts) return null;
  const record = await unsafeFindDeviceCookie(parts[1]!);
  if (!record) return null;
  const given = Buffer.from(hashSecret(parts[2]!), "hex");
  const stored = Buffer.from(record.secretHash, "hex");
  if (given.length !== stored.length || !timingSafeEqual(given, stored)) return null;
  if (record.expiresAt.getTime() <= now().getTime() || !record.currentVersion || !record.userActive) return null;
  return { id: record.id, userId: record.userId, signInEmail: record.signInEmail, failures: record.failures };
}
