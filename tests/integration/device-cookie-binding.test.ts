// Issue 9 item 9 (S1), attack pass finding F1: a device cookie vouches for one user under one credential
// version, and nothing else. A cookie issued before a password change or reset, an MFA reset or
// turn-off, or a deactivation grants nothing; neither does another user's cookie, a tampered or forged
// one, or an expired one. Each such client is an unknown client and gets S1's limits, at every door that
// spends the guess budget — while the user's genuine cookie still gets them in when an attacker has
// locked the account for unknown clients.
import { applyDefaultRateLimits } from "../support/rate-limit-env";
applyDefaultRateLimits();

import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { auth } from "@/auth/better-auth";
import { DEVICE_COOKIE_MAX_AGE_SEC } from "@/auth/device-cookie";
import { db } from "@/db/client";
import { users } from "@/db/schema";
import { fixedClock, setClock } from "@/lib/clock";
import { callJson } from "../support/api";
import { applySetCookies } from "../support/cookies";
import { browserOf, deviceIn, legacyStatelessDeviceCookie, lockOutUnknownClients, signInFrom, withoutDevice } from "../support/device-cookies";
import { createOrg, createUser, signIn, TEST_PASSWORD, type TestOrg, type TestUser } from "../support/factory";
import { secretFromUri, totpCode } from "../support/totp";

const NEW_PASSWORD = "Lantern-orbit-cabbage-42";

let org: TestOrg;
let otherOrg: TestOrg;
let adminCookie: string;
beforeAll(async () => {
  [org, otherOrg] = await Promise.all([createOrg("device-binding"), createOrg("device-binding-other")]);
  adminCookie = await signIn(org.admin);
});

let restoreClock: (() => void) | undefined;
afterEach(() => {
  restoreClock?.();
  restoreClock = undefined;
});

const statusOf = (p: Promise<unknown>) =>
  p.then(
    () => 200,
    (e: { statusCode?: number }) => e.statusCode ?? 500,
  );

/** Enrols TOTP from a fresh browser of a new user: that browser's jar (with a device cookie) and the secret. */
async function enrolledUser(label: string) {
  const user = await createUser(org.id, org.slug, label, "agent");
  const jar = await browserOf(user, TEST_PASSWORD);
  const enable = await callJson("POST", "/api/auth/two-factor/enable", { cookie: jar, body: { password: TEST_PASSWORD } });
  expect(enable.status).toBe(200);
  const secret = secretFromUri(enable.body.totpURI);
  const confirm = await callJson("POST", "/api/auth/two-factor/verify-totp", { cookie: jar, body: { code: await totpCode(secret, -1) } });
  expect(confirm.status).toBe(200);
  return { user, jar: applySetCookies(jar, confirm.headers.getSetCookie()), secret };
}

/** A two-factor sign-in's first step from a browser presenting `device`: the pending jar. */
async function passwordStep(user: TestUser, device: string) {
  const res = await signInFrom(user, TEST_PASSWORD, device);
  expect(res.status).toBe(200);
  expect(res.body).toMatchObject({ twoFactorRedirect: true });
  return applySetCookies(device, res.headers.getSetCookie());
}

const tamperings = (genuine: string): Array<[string, string]> => {
  const [name, value] = genuine.split("=") as [string, string];
  const [id, secret] = value.split(".") as [string, string];
  const flip = (s: string) => `${s.slice(0, -1)}${s.endsWith("A") ? "B" : "A"}`;
  return [
    ["secret changed", `${name}=${id}.${flip(secret)}`],
    ["id changed", `${name}=${flip(id)}.${secret}`],
    ["random id and secret", `${name}=${randomBytes(16).toString("base64url")}.${randomBytes(32).toString("base64url")}`],
    ["the old stateless format", `${name}=${legacyStatelessDeviceCookie("someone@example.test")}`],
    ["an extra segment", `${name}=${value}.AAAA`],
    ["the id alone", `${name}=${id}`],
    ["padded with spaces", `${name}=%20${value}%20`],
  ];
};

