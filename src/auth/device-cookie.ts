// OWASP "Slow down online guessing attacks with device cookies" (issue 9 item 9, S1). A browser that
// signed in successfully as a user holds a signed cookie bound to that user; at every door that checks
// that user's password or second factor it is refused only when its own budget (sign_in.device, keyed
// by the cookie's nonce) is spent, never by the account's or the address's. So an attacker who makes
// five failures against an account from rotating addresses, or a colleague's typos behind the office
// NAT, cannot lock the legitimate user's own browser out. Its failures still count in the account's one
// budget (hooks/guess-budget.ts): a stolen device cookie buys no guesses on top of that budget's.
// Value: "<account key>.<nonce>.<HMAC-SHA256(account key . nonce)>"; stateless, nothing stored.
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { derivedKey } from "@/lib/derived-key";
import { isProduction } from "@/lib/env";

export const DEVICE_COOKIE_MAX_AGE_SEC = 60 * 60 * 24 * 365;

/** `__Host-` in production, like the session cookie (Secure, Path=/, no Domain). */
export function deviceCookieName(production = isProduction()): string {
  return `${production ? "__Host-" : ""}helpdesk.device`;
}

export function deviceCookieAttributes(production = isProduction()) {
  return { httpOnly: true, sameSite: "lax" as const, secure: production, path: "/", maxAge: DEVICE_COOKIE_MAX_AGE_SEC };
}

function signature(account: string, nonce: string): Buffer {
  return createHmac("sha256", derivedKey("device-cookie")).update(`${account}.${nonce}`).digest();
}

/** A fresh device cookie value for the account (a hashed e-mail: no address in the cookie). */
export function newDeviceCookie(account: string): string {
  const nonce = randomBytes(16).toString("base64url");
  return `${account}.${nonce}.${signature(account, nonce).toString("base64url")}`;
}

/** The cookie's nonce when it is genuine and bound to `account`; null for anything else. */
export function deviceNonceFor(value: string | null | undefined, account: string): string | null {
  if (!value || value.length > 200) return null;
  const [bound, nonce, sig, extra] = value.split(".");
  if (!bound || !nonce || !sig || extra !== undefined || bound !== account) return null;
  const given = Buffer.from(sig, "base64url");
  const expected = signature(bound, nonce);
  return given.length === expected.length && timingSafeEqual(given, expected) ? nonce : null;
}
