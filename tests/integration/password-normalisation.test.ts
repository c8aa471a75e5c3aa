// S1, S3 (NIST SP 800-63B 5.1.1.2): a password is one password however it is typed. Set with fullwidth
// letters from an IME, it signs in typed in ASCII; set with a precomposed "é", it signs in with "e" and a
// combining accent — at every door that sets one (change-password, invite acceptance) and at sign-in.
// Hashes made before normalisation (of the password as typed) still sign in.
import { randomBytes, randomUUID } from "node:crypto";
import { hashPassword as scryptHash } from "better-auth/crypto";
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { verifyPassword } from "@/auth/password-hashing";
import { db } from "@/db/client";
import { accounts } from "@/db/schema";
import { callJson } from "../support/api";
import { createOrg, createUser, signIn, TEST_PASSWORD, type TestOrg } from "../support/factory";

const fullwidth = (s: string) => [...s].map((c) => (c >= "!" && c <= "~" ? String.fromCharCode(c.charCodeAt(0) + 0xfee0) : c)).join("");
const signInAs = (email: string, password: string) => callJson("POST", "/api/auth/sign-in/email", { body: { email, password } });

let org: TestOrg;
beforeAll(async () => {
  org = await createOrg("pw-nfkc");
});

describe("passwords are normalised (NFKC) before hashing (S1, S3)", { timeout: 60_000 }, () => {
  it("change-password with fullwidth letters: the ASCII spelling signs in, and the fullwidth one still does", async () => {
    const user = await createUser(org.id, org.slug, "ime", "agent");
    const ascii = `Canyon-lantern-violet-${randomBytes(2).toString("hex")}`;
    const changed = await callJson("POST", "/api/auth/change-password", {
      cookie: await signIn(user),
      body: { currentPassword: TEST_PASSWORD, newPassword: fullwidth(ascii) },
    });
    expect(changed.status, JSON.stringify(changed.body)).toBe(200);
    expect((await signInAs(user.email, ascii)).status).toBe(200);
    expect((await signInAs(user.email, fullwidth(ascii))).status).toBe(200);
    expect((await signInAs(user.email, `${ascii}x`)).status).toBe(401);
  });

  it("invite acceptance with a precomposed é: the decomposed spelling signs in", async () => {
    const admin = await signIn(org.admin);
    const invited = await callJson("POST", "/api/admin/users/invites", {
      cookie: admin,
      body: { name: "Accent", email: `accent-${randomBytes(3).toString("hex")}@pw-nfkc.test`, role: "agent" },
    });
    expect(invited.status).toBe(201);
    const token = String(invited.body.invitePath).split("/").pop()!;
    const composed = "café-orchid-thunder-82";
    expect((await callJson("POST", `/api/invites/${token}/accept`, { body: { password: composed } })).status).toBe(200);
    const decomposed = composed.normalize("NFD");
    expect(decomposed).not.toBe(composed);
    expect((await signInAs(invited.body.user.email, decomposed)).status).toBe(200);
  });

  it("a hash made of the password as typed (before normalisation) still signs in", async () => {
    const user = await createUser(org.id, org.slug, "legacy", "agent");
    const typed = fullwidth(`Legacy-harbor-${randomUUID().slice(0, 6)}`);
    await db()
      .update(accounts)
      .set({ password: await scryptHash(typed) })
      .where(and(eq(accounts.userId, user.id), eq(accounts.providerId, "credential")));
    expect((await signInAs(user.email, typed)).status).toBe(200);
    expect(await verifyPassword({ hash: await scryptHash(typed), password: "something else" })).toBe(false);
  });
});
