// Issue 12: a user who forgot their password resets it through a link e-mailed to their address — Better
// Auth's request-password-reset and reset-password, behind our door. The request answers the same for every
// address (existing, unknown, deactivated, pending invitee) and only an active account gets a mail; the
// link works once, for 30 minutes, and a newer one replaces it; a reset ends every session, every device
// cookie's standing and every other link; the password policy applies with the organization's context;
// requests are limited per client address and per e-mail address; tokens are hashed at rest and sealed
// in the outbox. Real routes, PostgreSQL, the worker's functions and an SMTP sink. (Timing: the timing
// project, password-reset-timing.test.ts.)
import { applyDefaultRateLimits } from "../support/rate-limit-env";
applyDefaultRateLimits();

import { randomUUID } from "node:crypto";
import { and, eq, like } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deviceCookieName } from "@/auth/device-cookie";
import { settleSecurityAudits } from "@/auth/hooks/security-audit-later";
import { db } from "@/db/client";
import { auditEvents, organizations, outboxMessages, passwordResetRequests, users, verifications } from "@/db/schema";
import { processPasswordResetRequests } from "@/domain/account/process-password-reset-requests";
import { deliverOutbox } from "@/jobs/deliver-outbox";
import { callJson, fromIp } from "../support/api";
import { createOrg, createUser, setUserActive, signIn, TEST_PASSWORD, type TestOrg, type TestUser } from "../support/factory";
import { type SinkMail, type SmtpSink, startSmtpSink } from "../support/smtp-sink";

const NEW_PASSWORD = "marble-orchid-thunder-82";

let smtp: SmtpSink;
let org: TestOrg;

beforeAll(async () => {
  smtp = await startSmtpSink();
  org = await createOrg("reset");
  await db().update(organizations).set({ name: "Quokka Freight" }).where(eq(organizations.id, org.id));
});

afterAll(async () => {
  await smtp.close();
});

let n = 0;
const freshUser = (role: "agent" | "requester" = "requester") => createUser(org.id, org.slug, `reset-${++n}-${randomUUID().slice(0, 6)}`, role);
const requestReset = (email: string, headers: Record<string, string> = {}) =>
  callJson("POST", "/api/auth/request-password-reset", { body: { email }, headers });
const reset = (token: unknown, newPassword = NEW_PASSWORD) => callJson("POST", "/api/auth/reset-password", { body: { token, newPassword } });
const signInAttempt = (email: string, password: string, cookie?: string) => callJson("POST", "/api/auth/sign-in/email", { body: { email, password }, cookie });

/** What the worker does every run: reset requests become outbox mails, then the outbox is delivered. */
async function work() {
  const requests = await processPasswordResetRequests();
  await deliverOutbox({ organizationId: org.id });
  return requests;
}

const mailsTo = (email: string) => smtp.received.filter((m) => m.rcptTo.includes(email.toLowerCase()));
function tokenIn(mail: SinkMail): string {
  const match = /\/app\/reset-password#token=([A-Za-z0-9%_-]+)/.exec(mail.parsed.text ?? "");
  if (!match) throw new Error(`no reset link in: ${mail.parsed.text}`);
  return decodeURIComponent(match[1]!);
}
async function linkFor(user: Pick<TestUser, "email">): Promise<string> {
  const before = mailsTo(user.email).length;
  expect((await requestReset(user.email)).status).toBe(200);
  await work();
  const mails = mailsTo(user.email);
  expect(mails.length, "one new reset mail").toBe(before + 1);
  return tokenIn(mails.at(-1)!);
}
const auditOf = async (userId: string, action: string) => {
  await settleSecurityAudits();
  return db()
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.organizationId, org.id), eq(auditEvents.targetId, userId), eq(auditEvents.action, action)));
};

