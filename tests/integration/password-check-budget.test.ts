// Issue 9 follow-up (S3, S8): judging a new password is the costliest step before any other budget —
// a crafted 128-character password costs up to a second of CPU, and a refused one costs the user no
// guess — so each account gets PASSWORD_CHECKS_PER_ACCOUNT (20) judgements per 15 minutes, at every door
// that sets a password: change-password, reset-password (by token), setPassword, invite acceptance.
// A request that names no account (no session, an unknown token) is refused without any judgement.
import { applyDefaultRateLimits } from "../support/rate-limit-env";
applyDefaultRateLimits();

import { randomBytes } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { auth } from "@/auth/better-auth";
import { callJson } from "../support/api";
import { createOrg, createUser, signIn, TEST_PASSWORD, type TestOrg } from "../support/factory";

const BUDGET = 20;
const STRONG = "violet-canyon-lantern-47";
/** The estimator's worst case found so far: l33t substitutions all the way (about a second of CPU). */
const COSTLY = "4@8({[<3691!|0$5+7%2".repeat(7).slice(0, 128);
const weak = (i: number) => `Password${i}!Password${i}`;

let org: TestOrg;
beforeAll(async () => {
  org = await createOrg("pw-budget");
});

async function resetToken(userId: string): Promise<string> {
  const token = randomBytes(16).toString("hex");
  const ctx = await auth().$context;
  await ctx.internalAdapter.createVerificationValue({ identifier: `reset-password:${token}`, value: userId, expiresAt: new Date(Date.now() + 600_000) });
  return token;
}

describe("new passwords judged per account: 20 per 15 minutes at every door (issue 9 follow-up)", { timeout: 120_000 }, () => {
  it("change-password: the 21st new password of a signed-in user is 429 before it is judged; no guess was taken; others are unaffected", async () => {
    const [user, neighbour] = await Promise.all([createUser(org.id, org.slug, "changer", "agent"), createUser(org.id, org.slug, "neighbour", "agent")]);
    const cookie = await signIn(user);
    const change = (newPassword: string, c = cookie) =>
      callJson("POST", "/api/auth/change-password", { cookie: c, body: { currentPassword: TEST_PASSWORD, newPassword } });
    for (let i = 0; i < BUDGET; i++) {
      const res = await change(weak(i));
      expect(res.status, `attempt ${i + 1}`).toBe(400);
      expect(res.body.code).toBe("WEAK_PASSWORD");
    }
    for (const newPassword of [weak(99), COSTLY, STRONG]) {
      const res = await change(newPassword);
      expect(res.status, newPassword).toBe(429);
      expect(res.body.code).toBe("rate_limited");
      expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(0);
    }
    // The current password was never checked: the account's sign-in budget is whole.
    expect(await signIn(user)).toBeTruthy();
    // Another account's budget is its own.
    const other = await change(weak(1), await signIn(neighbour));
    expect(other.status).toBe(400);
    expect(other.body.code).toBe("WEAK_PASSWORD");
  });

  it("reset-password by token and setPassword share the account's budget; an unknown token is refused unjudged", async () => {
    const user = await createUser(org.id, org.slug, "resetter", "agent");
    const token = await resetToken(user.id);
    const reset = (newPassword: string, t = token) => callJson("POST", "/api/auth/reset-password", { body: { token: t, newPassword } });
    for (let i = 0; i < BUDGET / 2; i++) expect((await reset(weak(i))).body.code).toBe("WEAK_PASSWORD");
    const headers = new Headers({ cookie: await signIn(user) });
    for (let i = 0; i < BUDGET / 2; i++) {
      await expect(auth().api.setPassword({ body: { newPassword: weak(i) }, headers })).rejects.toMatchObject({
        statusCode: 400,
        body: { code: "WEAK_PASSWORD" },
      });
    }
    const refused = await reset(STRONG);
    expect(refused.status).toBe(429);
    await expect(auth().api.setPassword({ body: { newPassword: STRONG }, headers })).rejects.toMatchObject({ statusCode: 429 });

    // Tokens that name no account: the library's own refusal, never a judgement — a weak or a costly
    // password gets the same answer as a strong one, and no budget is touched.
    for (const t of ["x".repeat(32), randomBytes(16).toString("hex"), `${token}x`]) {
      for (const newPassword of [weak(1), COSTLY, STRONG]) {
        const res = await reset(newPassword, t);
        expect(res.status, `${t} ${newPassword}`).toBe(400);
        expect(res.body.code).toBe("INVALID_TOKEN");
      }
    }
  });

  it("invite acceptance: the 21st password for one invite link is 429; the link stays usable afterwards", async () => {
    const adminCookie = await signIn(org.admin);
    const invited = await callJson("POST", "/api/admin/users/invites", {
      cookie: adminCookie,
      body: { name: "Invitee", email: `invitee-${randomBytes(3).toString("hex")}@pw-budget.test`, role: "agent" },
    });
    expect(invited.status).toBe(201);
    const token = String(invited.body.invitePath).split("/").pop()!;
    const accept = (password: string) => callJson("POST", `/api/invites/${token}/accept`, { body: { password } });
    for (let i = 0; i < BUDGET; i++) expect((await accept(weak(i))).status, `attempt ${i + 1}`).toBe(400);
    const refused = await accept(STRONG);
    expect(refused.status).toBe(429);
    expect(refused.body.error.code).toBe("rate_limited");
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    // Nothing was spent: once the window passes the same link accepts a strong password (here: the
    // budget's key is the invitee, so clearing it stands in for the 15 minutes).
    const { reset } = await import("@/lib/rate-limit/limiter");
    await reset("password_check.account", invited.body.user.id);
    expect((await accept(STRONG)).status).toBe(200);
  });
});
