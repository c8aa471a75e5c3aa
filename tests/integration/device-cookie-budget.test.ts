// Issue 9 item 9 (S1), attack pass finding F1: device cookies were stateless, so whoever knew the password
// once could mint any number of them and get 5 guesses per window from each, for ever. Now a device
// cookie is a row (at most DEVICE_COOKIES_PER_USER per user) with its own count of failed checks for its
// whole life: minting many buys a bounded number of guesses, and a spent cookie stays locked however
// often it is replayed, at any door, in parallel or after the window.
import { applyDefaultRateLimits } from "../support/rate-limit-env";
applyDefaultRateLimits();

import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { auth } from "@/auth/better-auth";
import { DEVICE_COOKIES_PER_USER, deviceCookieName } from "@/auth/device-cookie";
import { accountKey } from "@/auth/hooks/guess-budget";
import { settleSecurityAudits } from "@/auth/hooks/security-audit-later";
import { db } from "@/db/client";
import { auditEvents } from "@/db/schema";
import { reset } from "@/lib/rate-limit/limiter";
import { callJson } from "../support/api";
import { browserOf, deviceIn, deviceRowCount, legacyStatelessDeviceCookie, lockOutUnknownClients, signInFrom } from "../support/device-cookies";
import { createOrg, createUser, TEST_PASSWORD, type TestOrg, type TestUser } from "../support/factory";

const MAX = 5; // SIGN_IN_MAX_FAILURES, the production default
/** What an attacker can ever get per window: every live cookie's budget plus the unknown clients' one. */
const BOUND = DEVICE_COOKIES_PER_USER * MAX + MAX;

let org: TestOrg;
beforeAll(async () => {
  org = await createOrg("device-budget");
});

/**
 * Cookies minted by someone who knows the password: n sign-ins, each from a fresh browser; in parallel,
 * four at a time (more at once than the account's budget of five would be refused: a point is taken
 * before every check).
 */
async function mint(user: TestUser, n: number, parallel = false): Promise<string[]> {
  const one = async () => deviceIn(await browserOf(user, TEST_PASSWORD));
  const cookies: string[] = [];
  const batch = parallel ? 4 : 1;
  while (cookies.length < n) cookies.push(...(await Promise.all(Array.from({ length: Math.min(batch, n - cookies.length) }, one))));
  return cookies;
}

/** Wrong guesses through each cookie until each is refused; returns how many were actually checked (401). */
async function guessThrough(user: TestUser, cookies: string[], perCookie: number, parallel = false): Promise<number> {
  const statuses: number[] = [];
  const guess = async (cookie: string, i: number) => (await signInFrom(user, `minted-guess-${i}-${statuses.length}-pw`, cookie)).status;
  if (parallel) {
    statuses.push(...(await Promise.all(cookies.flatMap((cookie) => Array.from({ length: perCookie }, (_, i) => guess(cookie, i))))));
  } else {
    for (const cookie of cookies) for (let i = 0; i < perCookie; i++) statuses.push(await guess(cookie, i));
  }
  expect(
    statuses.every((s) => s === 401 || s === 429),
    JSON.stringify(statuses),
  ).toBe(true);
  return statuses.filter((s) => s === 401).length;
}

/** The attacker waits out the window: the account's counter (and every address's) is back to zero. */
const windowPasses = (user: TestUser) => reset("sign_in.account", accountKey(user.email));

describe("minting device cookies buys a bounded number of guesses (issue 9 item 9, F1)", { timeout: 180_000 }, () => {
  it("13 cookies minted one after another: 10 live rows, and at most 10 × 5 + 5 guesses across all of them", async () => {
    const user = await createUser(org.id, org.slug, "mint-serial", "agent");
    const cookies = await mint(user, DEVICE_COOKIES_PER_USER + 3);
    expect(await deviceRowCount(user.id)).toBe(DEVICE_COOKIES_PER_USER);
    const checked = await guessThrough(user, cookies, MAX + 1);
    expect(checked).toBeLessThanOrEqual(BOUND);
    // The ten newest each had their own five; the three dropped ones were unknown clients.
    expect(checked).toBe(BOUND);
  });

  it("minted in parallel and guessed through in parallel: the cap and the per-cookie count hold under races", async () => {
    const user = await createUser(org.id, org.slug, "mint-parallel", "agent");
    const cookies = await mint(user, DEVICE_COOKIES_PER_USER + 2, true);
    expect(await deviceRowCount(user.id)).toBeLessThanOrEqual(DEVICE_COOKIES_PER_USER);
    const checked = await guessThrough(user, cookies, MAX + 3, true);
    expect(checked).toBeLessThanOrEqual(BOUND);
  });

  it("after the window, the same cookies buy nothing more: only the unknown clients' five come back", async () => {
    const user = await createUser(org.id, org.slug, "mint-window", "agent");
    const cookies = await mint(user, 3);
    expect(await guessThrough(user, cookies, MAX + 3)).toBe(3 * MAX + MAX);
    await windowPasses(user);
    expect(await guessThrough(user, cookies, MAX + 3)).toBe(MAX);
  });

  it("cookies in the old stateless format, minted offline in any number, buy nothing at all", async () => {
    const user = await createUser(org.id, org.slug, "mint-legacy", "agent");
    const forged = Array.from({ length: 20 }, () => `${deviceCookieName()}=${legacyStatelessDeviceCookie(user.email)}`);
    expect(await guessThrough(user, forged, 2)).toBe(MAX);
  });
});