describe("asking for a reset link tells nothing about the address (issue 12)", () => {
  it("existing, unknown, deactivated and pending addresses get the same answer; only the active account gets a mail", async () => {
    const active = await freshUser();
    const deactivated = await freshUser();
    await setUserActive(deactivated.id, false);
    const adminCookie = await signIn(org.admin);
    const pendingEmail = `pending-${randomUUID().slice(0, 8)}@${org.slug}.test`;
    const invited = await callJson("POST", "/api/admin/users/invites", {
      cookie: adminCookie,
      body: { name: "Pending Pat", email: pendingEmail, role: "agent" },
    });
    expect(invited.status).toBe(201);
    await deliverOutbox({ organizationId: org.id }); // the invitation itself goes out first
    const unknown = `nobody-${randomUUID().slice(0, 8)}@${org.slug}.test`;

    const answers = [];
    for (const email of [active.email, unknown, deactivated.email, pendingEmail, active.email.toUpperCase()]) {
      const res = await requestReset(email);
      answers.push({ status: res.status, body: res.body, contentType: res.headers.get("content-type") });
    }
    expect(answers[0]).toEqual({
      status: 200,
      body: { status: true, message: expect.stringContaining("If this email exists") },
      contentType: expect.any(String),
    });
    for (const a of answers) expect(a).toEqual(answers[0]);

    const sentBefore = smtp.received.length;
    await work();
    const sent = smtp.received.slice(sentBefore);
    // Two requests for the active account (the second spelled in capitals): the newer link replaces the
    // older, whose queued mail is then withheld — one mail, to the active account only.
    expect(sent.map((m) => m.rcptTo)).toEqual([[active.email]]);
    expect(sent[0]!.parsed.subject).toBe("Reset your Helpdesk password");
    expect(sent[0]!.parsed.text).toContain("Quokka Freight");
    expect(sent[0]!.parsed.headers.get("auto-submitted")).toBe("auto-generated");
    expect(
      await db()
        .select()
        .from(passwordResetRequests)
        .where(like(passwordResetRequests.email, `%@${org.slug}.test`)),
    ).toHaveLength(0);

    expect(await auditOf(active.id, "auth.password_reset_requested")).toHaveLength(2);
    expect(await auditOf(deactivated.id, "auth.password_reset_refused")).toEqual([expect.objectContaining({ data: { reason: "inactive" } })]);
    expect(await db().select().from(verifications).where(eq(verifications.value, deactivated.id))).toHaveLength(0);
  });

  it("refuses a body that is not just an e-mail address (400), before anything is queued", async () => {
    for (const body of [{ email: "not-an-address" }, { email: "a@b.test", redirectTo: "https://evil.example/steal" }, {}, { email: ["a@b.test"] }]) {
      const res = await callJson("POST", "/api/auth/request-password-reset", { body });
      expect(res.status, JSON.stringify(body)).toBe(400);
    }
    expect(await db().select().from(passwordResetRequests).where(eq(passwordResetRequests.email, "a@b.test"))).toHaveLength(0);
  });
});

