// One guess budget per account, whichever door checks its secret (S1, issue 9 items 2 and 9). Before,
// sign-in counted per hashed e-mail, the endpoints that check a signed-in user's password or code per
// user id, and a device cookie per nonce: an attacker had 5 + 5 + 5 guesses per window at one password.
// Now every check of an account's password, TOTP or recovery code — sign-in, the second step of a
// two-factor sign-in, change-password, verify-password, two-factor enable/disable/get-totp-uri/… —
// counts in sign_in.account, keyed by the hashed e-mail (the same key the device cookie is bound to).
// OWASP device cookies: a browser that completed a sign-in as this user before is judged by its own
// budget (sign_in.device, one across doors) at every door, so no one can lock the user out of their own
// browser. Its failures still count in the account's budget: guesses through a stolen device cookie lock
// out every client without it. What such a thief keeps is the cookie's own 5 per window (the residual
// OWASP accepts; 10 in all if they first spend the account's budget from elsewhere).
import { createHash } from "node:crypto";
import { addressBucket } from "@/http/client-address";
import { consume, type LimitDecision, refund, reset } from "@/lib/rate-limit/limiter";
import type { PolicyName } from "@/lib/rate-limit/policies";
import { deviceCookieName, deviceNonceFor } from "../device-cookie";
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
  /** The nonce of a genuine device cookie bound to this account, else null (an unknown client). */
  device: string | null;
  ip: string | null;
}

/** The guess a request makes, or null when its path checks no secret (or names no account). */
export async function guessOf(ctx: HookCtx, ip: string | null): Promise<Guess | null> {
  let account: string;
  let userId: string | null = null;
  if (ctx.path === SIGN_IN) {
    // From the body, with no lookup: existing and unknown e-mails cost the same (issue 9 item 9).
    account = accountKey((ctx.body as { email?: unknown } | undefined)?.email);
  } else if (USER_CREDENTIAL_PATHS.has(ctx.path)) {
    const user = await pendingOrSessionUser(ctx);
    if (!user) return null; // the endpoint itself refuses a request without a session or pending sign-in
    account = accountKey(user.email);
    userId = user.id;
  } else {
    return null;
  }
  const device = deviceNonceFor(ctx.getCookie(deviceCookieName()), account);
  return { account, userId, device, ip };
}

export type Refusal = { policy: PolicyName; key: string; d: LimitDecision };

/**
 * Takes one point before the check (atomic, so parallel guesses cannot slip through). A device-cookie
 * client is refused only by its own budget; an unknown client by the account's or its address's.
 */
export async function takeGuess(g: Guess): Promise<Refusal | null> {
  if (g.device) {
    const byDevice = await consume("sign_in.device", g.device);
    return byDevice.allowed ? null : { policy: "sign_in.device", key: g.device, d: byDevice };
  }
  // Counted per address bucket: an IPv6 client rotating through its /64 stays one client (issue 9 item 4).
  const bucket = g.ip ? addressBucket(g.ip) : null;
  const [byIp, byAccount] = await Promise.all([bucket ? consume("sign_in.ip", bucket) : null, consume("sign_in.account", g.account)]);
  if (bucket && byIp && !byIp.allowed) return { policy: "sign_in.ip", key: bucket, d: byIp };
  return byAccount.allowed ? null : { policy: "sign_in.account", key: g.account, d: byAccount };
}

/** A failed check through a device cookie is still a guess at the account: it counts there too. */
export async function guessFailed(g: Guess): Promise<void> {
  if (g.device) await consume("sign_in.account", g.account);
}

/**
 * A right answer is no guess. A completed sign-in (a new session) clears the budget that was asked;
 * any other right answer — the password step of a two-factor sign-in, a confirmation while signed in —
 * only gives its point back, so it cannot wipe out failed second-factor guesses.
 */
export async function guessSucceeded(g: Guess, signInCompleted: boolean): Promise<void> {
  if (g.device) {
    await (signInCompleted ? reset("sign_in.device", g.device) : refund("sign_in.device", g.device));
    return;
  }
  await Promise.all([
    g.ip ? refund("sign_in.ip", addressBucket(g.ip)) : null,
    signInCompleted ? reset("sign_in.account", g.account) : refund("sign_in.account", g.account),
  ]);
}
