// Issue 12: invitations go by e-mail, and accepting one proves the address is the invitee's. Closes two
// findings of the invite flow:
// F2 — an invite link could be claimed across tenants: whoever held it (the inviting admin got it in the
//   API answer) could make an address theirs in the inviting organization, locking its real owner out of
//   every other organization (one address, one account). Now the link goes only to the mailbox, bound to
//   the organization, the user and the address, works once, and an account of another organization can
//   never become (or attach to) the invitee.
// F3 — the accept endpoint's answers were an oracle (a link for an address taken elsewhere answered before
//   the password was looked at). Now every unusable link — unknown, used, expired, revoked, rebound, taken
//   elsewhere — gets one answer after the same work.
import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { accounts, adminInvites, auditEvents, outboxMessages, users } from "@/db/schema";
import { hashInviteToken } from "@/domain/admin/invite-token";
import { deliverOutbox } from "@/jobs/deliver-outbox";
import { callJson } from "../support/api";
import { createOrg, createUser, setUserActive, signIn, TEST_PASSWORD, type TestOrg } from "../support/factory";
import { type SinkMail, type SmtpSink, startSmtpSink } from "../support/smtp-sink";

const NEW_PASSWORD = "violet-canyon-lantern-47";

let smtp: SmtpSink;
let org: TestOrg;
let other: TestOrg;
let adminCookie: string;
let otherAdminCookie: string;

beforeAll(async () => {
  smtp = await startSmtpSink();
  [org, other] = await Promise.all([createOrg("invite-mail"), createOrg("invite-mail-other")]);
  [adminCookie, otherAdminCookie] = await Promise.all([signIn(org.admin), signIn(other.admin)]);
});

afterAll(async () => {
  await smtp.close();
});

const rand = () => randomUUID().slice(0, 8);
const freshAddress = (label: string) => `${label}-${rand()}@mailbox-${rand()}.test`;
const invite = (email: string, cookie = adminCookie, name = "Ivy Invitee") =>
  callJson("POST", "/api/admin/users/invites", { cookie, body: { name, email, role: "agent" } });
const accept = (token: string, body: Record<string, unknown> = { password: NEW_PASSWORD }) => callJson("POST", `/api/invites/${token}/accept`, { body });
const deliverAll = async () => {
  await deliverOutbox({ organizationId: org.id });
  await deliverOutbox({ organizationId: other.id });
};
const mailsTo = (email: string) => smtp.received.filter((m) => m.rcptTo.includes(email.toLowerCase()));
const tokenIn = (m: SinkMail) => /\/app\/invite\/([A-Za-z0-9_-]{43})\b/.exec(m.parsed.text ?? "")?.[1] ?? null;

/** Invites `email`, delivers, and returns the user id and the token from the invitee's mailbox. */
async function invited(email: string, cookie = adminCookie) {
  const res = await invite(email, cookie);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  await deliverAll();
  const mail = mailsTo(email).at(-1);
  return { userId: res.body.user.id as string, answer: res.body, mail, token: mail ? tokenIn(mail) : null };
}

