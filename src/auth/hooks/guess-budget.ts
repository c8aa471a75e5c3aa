// One guess budget per account, whichever door checks its secret (S1, issue 9 items 2 and 9). Before,
// sign-in counted per hashed e-mail, the endpoints that check a signed-in user's password or code per
// user id, and a device cookie per nonce: an attacker had 5 + 5 + 5 guesses per window at one password.
// Now every check of an account's password, TOTP or recovery code — sign-in, the second step of a
// two-factor sign-in, change-password, verify-password, two-factor enable/disable/get-totp-uri/… —
// counts in sign_in.account, keyed by the hashed e-mail, unless the client presents a device cookie.
// OWASP device cookies (device-cookie.ts): a browser that completed a sign-in as this user holds a
// cookie with its own budget, one across doors, so no one can lock the user out of their own browser.
// Its failures lock only that cookie, not the account (OWASP: "lock the device cookie"); a locked,
// dropped, outdated (password changed, MFA reset, deactivated), expired, forged or other user's cookie
// grants nothing: that client is judged as an unknown client, by the account's and the address's budgets.
import { createHash } from "node:crypto";
import { addressBucket } from "@/http/client-address";
import { unsafeDeviceGuessSucceeded, unsafeTakeDeviceGuess } from "@/db/unsafe-device-cookies";
import { now } from "@/lib/clock";
import { env } from "@/lib/env";
import { consume, type LimitDecision, refund, reset } from "@/lib/rate-limit/limiter";
import type { PolicyName } from "@/lib/rate-limit/policies";
import { type DeviceCookie, deviceCookieName, genuineDeviceCookie } from "../device-cookie";
import { pendingOrSessionUser, type HookCtx } from "./auth-user";

export const SIGN_IN = "/sign-in/email";
/**
 * Endpoints that check the signed-in (or half-signed-in) user's password or second factor — every one
 * the library has, whether the HTTP door allows it or not (issue 9 item 2: refused endpoints stay
 * throttled for server-side callers). tests/integration/auth-endpoints.test.ts keeps this list complete.
 */
export const USER_CREDENTIAL_PATHS: ReadonlySet<string> = new Set([
  "/change-password",
  "/verify-password",
  "/delete-user",
  "/two-factor/enable",
  "/two-factor/disable",
  "/two-factor/get-totp-uri",
  "/two-factor/generate-backup-codes",
  "/two-factor/verify-totp",
  "/two-factor/verify-backup-code",
  "/two-factor/verify-otp",
]);

/** Counters are keyed by a hash: e-mail addresses never land in Redis keys or logs. */
export function accountKey(email: unknown): string {
  const normalized = typeof email === "string" ? email.trim().toLowerCase() : "";
  return createHash("sha256").update(normalized).digest("hex").slice(0, 32);
}

/** Whose secret a request checks: the budget key, and the user id when the door knows it. */
export interface Guess {
  account: string;
  userId: string | null;
  /**
   * A genuine device cookie of this very account, else null (an unknown client). takeGuess sets it to
   * null when the cookie's budget is spent: from then on the request is an unknown client's.
   */
  device: DeviceCookie | null;
  ip: string | null;
}

/** The presented device cookie when it is genuine and this account's (by user id, or by sign-in address). */
async function deviceOf(ctx: HookCtx, account: string, userId: string | null): Promise<DeviceCookie | null> {
  const device = await genuineDeviceCookie(ctx.getCookie(deviceCookieName()));
  if (!device) return null;
  const mine = userId !== null ? device.userId === userId : device.signInEmail !== null && accountKey(device.signInEmail) === account;
  return mine ? device : null;
}

/** The guess a request makes, or null when its path checks no secret (or names no account). */
export async function guessOf(ctx: HookCtx, ip: string | null): Promise<Guess | null> {
  let account: string;
  let userId: string | null = null;
  if (ctx.path === SIGN_IN) {
    // From the body, with no lookup: existing and unknown e-mails cost the same (issue 9 item 9). A device
    // cookie is looked up by its own id, whatever e-mail the body names.
    account = accountKey((ctx.body as { email?: unknown } | undefined)?.email);
  } else if (USER_CREDENTIAL_PATHS.has(ctx.path)) {
    const user = await pendingOrSessionUser(ctx);
    if (!user) return null; // the endpoint itself refuses a request without a session or pending sign-in
    account = accountKey(user.email);
    userId = user.id;
  } else {
    return null;
  }
  return { account, userId, device: await deviceOf(ctx, account, userId), ip };
}

export type Refusal = { policy: PolicyName; key: string; d: LimitDecision };

/** Failed checks a device cookie survives: S1's number, but for the cookie's life, not per window. */
export const deviceCookieBudget = () => env().SIGN_IN_MAX_FAILURES;

/**
 * Takes one point before the check (atomic, so parallel guesses cannot slip through). A device-cookie
 * client is judged by its own budget; once that is spent (the cookie is locked) and for every other
 * client, by the account's and the address's.
 */
export async function takeGuess(g: Guess): Promise<Refusal | null> {
  if (g.device) {
    const failures = await unsafeTakeDeviceGuess(g.device.id, deviceCookieBudget(), now());
    if (failures !== null) {
      g.device.failures = failures;
      return null;
    }
    g.device = null;
  }
  // Counted per address bucket: an IPv6 client rotating through its /64 stays one client (issue 9 item 4).
  const bucket = g.ip ? addressBucket(g.ip) : null;
  const [byIp, byAccount] = await Promise.all([bucket ? consume("sign_in.ip", bucket) : null, consume("sign_in.account", g.account)]);
  if (bucket && byIp && !byIp.allowed) return { policy: "sign_in.ip", key: bucket, d: byIp };
  return byAccount.allowed ? null : { policy: "sign_in.account", key: g.account, d: byAccount };
}

/** After a failed check: true when it was the device cookie's last guess (the cookie is now locked). */
export function deviceLockedBy(g: Guess): boolean {
  return g.device !== null && g.device.failures >= deviceCookieBudget();
}

/**
 * A right answer is no guess. A completed sign-in (a new session) clears the budget that was asked;
 * any other right answer — the password step of a two-factor sign-in, a confirmation while signed in —
 * only gives its point back, so it cannot wipe out failed second-factor guesses.
 */
export async function guessSucceeded(g: Guess, signInCompleted: boolean): Promise<void> {
  if (g.device) {
    await unsafeDeviceGuessSucceeded(g.device.id, signInCompleted);
    return;
  }
  await Promise.all([
    g.ip ? refund("sign_in.ip", addressBucket(g.ip)) : null,
    signInCompleted ? reset("sign_in.account", g.account) : refund("sign_in.account", g.account),
  ]);
}
