// S2: TOTP enrolment with recovery codes, sign-in that then needs the second factor, one-time recovery
// codes, no TOTP replay, and an organization that requires MFA.
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { auditEvents, organizations } from "@/db/schema";
import { callJson } from "../support/api";
import { applySetCookies } from "../support/cookies";
import { createOrg, createUser, signIn, TEST_PASSWORD, type TestOrg, type TestUser } from "../support/factory";
import { secretFromUri, totpCode } from "../support/totp";

let org: TestOrg;
beforeAll(async () => {
  org = await createOrg("mfa");
});

async function enrol(user: TestUser) {
  const cookie = await signIn(user);
  const enable = await callJson("POST", "/api/auth/two-factor/enable", { cookie, body: { password: TEST_PASSWORD } });
  expect(enable.status, JSON.stringify(enable.body)).toBe(200);
  expect(enable.body.totpURI).toMatch(/^otpauth:\/\/totp\//);
  expect(enable.body.backupCodes).toHaveLength(10);
  const secret = secretFromUri(enable.body.totpURI);
  const confirm = await callJson("POST", "/api/auth/two-factor/verify-totp", { cookie, body: { code: await totpCode(secret) } });
  expect(confirm.status, JSON.stringify(confirm.body)).toBe(200);
  return { oldCookie: cookie, cookie: applySetCookies(cookie, confirm.headers.getSetCookie()), secret, backupCodes: enable.body.backupCodes as string[] };
}

/** First step of sign-in: the password. With MFA on, it returns a pending two-factor cookie, no session. */
async function passwordStep(user: TestUser) {
  const res = await callJson("POST", "/api/auth/sign-in/email", { body: { email: user.email, password: TEST_PASSWORD } });
  expect(res.status).toBe(200);
  return { body: res.body, cookie: applySetCookies("", res.headers.getSetCookie()) };
}

describe("two-factor authentication (S2)", () => {
  it("enrolment confirms with a real TOTP code, rotates the session and ends the user's other sessions", async () => {
    const user = await createUser(org.id, org.slug, "enrol", "agent");
    const otherDevice = await signIn(user);
    const { oldCookie, cookie } = await enrol(user);
    expect(cookie).not.toBe(oldCookie);
    expect((await callJson("GET", "/api/me", { cookie: oldCookie })).status).toBe(401);
    expect((await callJson("GET", "/api/me", { cookie: otherDevice })).status).toBe(401);
    const me = await callJson("GET", "/api/me", { cookie });
    expect(me.status).toBe(200);
    expect(me.body.mfaEnabled).toBe(true);
  });

  it("sign-in then needs the second factor: the password alone gives no session", async () => {
    const user = await createUser(org.id, org.slug, "twostep", "agent");
    const { secret } = await enrol(user);
    const step1 = await passwordStep(user);
    expect(step1.body).toMatchObject({ twoFactorRedirect: true });
    expect((await callJson("GET", "/api/me", { cookie: step1.cookie })).status).toBe(401);

    const wrong = await callJson("POST", "/api/auth/two-factor/verify-totp", { cookie: step1.cookie, body: { code: "000000" } });
    expect(wrong.status).toBe(401);

    const step2 = await callJson("POST", "/api/auth/two-factor/verify-totp", { cookie: step1.cookie, body: { code: await totpCode(secret, 1) } });
    expect(step2.status, JSON.stringify(step2.body)).toBe(200);
    const session = applySetCookies(step1.cookie, step2.headers.getSetCookie());
    expect((await callJson("GET", "/api/me", { cookie: session })).status).toBe(200);
  });

  it("a TOTP code cannot be replayed within its window, even in a new sign-in", async () => {
    const user = await createUser(org.id, org.slug, "replay", "agent");
    const { secret } = await enrol(user);
    // The next step's code: valid within the window and never the one used to confirm enrolment.
    const code = await totpCode(secret, 1);
    const first = await passwordStep(user);
    expect((await callJson("POST", "/api/auth/two-factor/verify-totp", { cookie: first.cookie, body: { code } })).status).toBe(200);

    const second = await passwordStep(user);
    const replay = await callJson("POST", "/api/auth/two-factor/verify-totp", { cookie: second.cookie, body: { code } });
    expect(replay.status).toBe(401);
    expect(replay.body.code).toBe("TOTP_ALREADY_USED");
    expect(replay.headers.getSetCookie().some((c) => c.includes("session_token=") && !/max-age=0/i.test(c))).toBe(false);
  });

  it("a mistyped code does not burn the real one", async () => {
    const user = await createUser(org.id, org.slug, "typo", "agent");
    const { secret } = await enrol(user);
    const step1 = await passwordStep(user);
    expect((await callJson("POST", "/api/auth/two-factor/verify-totp", { cookie: step1.cookie, body: { code: "123456" } })).status).toBe(401);
    expect((await callJson("POST", "/api/auth/two-factor/verify-totp", { cookie: step1.cookie, body: { code: await totpCode(secret, 1) } })).status).toBe(200);
  });

  it("a recovery code signs in once and never again", async () => {
    const user = await createUser(org.id, org.slug, "recovery", "agent");
    const { backupCodes } = await enrol(user);
    const first = await passwordStep(user);
    const ok = await callJson("POST", "/api/auth/two-factor/verify-backup-code", { cookie: first.cookie, body: { code: backupCodes[0] } });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect((await callJson("GET", "/api/me", { cookie: applySetCookies(first.cookie, ok.headers.getSetCookie()) })).status).toBe(200);

    const second = await passwordStep(user);
    const reuse = await callJson("POST", "/api/auth/two-factor/verify-backup-code", { cookie: second.cookie, body: { code: backupCodes[0] } });
    expect(reuse.status).toBe(401);
  });
});

describe("an organization that requires MFA (S2)", () => {
  it("blocks the API for users without MFA until they enrol; the admin setting is audited", async () => {
    const strict = await createOrg("mfa-required");
    const admin = await signIn(strict.admin);
    const agent = await signIn(strict.agent);
    const set = await callJson("PATCH", "/api/admin/organization", { cookie: admin, body: { mfaRequired: true } });
    // The admin has no MFA either: the gate applies to them too, so they must enrol first.
    expect(set.status).toBe(200);
    expect(set.body.mfaRequired).toBe(true);

    const blocked = await callJson("GET", "/api/tickets", { cookie: agent });
    expect(blocked.status).toBe(403);
    expect(blocked.body.error.code).toBe("mfa_required");
    const me = await callJson("GET", "/api/me", { cookie: agent });
    expect(me.body).toMatchObject({ mfaRequired: true, mfaEnabled: false });

    const { cookie } = await enrol(strict.agent);
    expect((await callJson("GET", "/api/tickets", { cookie })).status).toBe(200);

    const [row] = await db().select().from(organizations).where(eq(organizations.id, strict.id));
    expect(row!.mfaRequired).toBe(true);
    const events = await db().select().from(auditEvents).where(eq(auditEvents.organizationId, strict.id));
    const settingEvent = events.find((e) => e.action === "organization.settings_updated");
    expect(settingEvent).toMatchObject({ actorId: strict.admin.id, data: { changes: { mfaRequired: { from: false, to: true } } } });
  });
});
