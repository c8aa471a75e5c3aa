// Issue 9 item 9 (S1, S12): lockouts cannot be used as a weapon against a user who signed in from this
// browser before (OWASP device cookies), unknown clients keep S1's limits, and throttled attempts write
// one audit event per window.
import { applyDefaultRateLimits } from "../support/rate-limit-env";
applyDefaultRateLimits();

import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { deviceCookieAttributes, deviceCookieName } from "@/auth/device-cookie";
import { accountKey } from "@/auth/hooks/guess-budget";
import { settleSecurityAudits } from "@/auth/hooks/security-audit-later";
import { db } from "@/db/client";
import { auditEvents } from "@/db/schema";
import { callJson, fromIp } from "../support/api";
import { applySetCookies } from "../support/cookies";
import { deviceRow, legacyStatelessDeviceCookie } from "../support/device-cookies";
import { createOrg, createUser, TEST_PASSWORD, type TestOrg, type TestUser } from "../support/factory";
import { secretFromUri, totpCode } from "../support/totp";

let org: TestOrg;
beforeAll(async () => {
  org = await createOrg("lockout");
});

let ipSeq = 0;
const freshIp = () => `198.18.${Math.floor(++ipSeq / 250)}.${(ipSeq % 250) + 1}`;

async function attempt(user: Pick<TestUser, "email">, password: string, opts: { ip?: string; cookie?: string } = {}) {
  return callJson("POST", "/api/auth/sign-in/email", {
    body: { email: user.email, password },
    cookie: opts.cookie,
    headers: opts.ip ? fromIp(opts.ip) : {},
  });
}

/** The device cookie a successful sign-in left in the browser ("name=value"), and its Set-Cookie line. */
async function deviceFromSignIn(user: TestUser, ip = freshIp()) {
  const res = await attempt(user, TEST_PASSWORD, { ip });
  expect(res.status).toBe(200);
  const line = res.headers.getSetCookie().find((c) => c.startsWith(`${deviceCookieName()}=`));
  expect(line, "a device cookie is set at sign-in").toBeTruthy();
  return { cookie: line!.split(";")[0]!, line: line! };
}

async function lockFromRotatingAddresses(user: TestUser) {
  for (let i = 0; i < 5; i++) expect((await attempt(user, `attacker-guess-${i}-pw`, { ip: freshIp() })).status).toBe(401);
  expect((await attempt(user, TEST_PASSWORD, { ip: freshIp() })).status, "an unknown client is locked out (S1 kept)").toBe(429);
}