describe("the invitation goes to the invitee's mailbox only (issue 12, F2)", () => {
  it("the admin gets no link — not in the answer, the user list or the audit trail — and the outbox holds it sealed", async () => {
    const email = freshAddress("ivy");
    const res = await invite(email);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ delivery: "email", user: { email, status: "invited" } });
    expect(res.body.invitePath).toBeUndefined();
    expect(res.body.inviteUrl).toBeUndefined();
    const [row] = await db().select().from(adminInvites).where(eq(adminInvites.userId, res.body.user.id));
    expect(row).toMatchObject({ organizationId: org.id, email, usedAt: null });

    await deliverAll();
    const mails = mailsTo(email);
    expect(mails).toHaveLength(1);
    const token = tokenIn(mails[0]!)!;
    expect(hashInviteToken(token)).toBe(row!.tokenHash);
    expect(mails[0]!.parsed.subject).toBe("You are invited to the invite-mail helpdesk");
    expect(mails[0]!.parsed.headers.get("auto-submitted")).toBe("auto-generated");
    expect(String(mails[0]!.parsed.html)).toContain(`/app/invite/${token}`);

    // Nowhere else: the answer, the admin's list, the audit trail, the queued payload, any other mailbox.
    const listed = await callJson("GET", `/api/admin/users?q=${encodeURIComponent(email)}`, { cookie: adminCookie });
    const audit = await db()
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.organizationId, org.id), eq(auditEvents.targetId, res.body.user.id)));
    const queued = await db().select().from(outboxMessages).where(eq(outboxMessages.eventType, "user.invited"));
    for (const [where, value] of Object.entries({ answer: res.body, listed: listed.body, audit, queued })) {
      expect(JSON.stringify(value), where).not.toContain(token);
    }
    const carries = (m: SinkMail) => [m.raw.replaceAll("=\r\n", ""), m.parsed.text, m.parsed.html].join("\n").includes(token);
    expect(smtp.received.filter(carries).map((m) => m.rcptTo)).toEqual([[email]]);
    expect(audit.map((a) => a.action)).toContain("user.invited");

    // The mailbox's owner accepts: the address is now proven theirs.
    expect((await accept(token)).status).toBe(200);
    const [user] = await db().select().from(users).where(eq(users.id, res.body.user.id));
    expect(user).toMatchObject({ emailVerified: true, invitePending: false });
    const me = await callJson("GET", "/api/me", { cookie: await signIn({ email }, NEW_PASSWORD) });
    expect(me.body).toMatchObject({ id: res.body.user.id, organizationId: org.id });
  });

  it("a link is bound to the address it was sent to: after the address changes, it opens nothing", async () => {
    const email = freshAddress("rebound");
    const { userId, token } = await invited(email);
    const elsewhere = freshAddress("attacker");
    await db().update(users).set({ email: elsewhere }).where(eq(users.id, userId));
    const unknown = await accept("u".repeat(43));
    const res = await accept(token!);
    expect({ status: res.status, body: res.body }).toEqual({ status: unknown.status, body: unknown.body });
    const [row] = await db().select().from(users).where(eq(users.id, userId));
    expect(row).toMatchObject({ invitePending: true, signInEmail: null });
  });

  it("an account of another organization can never become or attach to the invitee: a note instead of a link, and a forged link is refused", async () => {
    // The address already signs in, in the other organization.
    const real = await createUser(other.id, other.slug, `owner-${rand()}`, "agent");
    const res = await invite(real.email);
    expect(res.status).toBe(201);
    // The admin's answer is that of any fresh invite (issue 9 item 13): the same keys, no link.
    expect(Object.keys(res.body).sort()).toEqual(["delivery", "expiresAt", "user"]);
    await deliverAll();
    const mails = mailsTo(real.email);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.parsed.subject).toBe("Your invitation to the invite-mail helpdesk");
    expect(mails[0]!.parsed.text).toContain("already has a Helpdesk account");
    expect(tokenIn(mails[0]!)).toBeNull();

    // A link made by hand for that pending row (as a database write or a leaked token would make it).
    const forged = "F".repeat(43);
    await db()
      .insert(adminInvites)
      .values({
        tokenHash: hashInviteToken(forged),
        organizationId: org.id,
        userId: res.body.user.id,
        email: real.email,
        createdBy: org.admin.id,
        expiresAt: new Date(Date.now() + 3_600_000),
      });
    const unknown = await accept("v".repeat(43));
    for (const body of [{ password: NEW_PASSWORD }, { password: TEST_PASSWORD }, { password: NEW_PASSWORD, name: "Someone Else" }]) {
      const answer = await accept(forged, body);
      expect({ status: answer.status, body: answer.body }).toEqual({ status: unknown.status, body: unknown.body });
    }
    expect(await db().select().from(accounts).where(eq(accounts.userId, res.body.user.id))).toHaveLength(0);
    // The real account is untouched: its password, its organization.
    const me = await callJson("GET", "/api/me", { cookie: await signIn(real, TEST_PASSWORD) });
    expect(me.body).toMatchObject({ id: real.id, organizationId: other.id, role: "agent" });
  });

  it("two organizations invite one new address: each link sets only its own organization's invitee, once", async () => {
    const email = freshAddress("both");
    const mine = await invited(email);
    const theirs = await invited(email, otherAdminCookie);
    expect(mine.token).not.toBe(theirs.token);
    // Accepting the other organization's link twice at once: exactly one wins.
    const answers = await Promise.all([accept(theirs.token!), accept(theirs.token!)]);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 404]);
    const me = await callJson("GET", "/api/me", { cookie: await signIn({ email }, NEW_PASSWORD) });
    expect(me.body).toMatchObject({ id: theirs.userId, organizationId: other.id });
    // Our invitee stays pending, in our organization, and our link is now an unusable one.
    const unknown = await accept("w".repeat(43));
    const late = await accept(mine.token!);
    expect({ status: late.status, body: late.body }).toEqual({ status: unknown.status, body: unknown.body });
    const [ours] = await db().select().from(users).where(eq(users.id, mine.userId));
    expect(ours).toMatchObject({ organizationId: org.id, invitePending: true, signInEmail: null });
  });

  it("a mail still waiting when its inviter loses the right to invite is withheld", async () => {
    const inviter = await createUser(org.id, org.slug, `inviter-${rand()}`, "admin");
    const email = freshAddress("orphan");
    const res = await invite(email, await signIn(inviter));
    expect(res.status).toBe(201);
    await setUserActive(inviter.id, false);
    const totals = await deliverOutbox({ organizationId: org.id });
    expect(totals.withheld).toBeGreaterThanOrEqual(1);
    expect(mailsTo(email)).toHaveLength(0);
  });
});

