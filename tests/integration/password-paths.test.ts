// S3, issue 9 item 13: every path that sets a password checks it with the account's context — the
// user's name and e-mail, the organization's name and slug, "Helpdesk", the years around today —
// whether it is open over HTTP (change-password, invite acceptance) or only to server code
// (reset-password, setPassword, sign-up). A refused new password costs no guess (S1).
import { applyDefaultRateLimits } from "../support/rate-limit-env";
applyDefaultRateLimits();
// This file judges a dozen passwords per account on several doors; the judgement budget has its own
// test (password-check-budget.test.ts).
process.env.PASSWORD_CHECKS_PER_ACCOUNT = "100000";

import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { auth } from "@/auth/better-auth";
import { deviceCookieName } from "@/auth/device-cookie";
import { passwordProblem } from "@/auth/password-policy";
import { db } from "@/db/client";
import { organizations } from "@/db/schema";
import { callJson } from "../support/api";
import { createOrg, createUser, signIn, TEST_PASSWORD, type TestOrg, type TestUser } from "../support/factory";

const STRONG = "violet-canyon-lantern-47";
const year = new Date().getUTCFullYear();

let org: TestOrg;
/** Passwords made of this organization's context, in several spellings: each is refused. */
let orgWeak: string[];
/** Fullwidth (as typed with a fullwidth keyboard mode). */
const fullwidth = (s: string) => [...s].map((c) => (c >= "!" && c <= "~" ? String.fromCharCode(c.charCodeAt(0) + 0xfee0) : c)).join("");
/**
 * The attack pass's classes (F4) built on this organization's name: quarter, fullwidth, sequence, love,
 * letter O for 0, a German season, a company suffix. Each passes the policy WITHOUT context, so a
 * refusal on a path proves that path handed the organization to the policy.
 */
const contextOnlyWeak = [
  `BluefinHarbor!${year}!Q1`,
  fullwidth(`BluefinHarbor${year}!!`),
  "BluefinHarbor12345678",
  `iloveBluefinHarbor${year}!!`,
  `BluefinHarbor2O${year % 100}!Q3`,
  `Sommer${year}!BluefinHarbor`,
  "HarborBluefinGmbH!Q2",
];

beforeAll(async () => {
  org = await createOrg("bluefin");
  await db().update(organizations).set({ name: "Bluefin Harbor" }).where(eq(organizations.id, org.id));
  const slugWord = org.slug.split("-")[1]!; // the random part of "bluefin-1a2b3c4d"
  orgWeak = [
    `BluefinHarbor${year}!!`,
    `Blu3f1n#Helpdesk#${year % 100}`,
    `Summer${year}!Harbor`,
    `Harbor-Bluefin-${year + 1}`,
    `${slugWord}Bluefin${year}!`,
    ...contextOnlyWeak,
  ];
});