describe("the reset link (issue 12)", () => {
  it("works once: new password in, old one out, every session and device cookie ended, audited", async () => {
    const user = await freshUser("agent");
    const session = await signIn(user);
    const device = session.split("; ").find((c) => c.startsWith(`${deviceCookieName()}=`))!;
    expect(device).toBeDefined();
    expect((await callJson("GET", "/api/me", { cookie: session })).status).toBe(200);

    const token = await linkFor(user);
    const versionOf = async () => (await db().select({ v: users.credentialVersion }).from(users).where(eq(users.id, user.id)))[0]!.v;
    const before = await versionOf();
    const ok = await reset(token);
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);

    const unknown = await reset("x".repeat(24));
    expect(unknown.status).toBe(400);
    // The same link again, and spelled differently: the unknown token's answer.
    for (const again of [token, token.toUpperCase(), ` ${token}`]) {
      const res = await reset(again, "another-strong-phrase-19");
      expect({ status: res.status, body: res.body }, again).toEqual({ status: unknown.status, body: unknown.body });
    }
    expect((await callJson("GET", "/api/me", { cookie: session })).status).toBe(401);
    expect((await signInAttempt(user.email, TEST_PASSWORD)).status).toBe(401);
    expect((await signInAttempt(user.email, NEW_PASSWORD)).status).toBe(200);

    // Every device cookie issued before is bound to the old credential version (migration 0017).
    expect(await versionOf()).toBeGreaterThan(before);
    expect(await auditOf(user.id, "auth.password_reset")).toEqual([
      expect.objectContaining({ actorId: user.id, data: expect.objectContaining({ sessionsRevoked: true, devicesRevoked: true }) }),
    ]);
  });

  it("ends the device cookie's own guess budget: after a reset, the old cookie is an unknown client", async () => {
    // Control and attack side by side: two users, each signed in once in "their" browser (device cookie),
    // then locked for unknown clients by five wrong passwords. Only the second resets in between.
    const [kept, resetter] = [await freshUser(), await freshUser()];
    const deviceOf = async (u: TestUser) => (await signIn(u)).split("; ").find((c) => c.startsWith(`${deviceCookieName()}=`))!;
    const [keptDevice, resetDevice] = [await deviceOf(kept), await deviceOf(resetter)];
    await signInAttempt(resetter.email, "wrong-password-0"); // resetter: the reset comes first, then the lockout
    const token = await linkFor(resetter);
    expect((await reset(token)).status).toBe(200);
    for (const u of [kept, resetter]) for (let i = 0; i < 5; i++) await signInAttempt(u.email, `wrong-password-${i}-${u.id}`);
    expect((await signInAttempt(kept.email, TEST_PASSWORD)).status).toBe(429);
    expect((await signInAttempt(resetter.email, NEW_PASSWORD)).status).toBe(429);
    // The user's own browser from before: still its own budget for the one who did not reset...
    expect((await signInAttempt(kept.email, TEST_PASSWORD, keptDevice)).status).toBe(200);
    // ...and locked out like any client for the one who did: whoever held that cookie lost its standing.
    expect((await signInAttempt(resetter.email, NEW_PASSWORD, resetDevice)).status).toBe(429);
  });

  it("expires after 30 minutes: the stored expiry, an expired link refused, its queued mail withheld", async () => {
    const user = await freshUser();
    const token = await linkFor(user);
    const [row] = await db()
      .select()
      .from(verifications)
      .where(and(eq(verifications.value, user.id), like(verifications.identifier, "reset-password-sha256:%")));
    const minutes = (row!.expiresAt.getTime() - Date.now()) / 60_000;
    expect(minutes).toBeGreaterThan(28);
    expect(minutes).toBeLessThanOrEqual(30);
    await db()
      .update(verifications)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(verifications.id, row!.id));
    const unknown = await reset("y".repeat(24));
    const expired = await reset(token);
    expect({ status: expired.status, body: expired.body }).toEqual({ status: unknown.status, body: unknown.body });
    expect((await signInAttempt(user.email, TEST_PASSWORD)).status).toBe(200);

    // A mail still waiting when its link expires is not sent.
    expect((await requestReset(user.email)).status).toBe(200);
    await processPasswordResetRequests();
    await db()
      .update(verifications)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(and(eq(verifications.value, user.id), like(verifications.identifier, "reset-password-sha256:%")));
    const before = mailsTo(user.email).length;
    expect((await deliverOutbox({ organizationId: org.id })).withheld).toBeGreaterThanOrEqual(1);
    expect(mailsTo(user.email)).toHaveLength(before);
  });

  it("a newer link replaces the older one", async () => {
    const user = await freshUser();
    const first = await linkFor(user);
    const second = await linkFor(user);
    expect(second).not.toBe(first);
    expect((await reset(first)).status).toBe(400);
    expect((await reset(second)).status).toBe(200);
  });

  it("a link of a user deactivated since it was sent is refused like an unknown one", async () => {
    const user = await freshUser();
    const token = await linkFor(user);
    await setUserActive(user.id, false);
    const unknown = await reset("z".repeat(24));
    const res = await reset(token);
    expect({ status: res.status, body: res.body }).toEqual({ status: unknown.status, body: unknown.body });
    await setUserActive(user.id, true);
    expect((await signInAttempt(user.email, TEST_PASSWORD)).status).toBe(200);
  });

  it("a link dies with the credentials it was sent against: a password change, a deactivation (reactivated: still dead), an address change (attack pass B3)", async () => {
    const unknown = await reset("q".repeat(24));
    const refusedLike = async (token: string, why: string) => {
      const res = await reset(token);
      expect({ status: res.status, body: res.body }, why).toEqual({ status: unknown.status, body: unknown.body });
    };
    // Changed through change-password after the link was sent (the owner remembered it; or an attacker holds the mail).
    const changer = await freshUser();
    const token1 = await linkFor(changer);
    const changed = await callJson("POST", "/api/auth/change-password", {
      cookie: await signIn(changer),
      body: { currentPassword: TEST_PASSWORD, newPassword: "quartz-meadow-falcon-63" },
    });
    expect(changed.status).toBe(200);
    await refusedLike(token1, "after change-password");
    // Deactivated, then reactivated by an admin: the link does not come back.
    const sleeper = await freshUser();
    const token2 = await linkFor(sleeper);
    await setUserActive(sleeper.id, false);
    await setUserActive(sleeper.id, true);
    await refusedLike(token2, "after deactivation and reactivation");
    // The account's address changed: the link went to the old mailbox.
    const mover = await freshUser();
    const token3 = await linkFor(mover);
    await db()
      .update(users)
      .set({ email: `moved-${randomUUID().slice(0, 8)}@${org.slug}.test` })
      .where(eq(users.id, mover.id));
    await refusedLike(token3, "after an address change");
    // None of it touched the links of anyone else.
    const bystander = await freshUser();
    const token4 = await linkFor(bystander);
    await setUserActive(sleeper.id, false);
    expect((await reset(token4)).status).toBe(200);
  });

  it("the new password meets the policy with the organization's context; a refused one leaves the link usable", async () => {
    const user = await freshUser();
    const token = await linkFor(user);
    const year = new Date().getUTCFullYear();
    for (const weak of [`QuokkaFreight${year}!`, `Freight-Quokka-${year}`, "password1234", "short"]) {
      const res = await reset(token, weak);
      expect(res.status, weak).toBe(400);
      expect(["WEAK_PASSWORD", "PASSWORD_TOO_SHORT"], weak).toContain(res.body.code);
    }
    expect((await reset(token)).status).toBe(200);
  });

  it("keeps tokens hashed at rest and sealed in the outbox: a database read yields no working link", async () => {
    const user = await freshUser();
    const token = await linkFor(user);
    const stored = await db().select().from(verifications).where(eq(verifications.value, user.id));
    expect(stored).toHaveLength(1);
    expect(stored[0]!.identifier).toMatch(/^reset-password-sha256:[0-9a-f]{64}$/);
    expect(JSON.stringify(stored)).not.toContain(token);
    const queued = await db().select().from(outboxMessages).where(eq(outboxMessages.eventType, "auth.password_reset"));
    const mine = queued.filter((q) => (q.payload as { recipientId?: string }).recipientId === user.id);
    expect(mine).toHaveLength(1);
    expect(JSON.stringify(mine)).not.toContain(token);
    // What a reader of the tables holds, sent back as a token: refused.
    const hash = stored[0]!.identifier.split(":")[1]!;
    for (const guess of [hash, stored[0]!.identifier, (mine[0]!.payload as { sealedToken: string }).sealedToken]) {
      expect((await reset(guess)).status, guess).toBe(400);
    }
    expect((await reset(token)).status).toBe(200);
  });
});