describe("a device cookie whose budget is spent stays locked (OWASP: lock the cookie, not the account)", { timeout: 180_000 }, () => {
  async function spentCookie(label: string) {
    const user = await createUser(org.id, org.slug, label, "agent");
    const jar = await browserOf(user, TEST_PASSWORD);
    const cookie = deviceIn(jar);
    const last = await (async () => {
      let res = await signInFrom(user, "spend-0-pw", cookie);
      for (let i = 1; i < MAX; i++) res = await signInFrom(user, `spend-${i}-pw`, cookie);
      return res;
    })();
    return { user, jar, cookie, last };
  }

  it("the guess that spends it clears the cookie in the browser and writes one audit event", async () => {
    const { user, last } = await spentCookie("spent-clear");
    expect(last.status).toBe(401);
    expect(last.headers.getSetCookie().some((c) => c.startsWith(`${deviceCookieName()}=;`) && /max-age=0/i.test(c))).toBe(true);
    await settleSecurityAudits();
    const events = await db()
      .select({ id: auditEvents.id })
      .from(auditEvents)
      .where(and(eq(auditEvents.targetId, user.id), eq(auditEvents.action, "auth.device_cookie_locked")));
    expect(events).toHaveLength(1);
  });

  it("replayed with the right password while unknown clients are locked out: 429 at sign-in and at every signed-in door", async () => {
    const { user, jar, cookie } = await spentCookie("spent-replay");
    const otherBrowser = await browserOf(user, TEST_PASSWORD);
    await lockOutUnknownClients(user);
    expect((await signInFrom(user, TEST_PASSWORD, cookie)).status).toBe(429);
    // The browser's session with the spent cookie next to it (a thief holding both).
    const statusOf = (p: Promise<unknown>) =>
      p.then(
        () => 200,
        (e: { statusCode?: number }) => e.statusCode ?? 500,
      );
    expect(await statusOf(auth().api.verifyPassword({ body: { password: TEST_PASSWORD }, headers: new Headers({ cookie: jar }) }))).toBe(429);
    expect((await callJson("POST", "/api/auth/two-factor/enable", { cookie: jar, body: { password: TEST_PASSWORD } })).status).toBe(429);
    expect(
      (await callJson("POST", "/api/auth/change-password", { cookie: jar, body: { currentPassword: TEST_PASSWORD, newPassword: "Lantern-orbit-cabbage-42" } }))
        .status,
    ).toBe(429);
    // Only that cookie is locked: another browser of the same user still signs in.
    expect((await signInFrom(user, TEST_PASSWORD, deviceIn(otherBrowser))).status).toBe(200);
  });

  it("replayed after the window: no fresh budget — its guesses count as an unknown client's and run out after five", async () => {
    const { user, cookie } = await spentCookie("spent-window");
    await windowPasses(user);
    for (let i = 0; i < MAX; i++) expect((await signInFrom(user, `after-window-${i}-pw`, cookie)).status).toBe(401);
    expect((await signInFrom(user, TEST_PASSWORD, cookie)).status).toBe(429);
    expect((await signInFrom(user, TEST_PASSWORD)).status, "and unknown clients share that budget").toBe(429);
  });

  it("replayed in parallel with its last guess left: exactly one guess is the cookie's, the rest are the unknown clients'", async () => {
    const user = await createUser(org.id, org.slug, "spent-race", "agent");
    const cookie = deviceIn(await browserOf(user, TEST_PASSWORD));
    for (let i = 0; i < MAX - 1; i++) expect((await signInFrom(user, `race-spend-${i}-pw`, cookie)).status).toBe(401);
    await lockOutUnknownClients(user);
    const statuses = await Promise.all(Array.from({ length: 8 }, (_, i) => signInFrom(user, `race-${i}-pw`, cookie).then((r) => r.status)));
    expect(statuses.filter((s) => s === 401)).toHaveLength(1);
    expect(statuses.filter((s) => s === 429)).toHaveLength(7);
  });
});