describe("a device cookie issued before a credential change grants nothing (F1)", { timeout: 120_000 }, () => {
  const changes: Array<[string, (user: TestUser, laptop: string, phone: string) => Promise<string | null>]> = [
    [
      "password changed from another browser",
      async (_user, _laptop, phone) => {
        const res = await callJson("POST", "/api/auth/change-password", { cookie: phone, body: { currentPassword: TEST_PASSWORD, newPassword: NEW_PASSWORD } });
        expect(res.status).toBe(200);
        // The browser that proved the password gets a fresh cookie, bound to the new version.
        return applySetCookies(phone, res.headers.getSetCookie());
      },
    ],
    [
      "password reset by token",
      async (user) => {
        const ctx = await auth().$context;
        const token = randomBytes(16).toString("hex");
        await ctx.internalAdapter.createVerificationValue({ identifier: `reset-password:${token}`, value: user.id, expiresAt: new Date(Date.now() + 600_000) });
        await auth().api.resetPassword({ body: { newPassword: NEW_PASSWORD, token } });
        return null;
      },
    ],
    [
      "deactivated and reactivated by an admin",
      async (user) => {
        for (const active of [false, true]) {
          expect((await callJson("PATCH", `/api/admin/users/${user.id}`, { cookie: adminCookie, body: { active } })).status).toBe(200);
        }
        return null;
      },
    ],
  ];

  for (const [label, change] of changes) {
    it(`${label}: the old cookie is an unknown client's; a cookie earned afterwards works`, async () => {
      const user = await createUser(org.id, org.slug, `version-${label.replace(/\W+/g, "-")}`, "agent");
      const laptop = await browserOf(user, TEST_PASSWORD);
      const phone = await browserOf(user, TEST_PASSWORD);
      const renewedPhone = await change(user, laptop, phone);
      const password = label.startsWith("password") ? NEW_PASSWORD : TEST_PASSWORD;
      await lockOutUnknownClients(user);
      expect((await signInFrom(user, password, deviceIn(laptop))).status, label).toBe(429);
      if (renewedPhone) expect((await signInFrom(user, password, deviceIn(renewedPhone))).status, `${label}: the renewed browser`).toBe(200);
      expect((await signInFrom(user, password, deviceIn(phone))).status, `${label}: the phone's cookie from before`).toBe(429);
    });
  }

  it("MFA reset by an admin or turned off by the user elsewhere: every cookie from before grants nothing, at sign-in and at the doors", async () => {
    for (const how of ["admin reset", "user turns it off"]) {
      const { user, jar: laptop, secret } = await enrolledUser(`mfa-version-${how.replace(/\W+/g, "-")}`);
      if (how === "admin reset") {
        expect((await callJson("POST", `/api/admin/users/${user.id}/reset-mfa`, { cookie: adminCookie, body: {} })).status).toBe(200);
      } else {
        // Another browser of the user: password step, second factor, then MFA off.
        const pending = await passwordStep(user, "");
        const step2 = await callJson("POST", "/api/auth/two-factor/verify-totp", { cookie: pending, body: { code: await totpCode(secret, 0) } });
        expect(step2.status).toBe(200);
        const phone = applySetCookies(pending, step2.headers.getSetCookie());
        expect((await callJson("POST", "/api/auth/two-factor/disable", { cookie: phone, body: { password: TEST_PASSWORD } })).status).toBe(200);
      }
      await lockOutUnknownClients(user);
      expect((await signInFrom(user, TEST_PASSWORD, deviceIn(laptop))).status, how).toBe(429);
    }
  });
});