describe("reset requests are limited per client address and per e-mail address (issue 12)", () => {
  it("the 4th request for one address within the hour is 429 — the same for an existing and an unknown address", async () => {
    const user = await freshUser();
    const unknown = `ghost-${randomUUID().slice(0, 8)}@${org.slug}.test`;
    for (const email of [user.email, unknown]) {
      for (let i = 0; i < 3; i++) expect((await requestReset(email)).status, `${email} #${i + 1}`).toBe(200);
    }
    const [a, b] = [await requestReset(user.email), await requestReset(unknown.toUpperCase())];
    expect(a.status).toBe(429);
    expect(a.headers.get("retry-after")).toMatch(/^\d+$/);
    expect({ status: b.status, body: b.body }).toEqual({ status: a.status, body: a.body });
    // From other addresses too: the limit is the e-mail address's.
    expect((await requestReset(user.email, fromIp("198.51.100.7"))).status).toBe(429);
    await processPasswordResetRequests();
  });

  it("the 11th request from one client address within the hour is 429, whatever the e-mail; another address is not affected", async () => {
    const ip = "203.0.113.55";
    for (let i = 0; i < 10; i++) {
      expect((await requestReset(`spray-${i}-${randomUUID().slice(0, 6)}@${org.slug}.test`, fromIp(ip))).status).toBe(200);
    }
    const user = await freshUser();
    expect((await requestReset(user.email, fromIp(ip))).status).toBe(429);
    // Another client address is not affected.
    expect((await requestReset(user.email, fromIp("203.0.113.56"))).status).toBe(200);
    await processPasswordResetRequests();
  });
});
