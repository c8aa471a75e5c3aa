// Issue 9 item 5 (S3, S17): a deactivated user gets no session from any path, and a session whose user
// is deactivated afterwards stops working on every auth endpoint, not only on our API. The refusal at
// sign-in is the wrong-password answer, so it does not reveal deactivated accounts.
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { auth } from "@/auth/better-auth";
import { db } from "@/db/client";
import { sessions } from "@/db/schema";
import { callJson } from "../support/api";
import { applySetCookies } from "../support/cookies";
import { createOrg, createUser, setUserActive, signIn, TEST_PASSWORD, type TestOrg } from "../support/factory";
import { secretFromUri, totpCode } from "../support/totp";

let org: TestOrg;
beforeAll(async () => {
  org = await createOrg("deactivated");
});

const sessionCookieSet = (headers: Headers) => headers.getSetCookie().some((c) => c.includes("session_token=") && !/max-age=0/i.test(c));
const sessionCount = async (userId: string) => (await db().select().from(sessions).where(eq(sessions.userId, userId))).length;

describe("deactivated users (issue 9 item 5)", () => {
  it("sign-in with the right password answers exactly like a wrong password: 401, same body, no cookie, no session row", async () => {
    const user = await createUser(org.id, org.slug, "gone", "agent");
    const active = await createUser(org.id, org.slug, "here", "agent");
    await setUserActive(user.id, false);
    const right = await callJson("POST", "/api/auth/sign-in/email", { body: { email: user.email, password: TEST_PASSWORD } });
    const wrong = await callJson("POST", "/api/auth/sign-in/email", { body: { email: user.email, password: "not-the-password-at-all" } });
    const wrongActive = await callJson("POST", "/api/auth/sign-in/email", { body: { email: active.email, password: "not-the-password-at-all" } });
    const unknown = await callJson("POST", "/api/auth/sign-in/email", { body: { email: `nobody@${org.slug}.test`, password: TEST_PASSWORD } });
    for (const res of [right, wrong, wrongActive, unknown]) {
      expect(res.status).toBe(401);
      expect(res.body).toEqual(wrongActive.body);
      expect(sessionCookieSet(res.headers)).toBe(false);
    }
    expect(await sessionCount(user.id)).toBe(0);
    // The server API path refuses too.
    await expect(auth().api.signInEmail({ body: { email: user.email, password: TEST_PASSWORD }, headers: new Headers() })).rejects.toMatchObject({
      statusCode: 401,
    });
    expect(await sessionCount(user.id)).toBe(0);
  });

  it("a session of a user deactivated afterwards stops on every auth endpoint: get-session, list-sessions, change-password, two-factor, sign-out", async () => {
    const user = await createUser(org.id, org.slug, "later", "agent");
    const cookie = await signIn(user);
    expect((await callJson("GET", "/api/auth/get-session", { cookie })).body?.user?.id).toBe(user.id);
    await setUserActive(user.id, false); // not through the admin API: no revocation happened
    const getSession = await callJson("GET", "/api/auth/get-session", { cookie });
    expect(getSession.status).toBe(200);
    expect(getSession.body).toBeNull();
    expect((await callJson("GET", "/api/auth/list-sessions", { cookie })).status).toBe(401);
    expect(
      (await callJson("POST", "/api/auth/change-password", { cookie, body: { currentPassword: TEST_PASSWORD, newPassword: "Lantern-orbit-cabbage-42" } }))
        .status,
    ).toBe(401);
    expect((await callJson("POST", "/api/auth/two-factor/enable", { cookie, body: { password: TEST_PASSWORD } })).status).toBe(401);
    expect((await callJson("POST", "/api/auth/two-factor/generate-backup-codes", { cookie, body: { password: TEST_PASSWORD } })).status).toBe(401);
    expect((await callJson("GET", "/api/me", { cookie })).status).toBe(401);
    expect(await sessionCount(user.id)).toBe(0);
    // Reactivation does not bring the old session back.
    await setUserActive(user.id, true);
    expect((await callJson("GET", "/api/auth/get-session", { cookie })).body).toBeNull();
    expect((await callJson("GET", "/api/me", { cookie: await signIn(user) })).status).toBe(200);
  });

  it("the server API's getSession (what getActor uses) sees no session either", async () => {
    const user = await createUser(org.id, org.slug, "server-read", "requester");
    const cookie = await signIn(user);
    await setUserActive(user.id, false);
    expect(await auth().api.getSession({ headers: new Headers({ cookie }) })).toBeNull();
    expect(await sessionCount(user.id)).toBe(0);
  });

  it("a two-factor sign-in whose user is deactivated between the password and the code gets no session", async () => {
    const user = await createUser(org.id, org.slug, "mfa-gone", "agent");
    const cookie = await signIn(user);
    const enable = await callJson("POST", "/api/auth/two-factor/enable", { cookie, body: { password: TEST_PASSWORD } });
    const secret = secretFromUri(enable.body.totpURI);
    expect((await callJson("POST", "/api/auth/two-factor/verify-totp", { cookie, body: { code: await totpCode(secret, -1) } })).status).toBe(200);
    const step1 = await callJson("POST", "/api/auth/sign-in/email", { body: { email: user.email, password: TEST_PASSWORD } });
    expect(step1.body).toMatchObject({ twoFactorRedirect: true });
    const pending = applySetCookies("", step1.headers.getSetCookie());
    await setUserActive(user.id, false);
    const before = await sessionCount(user.id); // the enrolment session, untouched since
    const step2 = await callJson("POST", "/api/auth/two-factor/verify-totp", { cookie: pending, body: { code: await totpCode(secret, 0) } });
    expect(step2.status).toBe(401);
    expect(sessionCookieSet(step2.headers)).toBe(false);
    expect(await sessionCount(user.id)).toBe(before);
  });
});
