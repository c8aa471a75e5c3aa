// S1, issue 9 items 2 and 9: every door that checks an account's password, TOTP or recovery code spends
// ONE budget per account (5 per 10 minutes). Before, sign-in, the signed-in doors and the device cookie
// each had their own: 5 + 5 + 5 guesses. A browser that signed in as the user before (device cookie)
// is judged by its own budget at every door, so no attacker can lock the user out of it; once that
// budget is spent the cookie is locked and its holder is an unknown client
// (tests/integration/device-cookie-*.test.ts: minting, binding, replay).
import { applyDefaultRateLimits } from "../support/rate-limit-env";
applyDefaultRateLimits();

import { and, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { auth } from "@/auth/better-auth";
import { accountKey } from "@/auth/hooks/guess-budget";
import { settleSecurityAudits } from "@/auth/hooks/security-audit-later";
import { db } from "@/db/client";
import { auditEvents } from "@/db/schema";
import { callJson, fromIp } from "../support/api";
import { applySetCookies } from "../support/cookies";
import { deviceIn, withoutDevice } from "../support/device-cookies";
import { createOrg, createUser, signIn, TEST_PASSWORD, type TestOrg, type TestUser } from "../support/factory";
import { secretFromUri, totpCode } from "../support/totp";

const NEW_PASSWORD = "Lantern-orbit-cabbage-42";

let org: TestOrg;
beforeAll(async () => {
  org = await createOrg("guess-budget");
});

let ipSeq = 0;
// Each test makes a few dozen password checks (scrypt): more than the default 30 s when files run in parallel.
const freshIp = () => `198.19.${Math.floor(++ipSeq / 250)}.${(ipSeq % 250) + 1}`;

/** A sign-in from an unknown client (no cookie) at a fresh address: only the account's budget applies. */
async function signInStatus(user: TestUser, password: string, cookie?: string) {
  return (await callJson("POST", "/api/auth/sign-in/email", { body: { email: user.email, password }, cookie, headers: fromIp(freshIp()) })).status;
}

const statusOf = (p: Promise<unknown>) =>
  p.then(
    () => 200,
    (e: { statusCode?: number }) => e.statusCode ?? 500,
  );

type Door = { name: string; check: (password: string, cookie: string) => Promise<number> };
/** The doors that check a signed-in user's password: over HTTP, and through the server API (refused over HTTP). */
const SESSION_DOORS: Door[] = [
  { name: "verify-password", check: (password, cookie) => statusOf(auth().api.verifyPassword({ body: { password }, headers: new Headers({ cookie }) })) },
  { name: "get-totp-uri", check: (password, cookie) => statusOf(auth().api.getTOTPURI({ body: { password }, headers: new Headers({ cookie }) })) },
  {
    name: "change-password",
    check: async (password, cookie) =>
      (await callJson("POST", "/api/auth/change-password", { cookie, body: { currentPassword: password, newPassword: NEW_PASSWORD } })).status,
  },
  {
    name: "two-factor/enable",
    check: async (password, cookie) => (await callJson("POST", "/api/auth/two-factor/enable", { cookie, body: { password } })).status,
  },
];
const door = (name: string) => SESSION_DOORS.find((d) => d.name === name)!;

async function wrongSignIns(user: TestUser, n: number, cookie?: string) {
  for (let i = 0; i < n; i++) expect(await signInStatus(user, `wrong-sign-in-${i}-pw`, cookie)).toBe(401);
}

async function wrongAt(d: Door, cookie: string, n: number) {
  for (let i = 0; i < n; i++) expect(await d.check(`wrong-${d.name}-${i}-pw`, cookie), d.name).toBe(400);
}

/** Enrols TOTP from the user's own browser; returns that browser's cookies (session + device) and the secret. */
async function enrolled(label: string) {
  const user = await createUser(org.id, org.slug, label, "agent");
  const cookie = await signIn(user);
  const enable = await callJson("POST", "/api/auth/two-factor/enable", { cookie, body: { password: TEST_PASSWORD } });
  const secret = secretFromUri(enable.body.totpURI);
  const confirm = await callJson("POST", "/api/auth/two-factor/verify-totp", { cookie, body: { code: await totpCode(secret, -1) } });
  expect(confirm.status).toBe(200);
  return { user, browser: applySetCookies(cookie, confirm.headers.getSetCookie()), secret, backupCodes: enable.body.backupCodes as string[] };
}

/** The password step of a two-factor sign-in (someone who knows the password): the pending cookie. */
async function passwordStep(user: TestUser, cookie?: string) {
  const res = await callJson("POST", "/api/auth/sign-in/email", { body: { email: user.email, password: TEST_PASSWORD }, cookie, headers: fromIp(freshIp()) });
  expect(res.status).toBe(200);
  expect(res.body).toMatchObject({ twoFactorRedirect: true });
  return applySetCookies(cookie ?? "", res.headers.getSetCookie());
}

/** Six-digit codes that are none of the codes valid right now. */
async function wrongCodes(secret: Uint8Array, n: number): Promise<string[]> {
  const valid = new Set(await Promise.all([-1, 0, 1].map((o) => totpCode(secret, o))));
  const codes: string[] = [];
  for (let c = 100_000; codes.length < n; c += 111_111) if (!valid.has(String(c))) codes.push(String(c));
  return codes;
}

async function totpStatus(pending: string, code: string) {
  return (await callJson("POST", "/api/auth/two-factor/verify-totp", { cookie: pending, body: { code } })).status;
}

describe("one guess budget per account across every door (S1, issue 9 item 2)", { timeout: 120_000 }, () => {
  it("five wrong passwords at sign-in, then the sixth guess — right password — at any signed-in door is 429", async () => {
    for (const d of SESSION_DOORS) {
      const user = await createUser(org.id, org.slug, `signin-then-${d.name.replace("/", "-")}`, "agent");
      const stolen = withoutDevice(await signIn(user));
      await wrongSignIns(user, 5);
      expect(await d.check(TEST_PASSWORD, stolen), d.name).toBe(429);
    }
  });

  it("five wrong passwords at signed-in doors (one door, or spread over several), then the sign-in with the right password is 429", async () => {
    const plans: Array<[string, string[]]> = [
      ["verify-password x5", ["verify-password", "verify-password", "verify-password", "verify-password", "verify-password"]],
      ["get-totp-uri x5", ["get-totp-uri", "get-totp-uri", "get-totp-uri", "get-totp-uri", "get-totp-uri"]],
      ["change-password x5", ["change-password", "change-password", "change-password", "change-password", "change-password"]],
      ["spread", ["verify-password", "change-password", "get-totp-uri", "two-factor/enable", "change-password"]],
    ];
    for (const [label, doors] of plans) {
      const user = await createUser(org.id, org.slug, `then-signin-${label.replace(/\W+/g, "-")}`, "agent");
      const stolen = withoutDevice(await signIn(user));
      for (const name of doors) await wrongAt(door(name), stolen, 1);
      expect(await signInStatus(user, TEST_PASSWORD), label).toBe(429);
      expect(await door("verify-password").check(TEST_PASSWORD, stolen), label).toBe(429);
    }
  });

  it("sign-in and signed-in doors add up: 2 + 3 and 3 + 2 failures exhaust the one budget", async () => {
    for (const [atSignIn, atDoor, doorName] of [
      [2, 3, "change-password"],
      [3, 2, "verify-password"],
      [4, 1, "two-factor/enable"],
    ] as const) {
      const user = await createUser(org.id, org.slug, `mixed-${atSignIn}-${atDoor}`, "agent");
      const stolen = withoutDevice(await signIn(user));
      await wrongSignIns(user, atSignIn);
      await wrongAt(door(doorName), stolen, atDoor);
      expect(await signInStatus(user, TEST_PASSWORD), `${atSignIn}+${atDoor}`).toBe(429);
      expect(await door("get-totp-uri").check(TEST_PASSWORD, stolen), `${atSignIn}+${atDoor}`).toBe(429);
    }
  });

  it("second-factor guesses spend the same budget: wrong TOTP or recovery codes lock the password doors, and the reverse", async () => {
    // Someone who knows the password guesses TOTP codes; then signs in again: 429.
    const a = await enrolled("totp-then-signin");
    const pending = await passwordStep(a.user);
    for (const code of await wrongCodes(a.secret, 5)) expect(await totpStatus(pending, code)).toBe(401);
    expect(await signInStatus(a.user, TEST_PASSWORD)).toBe(429);

    // Wrong recovery codes, then the password at a signed-in door with a stolen session: 429.
    const b = await enrolled("backup-then-door");
    const pendingB = await passwordStep(b.user);
    for (let i = 0; i < 5; i++) {
      const res = await callJson("POST", "/api/auth/two-factor/verify-backup-code", { cookie: pendingB, body: { code: `wrong-${i}-code` } });
      expect(res.status).toBe(401);
    }
    expect(await door("verify-password").check(TEST_PASSWORD, withoutDevice(b.browser))).toBe(429);

    // Three wrong passwords, the right one (pending), two wrong codes: the right code is the sixth check, 429.
    const c = await enrolled("signin-then-totp");
    await wrongSignIns(c.user, 3);
    const pendingC = await passwordStep(c.user);
    for (const code of await wrongCodes(c.secret, 2)) expect(await totpStatus(pendingC, code)).toBe(401);
    expect(await totpStatus(pendingC, await totpCode(c.secret, 0))).toBe(429);
  });

  it("the right password at the first step of a two-factor sign-in does not wipe out wrong codes", async () => {
    const { user, secret } = await enrolled("no-reset-by-password");
    const codes = await wrongCodes(secret, 5);
    for (let round = 0; round < 5; round++) {
      // A fresh pending sign-in each round: the library's own per-challenge limit never comes into play.
      expect(await totpStatus(await passwordStep(user), codes[round]!)).toBe(401);
    }
    expect(await signInStatus(user, TEST_PASSWORD)).toBe(429);
  });
});

describe("device cookies: the user's own browser cannot be locked out, and gives an attacker nothing (S1, issue 9 item 9)", { timeout: 120_000 }, () => {
  it("an attacker without the device cookie locks the account for unknown clients at every door, but not the user's browser", async () => {
    const attacks: Array<[string, (user: TestUser, stolen: string) => Promise<void>]> = [
      ["wrong sign-ins from rotating addresses", (user) => wrongSignIns(user, 5)],
      ["wrong confirmations with a stolen session", (_user, stolen) => wrongAt(door("verify-password"), stolen, 5)],
      [
        "spread over sign-in, change-password, two-factor/enable",
        async (user, stolen) => {
          await wrongSignIns(user, 2);
          await wrongAt(door("change-password"), stolen, 2);
          await wrongAt(door("two-factor/enable"), stolen, 1);
        },
      ],
    ];
    for (const [label, attack] of attacks) {
      const user = await createUser(org.id, org.slug, `legit-${label.replace(/\W+/g, "-").toLowerCase()}`, "agent");
      let browser = await signIn(user);
      const stolen = withoutDevice(browser);
      await attack(user, stolen);
      expect(await signInStatus(user, TEST_PASSWORD), label).toBe(429);
      expect(await door("verify-password").check(TEST_PASSWORD, stolen), label).toBe(429);
      // The user's own browser: every door still answers (a sign-in renews its device cookie, as a browser's jar would).
      expect(await door("verify-password").check(TEST_PASSWORD, browser), label).toBe(200);
      expect(await door("two-factor/enable").check(TEST_PASSWORD, browser), label).toBe(200);
      const again = await callJson("POST", "/api/auth/sign-in/email", {
        body: { email: user.email, password: TEST_PASSWORD },
        cookie: deviceIn(browser),
        headers: fromIp(freshIp()),
      });
      expect(again.status, label).toBe(200);
      browser = applySetCookies(browser, again.headers.getSetCookie());
      expect(await door("change-password").check(TEST_PASSWORD, browser), label).toBe(200);
    }
  });

  it("an attacker who knows the password and locks the account with wrong second factors cannot stop the user's two-factor sign-in", async () => {
    const attacks: Array<[string, (user: TestUser, secret: Uint8Array) => Promise<void>]> = [
      [
        "wrong TOTP codes",
        async (user, secret) => {
          const pending = await passwordStep(user);
          for (const code of await wrongCodes(secret, 5)) expect(await totpStatus(pending, code)).toBe(401);
        },
      ],
      [
        "wrong recovery codes",
        async (user) => {
          const pending = await passwordStep(user);
          for (let i = 0; i < 5; i++) {
            expect((await callJson("POST", "/api/auth/two-factor/verify-backup-code", { cookie: pending, body: { code: `nope-${i}-code` } })).status).toBe(401);
          }
        },
      ],
      [
        "wrong passwords, then wrong codes",
        async (user, secret) => {
          await wrongSignIns(user, 3);
          const pending = await passwordStep(user);
          for (const code of await wrongCodes(secret, 2)) expect(await totpStatus(pending, code)).toBe(401);
        },
      ],
    ];
    for (const [label, attack] of attacks) {
      const { user, browser, secret } = await enrolled(`mfa-legit-${label.replace(/\W+/g, "-").toLowerCase()}`);
      await attack(user, secret);
      expect(await signInStatus(user, TEST_PASSWORD), label).toBe(429);
      // The user's browser: password step and second step, with its device cookie.
      const mine = await passwordStep(user, deviceIn(browser));
      const step2 = await callJson("POST", "/api/auth/two-factor/verify-totp", { cookie: mine, body: { code: await totpCode(secret, 1) } });
      expect(step2.status, label).toBe(200);
    }
  });

  it("a forged, tampered or other user's device cookie next to a stolen session is an unknown client at the signed-in doors", async () => {
    const victim = await createUser(org.id, org.slug, "forged-door", "agent");
    const other = await createUser(org.id, org.slug, "forged-door-other", "agent");
    const browser = await signIn(victim);
    const genuine = deviceIn(browser);
    const [name, value] = genuine.split("=") as [string, string];
    const forged = [
      deviceIn(await signIn(other)),
      `${name}=${value.slice(0, -2)}${value.endsWith("AA") ? "BB" : "AA"}`,
      `${name}=${accountKey(victim.email)}.bm9uY2U.c2lnbmF0dXJl`,
    ];
    await wrongSignIns(victim, 5);
    for (const cookie of forged) {
      expect(await door("verify-password").check(TEST_PASSWORD, `${withoutDevice(browser)}; ${cookie}`), cookie).toBe(429);
      expect(await door("two-factor/enable").check(TEST_PASSWORD, `${withoutDevice(browser)}; ${cookie}`), cookie).toBe(429);
    }
    expect(await door("verify-password").check(TEST_PASSWORD, browser)).toBe(200);
  });

  it("failures through a device cookie lock that cookie only (OWASP): unknown clients and the user's other browsers keep their budgets", async () => {
    for (const via of ["sign-in", "verify-password", "change-password"]) {
      const user = await createUser(org.id, org.slug, `device-fails-${via}`, "agent");
      const laptop = await signIn(user);
      const phone = await signIn(user);
      if (via === "sign-in") await wrongSignIns(user, 5, deviceIn(laptop));
      else await wrongAt(door(via), laptop, 5);
      // Not the account: an unknown client and a stolen session still have the account's 5.
      expect(await door("verify-password").check(TEST_PASSWORD, withoutDevice(phone)), `${via}: stolen session`).toBe(200);
      // The laptop's cookie is locked: it is an unknown client now, so once someone spends the account's
      // budget from elsewhere, the laptop is refused with the right password; the phone is not.
      await wrongSignIns(user, 5);
      expect(await signInStatus(user, TEST_PASSWORD, deviceIn(laptop)), `${via}: the locked laptop`).toBe(429);
      expect(await door("verify-password").check(TEST_PASSWORD, laptop), `${via}: the locked laptop at a door`).toBe(429);
      expect(await signInStatus(user, TEST_PASSWORD, deviceIn(phone)), `${via}: the user's phone`).toBe(200);
    }
  });

  it("a device cookie has one budget across doors: sign-in and signed-in failures through it add up", async () => {
    for (const [atSignIn, doorName] of [
      [2, "change-password"],
      [3, "verify-password"],
      [4, "two-factor/enable"],
    ] as const) {
      const user = await createUser(org.id, org.slug, `device-one-budget-${atSignIn}`, "agent");
      const browser = await signIn(user);
      await wrongSignIns(user, 5); // unknown clients locked out: only the cookie's own budget is left
      await wrongSignIns(user, atSignIn, deviceIn(browser));
      await wrongAt(door(doorName), browser, 5 - atSignIn);
      expect(await door("get-totp-uri").check(TEST_PASSWORD, browser), doorName).toBe(429);
      expect(await signInStatus(user, TEST_PASSWORD, deviceIn(browser)), doorName).toBe(429);
    }
  });
});

describe("throttled guesses are audited once per budget and window, whichever doors filled it (S1, S12)", { timeout: 120_000 }, () => {
  async function throttleEvents(userId: string) {
    await settleSecurityAudits();
    const rows = await db()
      .select({ policy: sql<string>`${auditEvents.data}->>'policy'` })
      .from(auditEvents)
      .where(and(eq(auditEvents.organizationId, org.id), eq(auditEvents.targetId, userId), eq(auditEvents.action, "auth.sign_in_throttled")));
    return rows.map((r) => r.policy).sort();
  }

  async function eventCount(userId: string, action: string) {
    await settleSecurityAudits();
    const rows = await db()
      .select({ id: auditEvents.id })
      .from(auditEvents)
      .where(and(eq(auditEvents.organizationId, org.id), eq(auditEvents.targetId, userId), eq(auditEvents.action, action)));
    return rows.length;
  }

  it("device failures, then refusals at sign-in, at a signed-in door and through the locked device: one lock event, one account event", async () => {
    const user = await createUser(org.id, org.slug, "audit-device-first", "agent");
    const browser = await signIn(user);
    await wrongSignIns(user, 5, deviceIn(browser));
    await wrongSignIns(user, 5);
    for (let i = 0; i < 3; i++) expect(await signInStatus(user, `refused-${i}-pw`)).toBe(429);
    for (let i = 0; i < 2; i++) expect(await door("verify-password").check(TEST_PASSWORD, withoutDevice(browser))).toBe(429);
    for (let i = 0; i < 3; i++) expect(await signInStatus(user, `refused-device-${i}-pw`, deviceIn(browser))).toBe(429);
    expect(await throttleEvents(user.id)).toEqual(["sign_in.account"]);
    expect(await eventCount(user.id, "auth.device_cookie_locked")).toBe(1);
  });

  it("unknown-client failures, the device cookie spent, then refusals with and without it: still exactly one account event", async () => {
    // Refusals through a locked device cookie are the account's refusals: they add no event of their own.
    const user = await createUser(org.id, org.slug, "audit-pushed", "agent");
    const browser = await signIn(user);
    await wrongSignIns(user, 5);
    await wrongSignIns(user, 5, deviceIn(browser));
    for (let i = 0; i < 4; i++) expect(await signInStatus(user, `refused-${i}-pw`, i % 2 ? deviceIn(browser) : undefined)).toBe(429);
    expect(await throttleEvents(user.id)).toEqual(["sign_in.account"]);
  });
});