describe("device cookies against lockout attacks (issue 9 item 9)", () => {
  it("the device cookie is HttpOnly, SameSite=Lax, long-lived, an opaque id + secret recorded for the user; Secure and __Host- in production", async () => {
    const user = await createUser(org.id, org.slug, "attrs", "agent");
    const { cookie, line } = await deviceFromSignIn(user);
    expect(line).toMatch(/HttpOnly/i);
    expect(line).toMatch(/SameSite=Lax/i);
    expect(line).toMatch(/Path=\//);
    expect(Number(/Max-Age=(\d+)/i.exec(line)?.[1])).toBeGreaterThanOrEqual(60 * 60 * 24 * 180);
    expect(cookie.split("=")[1]).toMatch(/^[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}$/);
    expect(cookie).not.toContain(accountKey(user.email));
    expect(cookie).not.toContain(user.email.split("@")[0]);
    expect((await deviceRow(cookie))?.userId).toBe(user.id);
    expect(deviceCookieName(true)).toBe("__Host-helpdesk.device");
    expect(deviceCookieAttributes(true)).toMatchObject({ secure: true, httpOnly: true, sameSite: "lax", path: "/" });
  });

  it("rotating-address failures lock unknown clients out, but not the browser the user signed in with before", async () => {
    const user = await createUser(org.id, org.slug, "victim", "admin");
    let { cookie } = await deviceFromSignIn(user);
    await lockFromRotatingAddresses(user);
    // Same browser, new address (travelling): still in, and the browser's device cookie is renewed.
    const travelling = await attempt(user, TEST_PASSWORD, { ip: freshIp(), cookie });
    expect(travelling.status).toBe(200);
    cookie = applySetCookies(cookie, travelling.headers.getSetCookie());
    // And a few of the user's own typos before the right password do not lock them either.
    for (let i = 0; i < 3; i++) expect((await attempt(user, `my-own-typo-${i}-pw`, { ip: freshIp(), cookie })).status).toBe(401);
    expect((await attempt(user, TEST_PASSWORD, { ip: freshIp(), cookie })).status).toBe(200);
    // The account stays locked for unknown clients.
    expect((await attempt(user, TEST_PASSWORD, { ip: freshIp() })).status).toBe(429);
  });

  it("five typos behind one office NAT lock that address for unknown clients, not colleagues with device cookies", async () => {
    const office = freshIp();
    const [typist, colleague, newcomer] = await Promise.all(["typist", "colleague", "newcomer"].map((n) => createUser(org.id, org.slug, `nat-${n}`, "agent")));
    const { cookie } = await deviceFromSignIn(colleague!, office);
    for (let i = 0; i < 5; i++) expect((await attempt(typist!, `typo-number-${i}-pw`, { ip: office })).status).toBe(401);
    expect((await attempt(newcomer!, TEST_PASSWORD, { ip: office })).status, "unknown client behind the NAT: S1 per-IP limit").toBe(429);
    expect((await attempt(colleague!, TEST_PASSWORD, { ip: office, cookie })).status).toBe(200);
  });

  it("failures through a device cookie lock that cookie, not the account: unknown clients and the user's other browsers are not locked", async () => {
    const user = await createUser(org.id, org.slug, "stolen-laptop", "agent");
    const { cookie } = await deviceFromSignIn(user);
    const other = await deviceFromSignIn(user);
    for (let i = 0; i < 5; i++) expect((await attempt(user, `laptop-guess-${i}-pw`, { ip: freshIp(), cookie })).status).toBe(401);
    // OWASP: lock the device cookie, not the account. An unknown client is still let in...
    expect((await attempt(user, TEST_PASSWORD, { ip: freshIp() })).status).toBe(200);
    // ...and the laptop's cookie grants nothing any more: once unknown clients are locked out, neither is it.
    await lockFromRotatingAddresses(user);
    const locked = await attempt(user, TEST_PASSWORD, { ip: freshIp(), cookie });
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get("retry-after"))).toBeGreaterThan(0);
    expect((await attempt(user, TEST_PASSWORD, { ip: freshIp(), cookie: other.cookie })).status).toBe(200);
  });

  it("a forged, tampered, outdated-format or other user's device cookie counts as an unknown client", async () => {
    const [victim, other] = await Promise.all([createUser(org.id, org.slug, "forge-victim", "agent"), createUser(org.id, org.slug, "forge-other", "agent")]);
    const otherDevice = await deviceFromSignIn(other!);
    const genuine = (await deviceFromSignIn(victim!)).cookie;
    const [name, value] = genuine.split("=") as [string, string];
    const tampered = `${name}=${value.slice(0, -2)}${value.endsWith("AA") ? "BB" : "AA"}`;
    const forgedKey = `${name}=${accountKey(victim!.email)}.bm9uY2U.c2lnbmF0dXJl`;
    const legacy = `${name}=${legacyStatelessDeviceCookie(victim!.email)}`;
    await lockFromRotatingAddresses(victim!);
    for (const cookie of [otherDevice.cookie, tampered, forgedKey, legacy]) {
      expect((await attempt(victim!, TEST_PASSWORD, { ip: freshIp(), cookie })).status, cookie).toBe(429);
    }
    expect((await attempt(victim!, TEST_PASSWORD, { ip: freshIp(), cookie: genuine })).status).toBe(200);
  });

  it("with two-factor on, the device cookie comes only with the second factor, not with the password alone", async () => {
    const user = await createUser(org.id, org.slug, "mfa-device", "agent");
    const first = await attempt(user, TEST_PASSWORD, { ip: freshIp() });
    const session = applySetCookies("", first.headers.getSetCookie());
    const enable = await callJson("POST", "/api/auth/two-factor/enable", { cookie: session, body: { password: TEST_PASSWORD } });
    const secret = secretFromUri(enable.body.totpURI);
    expect((await callJson("POST", "/api/auth/two-factor/verify-totp", { cookie: session, body: { code: await totpCode(secret, -1) } })).status).toBe(200);
    const step1 = await attempt(user, TEST_PASSWORD, { ip: freshIp() });
    expect(step1.body).toMatchObject({ twoFactorRedirect: true });
    expect(step1.headers.getSetCookie().some((c) => c.startsWith(`${deviceCookieName()}=`))).toBe(false);
    const step2 = await callJson("POST", "/api/auth/two-factor/verify-totp", {
      cookie: applySetCookies("", step1.headers.getSetCookie()),
      body: { code: await totpCode(secret, 0) },
    });
    expect(step2.status).toBe(200);
    const device = step2.headers.getSetCookie().find((c) => c.startsWith(`${deviceCookieName()}=`));
    expect(device).toBeTruthy();
    expect((await deviceRow(device!.split(";")[0]!))?.userId).toBe(user.id);
  });
});

describe("throttled attempts are audited once per window (issue 9 item 9, S12)", () => {
  it("5 failures then 10 refused attempts write 5 failure events and exactly one throttle event", async () => {
    const user = await createUser(org.id, org.slug, "audit-once", "agent");
    for (let i = 0; i < 5; i++) await attempt(user, `wrong-guess-${i}-pw`, { ip: freshIp() });
    for (let i = 0; i < 10; i++) expect((await attempt(user, `wrong-again-${i}-pw`, { ip: freshIp() })).status).toBe(429);
    await settleSecurityAudits();
    const events = await db()
      .select({ action: auditEvents.action })
      .from(auditEvents)
      .where(and(eq(auditEvents.organizationId, org.id), eq(auditEvents.targetId, user.id)));
    expect(events.filter((e) => e.action === "auth.sign_in_failed")).toHaveLength(5);
    expect(events.filter((e) => e.action === "auth.sign_in_throttled")).toHaveLength(1);
  });
});