describe("a device cookie is one user's: another user's grants nothing (F1)", { timeout: 120_000 }, () => {
  it("user A's genuine cookie presented for user B — same organization or another — at sign-in, at a signed-in door, at the second step", async () => {
    const a = await createUser(org.id, org.slug, "owner-a", "agent");
    const aDevice = deviceIn(await browserOf(a, TEST_PASSWORD));
    const sameOrg = await createUser(org.id, org.slug, "victim-b", "agent");
    const elsewhere = await createUser(otherOrg.id, otherOrg.slug, "victim-c", "agent");
    for (const b of [sameOrg, elsewhere]) {
      const bJar = await browserOf(b, TEST_PASSWORD);
      await lockOutUnknownClients(b);
      expect((await signInFrom(b, TEST_PASSWORD, aDevice)).status).toBe(429);
      const stolenWithA = `${withoutDevice(bJar)}; ${aDevice}`;
      expect(await statusOf(auth().api.verifyPassword({ body: { password: TEST_PASSWORD }, headers: new Headers({ cookie: stolenWithA }) }))).toBe(429);
      expect((await callJson("POST", "/api/auth/two-factor/enable", { cookie: stolenWithA, body: { password: TEST_PASSWORD } })).status).toBe(429);
      // B's own browser is still in.
      expect((await signInFrom(b, TEST_PASSWORD, deviceIn(bJar))).status).toBe(200);
    }
    // And A's cookie still works for A: presenting it elsewhere cost it nothing.
    await lockOutUnknownClients(a);
    expect((await signInFrom(a, TEST_PASSWORD, aDevice)).status).toBe(200);
  });

  it("a cookie of the address's previous holder grants nothing to the user who holds the address now", async () => {
    // A's cookie was issued while A signed in with this address; A then got another address (admin
    // change), and B was given this one. A cookie bound to the address alone would now vouch for B.
    for (const how of ["address changed", "address changed and A deactivated"]) {
      const local = `holder-${how.replace(/\W+/g, "-")}`;
      const a = await createUser(org.id, org.slug, local, "agent");
      const aDevice = deviceIn(await browserOf(a, TEST_PASSWORD));
      await db()
        .update(users)
        .set({ email: `former-${a.email}`, active: !how.includes("deactivated") })
        .where(eq(users.id, a.id));
      const b = await createUser(org.id, org.slug, local, "agent");
      expect(b.email).toBe(a.email);
      await lockOutUnknownClients(b);
      expect((await signInFrom(b, TEST_PASSWORD, aDevice)).status, how).toBe(429);
    }
  });

  it("at the second step of B's two-factor sign-in, A's cookie next to B's pending sign-in grants nothing", async () => {
    const a = await createUser(org.id, org.slug, "owner-a2", "agent");
    const aDevice = deviceIn(await browserOf(a, TEST_PASSWORD));
    const { user: b, jar: bJar, secret } = await enrolledUser("victim-b2");
    const pending = await passwordStep(b, deviceIn(bJar));
    await lockOutUnknownClients(b);
    const pendingWithA = `${withoutDevice(pending)}; ${aDevice}`;
    expect((await callJson("POST", "/api/auth/two-factor/verify-totp", { cookie: pendingWithA, body: { code: await totpCode(secret, 0) } })).status).toBe(429);
    expect((await callJson("POST", "/api/auth/two-factor/verify-totp", { cookie: pending, body: { code: await totpCode(secret, 1) } })).status).toBe(200);
  });
});

describe("tampered, forged and expired device cookies are unknown clients (F1)", { timeout: 120_000 }, () => {
  it("seven tamperings of a genuine cookie: each is refused while unknown clients are locked out; the genuine one is not", async () => {
    const user = await createUser(org.id, org.slug, "tamper", "agent");
    const jar = await browserOf(user, TEST_PASSWORD);
    const genuine = deviceIn(jar);
    await lockOutUnknownClients(user);
    for (const [how, cookie] of tamperings(genuine)) {
      expect((await signInFrom(user, TEST_PASSWORD, cookie)).status, how).toBe(429);
      expect(
        await statusOf(auth().api.verifyPassword({ body: { password: TEST_PASSWORD }, headers: new Headers({ cookie: `${withoutDevice(jar)}; ${cookie}` }) })),
        how,
      ).toBe(429);
    }
    expect((await signInFrom(user, TEST_PASSWORD, genuine)).status).toBe(200);
  });

  it("a cookie past its lifetime (by the clock module) grants nothing; one a day younger still does", async () => {
    const user = await createUser(org.id, org.slug, "expired", "agent");
    const old = deviceIn(await browserOf(user, TEST_PASSWORD));
    const young = deviceIn(await browserOf(user, TEST_PASSWORD));
    await lockOutUnknownClients(user);
    const clock = fixedClock(new Date(Date.now() + (DEVICE_COOKIE_MAX_AGE_SEC - 86_400) * 1000));
    restoreClock = setClock(clock);
    expect((await signInFrom(user, TEST_PASSWORD, young)).status, "a day before it expires").toBe(200);
    clock.advance(2 * 86_400 * 1000);
    expect((await signInFrom(user, TEST_PASSWORD, old)).status, "a day after it expired").toBe(429);
  });
});

