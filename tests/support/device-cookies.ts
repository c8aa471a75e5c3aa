// Device cookies in tests (issue 9 item 9): find the one a response set, read its row, and build the
// cookies an attacker would try.
import { createHash, createHmac, randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import { deviceCookieId, deviceCookieName } from "@/auth/device-cookie";
import { db } from "@/db/client";
import { deviceCookies } from "@/db/schema";
import { derivedKey } from "@/lib/derived-key";
import { callJson, fromIp } from "./api";
import { applySetCookies } from "./cookies";

/** "name=value" of the device cookie among Set-Cookie lines, if one was set (and not cleared). */
export function deviceCookieSet(setCookies: string[]): string | undefined {
  const line = setCookies.find((c) => c.startsWith(`${deviceCookieName()}=`) && !/max-age=0/i.test(c));
  return line?.split(";")[0];
}

/** The device_cookies row behind a "name=value" cookie, if it exists. */
export async function deviceRow(cookie: string) {
  const id = deviceCookieId(cookie.slice(cookie.indexOf("=") + 1));
  if (!id) return null;
  const [row] = await db().select().from(deviceCookies).where(eq(deviceCookies.id, id)).limit(1);
  return row ?? null;
}

export async function deviceRowCount(userId: string): Promise<number> {
  return (await db().select({ id: deviceCookies.id }).from(deviceCookies).where(eq(deviceCookies.userId, userId))).length;
}

/**
 * A cookie in the stateless format main issued before (account hash . nonce . HMAC with the server's
 * derived key): genuine then, for anyone who knew the password once, in any number.
 */
export function legacyStatelessDeviceCookie(email: string): string {
  const account = createHash("sha256").update(email.trim().toLowerCase()).digest("hex").slice(0, 32);
  const nonce = randomBytes(16).toString("base64url");
  const sig = createHmac("sha256", derivedKey("device-cookie")).update(`${account}.${nonce}`).digest("base64url");
  return `${account}.${nonce}.${sig}`;
}

let ipSeq = 0;
/** A new client address per request (an attacker rotating addresses; TEST-NET-2, unused elsewhere). */
export const rotatingIp = () => `198.51.${100 + Math.floor(++ipSeq / 250)}.${(ipSeq % 250) + 1}`;

/** A sign-in from a fresh address, with whatever cookies the client presents. */
export function signInFrom(user: { email: string }, password: string, cookie?: string) {
  return callJson("POST", "/api/auth/sign-in/email", { body: { email: user.email, password }, cookie, headers: fromIp(rotatingIp()) });
}

/** A browser's successful sign-in: its cookie jar (session + device cookie). */
export async function browserOf(user: { email: string }, password: string, jar = ""): Promise<string> {
  const res = await signInFrom(user, password, jar || undefined);
  if (res.status !== 200) throw new Error(`sign-in failed: ${res.status} ${JSON.stringify(res.body)}`);
  return applySetCookies(jar, res.headers.getSetCookie());
}

/** "name=value" of the device cookie in a cookie jar. */
export function deviceIn(jar: string): string {
  const found = jar.split(/;\s*/).find((c) => c.startsWith(`${deviceCookieName()}=`));
  if (!found) throw new Error("no device cookie in the jar");
  return found;
}

/** The jar without its device cookie: a stolen session token. */
export function withoutDevice(jar: string): string {
  return jar
    .split(/;\s*/)
    .filter((c) => !c.startsWith(`${deviceCookieName()}=`))
    .join("; ");
}

/** An attacker without any device cookie spends the account's budget from rotating addresses (S1 kept). */
export async function lockOutUnknownClients(user: { email: string }, max = 5): Promise<void> {
  for (let i = 0; i < max; i++) {
    const res = await signInFrom(user, `attacker-guess-${i}-pw`);
    if (res.status !== 401) throw new Error(`expected 401 from an unknown client's wrong guess, got ${res.status}`);
  }
  const locked = await signInFrom(user, `attacker-guess-${max}-pw`);
  if (locked.status !== 429) throw new Error(`expected unknown clients to be locked out, got ${locked.status}`);
}
