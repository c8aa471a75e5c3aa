// Issue 9 item 13: no session token in any auth response body (nested objects and arrays included) and no
// self-chosen display name that staff could mistake for someone else. (An invite of an address that exists
// in another organization: invite-enumeration.test.ts.)
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { auth } from "@/auth/better-auth";
import { db } from "@/db/client";
import { sessions, users } from "@/db/schema";
import { resolveUserNames } from "@/domain/directory/resolve-user-names";
import { callJson } from "../support/api";
import { applySetCookies } from "../support/cookies";
import { createOrg, createUser, signIn, TEST_PASSWORD, type TestOrg } from "../support/factory";
import { secretFromUri, totpCode } from "../support/totp";

let org: TestOrg;
beforeAll(async () => {
  org = await createOrg("responses");
});

/** Every key anywhere in a JSON value. */
function keysDeep(value: unknown, out: string[] = []): string[] {
  if (Array.isArray(value)) for (const v of value) keysDeep(v, out);
  else if (value && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) {
      out.push(k);
      keysDeep(v, out);
    }
  }
  return out;
}

describe("no session tokens in auth response bodies (issue 9 item 13)", () => {
  it("get-session, list-sessions, sign-in and two-factor verify carry no token at any depth, nor any session token value", async () => {
    const user = await createUser(org.id, org.slug, "tokens", "agent");
    const second = await signIn(user); // a second session, so list-sessions has several items
    const signInRes = await callJson("POST", "/api/auth/sign-in/email", { body: { email: user.email, password: TEST_PASSWORD } });
    const cookie = applySetCookies("", signInRes.headers.getSetCookie());
    const tokens = (await db().select({ token: sessions.token }).from(sessions).where(eq(sessions.userId, user.id))).map((r) => r.token);
    expect(tokens.length).toBeGreaterThanOrEqual(2);
    const getSession = await callJson("GET", "/api/auth/get-session", { cookie });
    const list = await callJson("GET", "/api/auth/list-sessions", { cookie: second });
    expect(getSession.body.session.id).toBeTruthy();
    expect(list.body.length).toBeGreaterThanOrEqual(2);
    // Two-factor: enable (returns secrets the user needs), then a two-step sign-in.
    const enable = await callJson("POST", "/api/auth/two-factor/enable", { cookie, body: { password: TEST_PASSWORD } });
    const secret = secretFromUri(enable.body.totpURI);
    const confirm = await callJson("POST", "/api/auth/two-factor/verify-totp", { cookie, body: { code: await totpCode(secret, -1) } });
    const step1 = await callJson("POST", "/api/auth/sign-in/email", { body: { email: user.email, password: TEST_PASSWORD } });
    const step2 = await callJson("POST", "/api/auth/two-factor/verify-totp", {
      cookie: applySetCookies("", step1.headers.getSetCookie()),
      body: { code: await totpCode(secret, 0) },
    });
    expect(step2.status).toBe(200);
    const allTokens = (await db().select({ token: sessions.token }).from(sessions).where(eq(sessions.userId, user.id))).map((r) => r.token).concat(tokens);
    for (const [label, res] of Object.entries({ signInRes, getSession, list, confirm, step2 })) {
      expect(keysDeep(res.body), label).not.toContain("token");
      const text = JSON.stringify(res.body);
      for (const t of allTokens) expect(text.includes(t), label).toBe(false);
    }
  });
});

describe("display names (issue 9 items 11 and 13)", () => {
  it("update-user is refused over HTTP for every payload (Ada Admin, NUL byte, 121 characters) and nothing changes", async () => {
    const user = await createUser(org.id, org.slug, "renamer", "requester");
    const cookie = await signIn(user);
    for (const name of ["Ada Admin", "Ada\u0000Admin", "x".repeat(121), "Ada\nAdmin"]) {
      const res = await callJson("POST", "/api/auth/update-user", { cookie, body: { name } });
      expect(res.status, JSON.stringify(name)).toBe(404);
      expect(res.body.error.code).toBe("not_found");
    }
    const [row] = await db().select({ name: users.name }).from(users).where(eq(users.id, user.id));
    expect(row!.name).toBe(`renamer ${org.slug}`);
  });

  it("the server API's update-user validates the name: NUL, control characters and 121 characters are a 400, not a 500", async () => {
    const user = await createUser(org.id, org.slug, "server-rename", "requester");
    const headers = new Headers({ cookie: await signIn(user) });
    for (const name of ["Ada\u0000Admin", "x".repeat(121), "Ada\u202eAdmin\u0007", "   "]) {
      await expect(auth().api.updateUser({ body: { name }, headers }), JSON.stringify(name)).rejects.toMatchObject({ statusCode: 400 });
    }
  });

  it("a NUL byte or another control character in any auth body is a 400 naming the field, never a 500 (sign-in, change-password, two-factor)", async () => {
    const user = await createUser(org.id, org.slug, "nul-bytes", "agent");
    const cookie = await signIn(user);
    const cases: Array<[string, Record<string, unknown>, string | undefined, string]> = [
      ["/api/auth/sign-in/email", { email: `nul\u0000${user.email}`, password: TEST_PASSWORD }, undefined, "email"],
      ["/api/auth/sign-in/email", { email: user.email, password: `x\u0000${TEST_PASSWORD}` }, undefined, "password"],
      ["/api/auth/change-password", { currentPassword: TEST_PASSWORD, newPassword: "Lantern\u001borbit-cabbage-42" }, cookie, "newPassword"],
      ["/api/auth/two-factor/enable", { password: TEST_PASSWORD, issuer: "Evil\u0085Corp" }, cookie, "issuer"],
    ];
    for (const [path, body, session, field] of cases) {
      const res = await callJson("POST", path, { cookie: session, body });
      expect(res.status, `${path} ${field}`).toBe(400);
      expect(res.body.error.code).toBe("invalid");
      expect(res.body.error.details).toEqual([{ path: field, message: expect.any(String) }]);
    }
    expect((await callJson("GET", "/api/me", { cookie })).status).toBe(200);
  });

  it("staff see a person's name with role and e-mail; a requester called 'Ada Admin' is shown as a requester", async () => {
    const impostor = await createUser(org.id, org.slug, "impostor", "requester");
    await db().update(users).set({ name: "Ada Admin" }).where(eq(users.id, impostor.id));
    const staffActor = {
      userId: org.agent.id,
      orgId: org.id,
      role: "agent" as const,
      name: "agent",
      sessionId: "s",
      mfaEnabled: false,
      mfaRequired: false,
      ip: null,
      userAgent: null,
    };
    const names = await resolveUserNames(staffActor, [impostor.id]);
    expect(names.get(impostor.id)).toBe(`Ada Admin (requester, ${impostor.email})`);
    const directory = await callJson("GET", "/api/directory", { cookie: await signIn(org.agent) });
    const admin = directory.body.agents.find((a: { id: string }) => a.id === org.admin.id);
    expect(admin.label).toBe(`admin ${org.slug} (admin, ${org.admin.email})`);
    // The ticket page shows the label (server-rendered HTML of the page module is checked in e2e); the
    // requester's own view keeps names only.
    const requesterNames = await resolveUserNames({ ...staffActor, userId: impostor.id, role: "requester" }, [org.agent.id]);
    expect(requesterNames.get(org.agent.id)).toBe(`agent ${org.slug}`);
  });
});
