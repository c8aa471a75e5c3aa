// The session cookie, named and checked without the auth library, so our HTTP server can tell "carries a
// session" from "anonymous" before Next runs (S8; issue 9 item 8 follow-up). The check is the
// library's own (better-call getSignedCookie): the first cookie of that name, URL-decoded, is
// `<token>.<base64 HMAC-SHA256(secret, token)>`. A forged or garbage cookie fails here with one HMAC;
// a correctly signed one may still name no session, which only the database knows (getActor reports it).
import { createHmac, timingSafeEqual } from "node:crypto";

/** Cookie names: in production `__Host-` (Secure, Path=/, no Domain: no subdomain can set or shadow it). */
export function authCookieName(name: string, production: boolean): string {
  return `${production ? "__Host-" : ""}helpdesk.${name}`;
}

/** The value of the first cookie called `name` in a Cookie header, decoded as the library decodes it. */
export function readCookie(header: string, name: string): string | null {
  for (const part of header.split(";")) {
    const eq = part.indexOf("=");
    if (eq < 0 || part.slice(0, eq).trim() !== name) continue;
    let value = part.slice(eq + 1).trim();
    if (value.startsWith('"')) value = value.slice(1, -1);
    if (!value.includes("%")) return value;
    try {
      return decodeURIComponent(value);
    } catch {
      return value;
    }
  }
  return null;
}

/**
 * The value of a correctly signed auth cookie (`<value>.<base64 HMAC-SHA256(secret, value)>`), or null
 * (no such cookie, garbage, forged).
 */
export function signedCookieValue(cookieHeader: string | undefined | null, name: string, secret: string): string | null {
  if (!cookieHeader) return null;
  const value = readCookie(cookieHeader, name);
  if (!value) return null;
  const dot = value.lastIndexOf(".");
  if (dot < 1) return null;
  const token = value.slice(0, dot);
  const signature = Buffer.from(value.slice(dot + 1));
  if (signature.length !== 44) return null;
  const expected = Buffer.from(createHmac("sha256", secret).update(token).digest("base64"));
  return timingSafeEqual(signature, expected) ? token : null;
}

/** The session token of a correctly signed session cookie, or null (no cookie, garbage, forged). */
export function signedSessionToken(cookieHeader: string | undefined | null, secret: string, production: boolean): string | null {
  return signedCookieValue(cookieHeader, authCookieName("session_token", production), secret);
}

/**
 * Whether the user signed in without "remember me": the library then keeps the session from sliding
 * (its getSession skips the refresh), and so does getActor.
 */
export function signedDontRemember(cookieHeader: string | undefined | null, secret: string, production: boolean): boolean {
  return signedCookieValue(cookieHeader, authCookieName("dont_remember", production), secret) !== null;
}