describe("every path that sets a password uses the policy with the organization's context (S3, issue 9 item 13)", { timeout: 120_000 }, () => {
  it("the attack pass's context passwords are refused only with the organization's context (so the paths below prove it is passed)", () => {
    for (const weak of contextOnlyWeak) {
      expect(passwordProblem(weak, {}), weak).toBeNull();
      expect(passwordProblem(weak, { email: `x@${org.slug}.test`, orgName: "Bluefin Harbor", orgSlug: org.slug }), weak).toMatch(/too easy to guess/);
    }
  });

  it("change-password refuses the organization's name, slug and the app's name with years and seasons; a strong one is accepted", async () => {
    const user = await createUser(org.id, org.slug, "changer", "agent");
    const cookie = await signIn(user);
    for (const weak of orgWeak) {
      const res = await callJson("POST", "/api/auth/change-password", { cookie, body: { currentPassword: TEST_PASSWORD, newPassword: weak } });
      expect(res.status, weak).toBe(400);
      expect(res.body.code, weak).toBe("WEAK_PASSWORD");
      expect(res.body.message, weak).toMatch(/too easy to guess/);
    }
    const ok = await callJson("POST", "/api/auth/change-password", { cookie, body: { currentPassword: TEST_PASSWORD, newPassword: STRONG } });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
  });

  it("invite acceptance refuses them too, and the name the invitee gives themselves; the link stays usable", async () => {
    const adminCookie = await signIn(org.admin);
    const email = `quill-${randomBytes(3).toString("hex")}@${org.slug}.test`;
    const invited = await callJson("POST", "/api/admin/users/invites", { cookie: adminCookie, body: { name: "Quill Marsh", email, role: "agent" } });
    expect(invited.status).toBe(201);
    const token = String(invited.body.invitePath).split("/").pop()!;
    for (const weak of [...orgWeak, `QuillMarsh${year}!!`]) {
      const res = await callJson("POST", `/api/invites/${token}/accept`, { body: { password: weak } });
      expect(res.status, weak).toBe(400);
      expect(res.body.error.message, weak).toMatch(/too easy to guess/);
    }
    // A new name chosen with the password counts as the invitee's (the same password is fine for a "Quill Marsh").
    const renamed = await callJson("POST", `/api/invites/${token}/accept`, { body: { password: `Zephyrine#Okonkwo#${year}`, name: "Zephyrine Okonkwo" } });
    expect(renamed.status).toBe(400);
    expect((await callJson("POST", `/api/invites/${token}/accept`, { body: { password: STRONG } })).status).toBe(200);
  });

  it("the server-only paths refuse them: reset-password (by token), setPassword (by session), sign-up", async () => {
    const user = await createUser(org.id, org.slug, "resetter", "agent");
    const ctx = await auth().$context;
    const token = randomBytes(16).toString("hex");
    await ctx.internalAdapter.createVerificationValue({ identifier: `reset-password:${token}`, value: user.id, expiresAt: new Date(Date.now() + 600_000) });
    const headers = new Headers({ cookie: await signIn(user) });
    for (const weak of orgWeak) {
      await expect(auth().api.resetPassword({ body: { newPassword: weak, token } }), weak).rejects.toMatchObject({
        statusCode: 400,
        body: { code: "WEAK_PASSWORD" },
      });
      await expect(auth().api.setPassword({ body: { newPassword: weak }, headers }), weak).rejects.toMatchObject({
        statusCode: 400,
        body: { code: "WEAK_PASSWORD" },
      });
    }
    for (const weak of [`Helpdesk${year}!!`, "P@ssw0rd2026!!", "!QAZ@WSX#EDC$RFV"]) {
      await expect(auth().api.signUpEmail({ body: { email: `new@${org.slug}.test`, password: weak, name: "New One" } }), weak).rejects.toMatchObject({
        statusCode: 400,
        body: { code: "WEAK_PASSWORD" },
      });
    }
    // The token still works for a strong password.
    await expect(auth().api.resetPassword({ body: { newPassword: STRONG, token } })).resolves.toMatchObject({ status: true });
    await signIn(user, STRONG);
  });

  it("a refused new password costs no guess: six weak attempts, then the right password still works at every door (S1)", async () => {
    // Weak by any policy, old or new: the point is the budget, not the policy.
    const weak = ["password1234", "zaq12wsxcde3", "qwertyuiopasdf", "aaaaaaaaaaaaaa", "123456789012345", "hunter2hunter2"];
    const then: Array<[string, (user: TestUser, cookie: string) => Promise<number>]> = [
      [
        "verify-password",
        (_u, cookie) =>
          auth()
            .api.verifyPassword({ body: { password: TEST_PASSWORD }, headers: new Headers({ cookie }) })
            .then(
              () => 200,
              (e) => e.statusCode,
            ),
      ],
      ["sign-in", async (user) => (await callJson("POST", "/api/auth/sign-in/email", { body: { email: user.email, password: TEST_PASSWORD } })).status],
      [
        "change-password",
        async (_u, cookie) =>
          (await callJson("POST", "/api/auth/change-password", { cookie, body: { currentPassword: TEST_PASSWORD, newPassword: STRONG } })).status,
      ],
    ];
    for (const [label, door] of then) {
      const user = await createUser(org.id, org.slug, `weak-then-${label}`, "agent");
      const cookie = (await signIn(user))
        .split(/;\s*/)
        .filter((c) => !c.startsWith(`${deviceCookieName()}=`))
        .join("; ");
      for (const password of weak) {
        const res = await callJson("POST", "/api/auth/change-password", { cookie, body: { currentPassword: TEST_PASSWORD, newPassword: password } });
        expect(res.body.code, password).toBe("WEAK_PASSWORD");
      }
      expect(await door(user, cookie), label).toBe(200);
    }
  });
});