describe("every door that spends the guess budget follows the same rule (F1)", { timeout: 180_000 }, () => {
  type Who = { user: TestUser; secret: Uint8Array | null; ownDevice: string };
  type Door = { name: string; mfa: boolean; check: (jar: string, who: Who) => Promise<number> };
  const DOORS: Door[] = [
    { name: "sign-in", mfa: false, check: async (jar, { user }) => (await signInFrom(user, TEST_PASSWORD, deviceIn(jar))).status },
    {
      name: "change-password",
      mfa: false,
      check: async (jar) =>
        (await callJson("POST", "/api/auth/change-password", { cookie: jar, body: { currentPassword: TEST_PASSWORD, newPassword: NEW_PASSWORD } })).status,
    },
    {
      name: "verify-password",
      mfa: false,
      check: (jar) => statusOf(auth().api.verifyPassword({ body: { password: TEST_PASSWORD }, headers: new Headers({ cookie: jar }) })),
    },
    {
      name: "two-factor/enable",
      mfa: false,
      check: async (jar) => (await callJson("POST", "/api/auth/two-factor/enable", { cookie: jar, body: { password: TEST_PASSWORD } })).status,
    },
    {
      name: "get-totp-uri",
      mfa: true,
      check: (jar) => statusOf(auth().api.getTOTPURI({ body: { password: TEST_PASSWORD }, headers: new Headers({ cookie: jar }) })),
    },
    {
      name: "two-factor/disable",
      mfa: true,
      check: async (jar) => (await callJson("POST", "/api/auth/two-factor/disable", { cookie: jar, body: { password: TEST_PASSWORD } })).status,
    },
    {
      name: "two-factor second step",
      mfa: true,
      check: async (jar, { user, secret, ownDevice }) => {
        // The password step is the user's own browser's; the code is sent with the device cookie under test.
        const pending = await passwordStep(user, ownDevice);
        const cookie = `${withoutDevice(pending)}; ${deviceIn(jar)}`;
        return (await callJson("POST", "/api/auth/two-factor/verify-totp", { cookie, body: { code: await totpCode(secret!, 0) } })).status;
      },
    },
  ];

  for (const door of DOORS) {
    it(`${door.name}: another user's, a tampered and a replaced cookie are refused while unknown clients are locked out; the user's own is not`, async () => {
      const label = `door-${door.name.replace(/\W+/g, "-")}`;
      const { user, jar, secret } = door.mfa
        ? await enrolledUser(label)
        : await (async () => {
            const u = await createUser(org.id, org.slug, label, "agent");
            return { user: u, jar: await browserOf(u, TEST_PASSWORD), secret: null };
          })();
      const stranger = deviceIn(await browserOf(await createUser(org.id, org.slug, `${label}-stranger`, "agent"), TEST_PASSWORD));
      const replaced = deviceIn(jar);
      // A new sign-in of the same browser replaces its cookie: the previous one is dropped.
      const current = door.mfa ? jar : await browserOf(user, TEST_PASSWORD, jar);
      const who: Who = { user, secret, ownDevice: deviceIn(current) };
      await lockOutUnknownClients(user);
      const dead: Array<[string, string]> = [
        ["another user's", stranger],
        ["tampered", tamperings(deviceIn(current))[0]![1]],
      ];
      if (!door.mfa) dead.push(["replaced by a newer sign-in", replaced]);
      for (const [how, cookie] of dead) {
        expect(await door.check(`${withoutDevice(current)}; ${cookie}`, who), `${door.name}: ${how}`).toBe(429);
      }
      expect(await door.check(current, who), `${door.name}: the user's own browser`).toBe(200);
    });
  }
});