describe("every unusable link gets one answer (issue 12, F3)", () => {
  it("unknown, used, expired, revoked, rebound, deactivated and taken-elsewhere links answer alike, whatever the password", async () => {
    const links: Record<string, string> = { unknown: "q".repeat(43) };

    const used = await invited(freshAddress("used"));
    expect((await accept(used.token!)).status).toBe(200);
    links.used = used.token!;

    const expired = await invited(freshAddress("expired"));
    await db()
      .update(adminInvites)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(adminInvites.userId, expired.userId));
    links.expired = expired.token!;

    const inviter = await createUser(org.id, org.slug, `demoted-${rand()}`, "admin");
    const revokedRes = await invite(freshAddress("revoked"), await signIn(inviter));
    // Its link, read from the mailbox before the inviter is demoted (afterwards it is not even sent).
    await deliverAll();
    links.revoked = tokenIn(mailsTo(revokedRes.body.user.email).at(-1)!)!;
    await db().update(users).set({ role: "agent" }).where(eq(users.id, inviter.id));

    const rebound = await invited(freshAddress("rebound"));
    await db()
      .update(users)
      .set({ email: freshAddress("moved") })
      .where(eq(users.id, rebound.userId));
    links.rebound = rebound.token!;

    const deactivated = await invited(freshAddress("deactivated"));
    await setUserActive(deactivated.userId, false);
    links.deactivated = deactivated.token!;

    // Taken elsewhere after the link was sent (the note is sent only if it already was when sending).
    const racedEmail = freshAddress("raced");
    const raced = await invited(racedEmail);
    const theirs = await invited(racedEmail, otherAdminCookie);
    expect((await accept(theirs.token!)).status).toBe(200);
    links.takenElsewhere = raced.token!;

    const bodies = [{ password: NEW_PASSWORD }, { password: "short" }, { password: "password1234" }, { password: NEW_PASSWORD, name: "New Name" }];
    const reference = await accept(links.unknown!, bodies[0]);
    expect(reference.status).toBe(404);
    for (const [label, token] of Object.entries(links)) {
      expect(token, label).toMatch(/^[A-Za-z0-9_-]{43}$/);
      for (const body of bodies) {
        const res = await accept(token, body);
        expect({ status: res.status, body: res.body, type: res.headers.get("content-type") }, `${label} ${JSON.stringify(body)}`).toEqual({
          status: reference.status,
          body: reference.body,
          type: reference.headers.get("content-type"),
        });
      }
    }
    // And nothing was written by any of them.
    for (const id of [expired.userId, rebound.userId, deactivated.userId, raced.userId, revokedRes.body.user.id as string]) {
      expect(await db().select().from(accounts).where(eq(accounts.userId, id))).toHaveLength(0);
    }
  });
});
