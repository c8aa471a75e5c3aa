// Issue 9 item 13 (S17): inviting an address that belongs to another organization's account must answer
// like a fresh invite at every door the inviting admin has — the invite answer, the user list (API and the
// domain call the admin page renders), the invite page (describeInvite), a repeat invite, and the returned
// user id on PATCH / reset-mfa — because it IS a fresh invite: a real pending row in the inviting
// organization. A pending row holds no sign-in address, so it can never be signed into nor shadow the real
// account; acceptance is the one door left (the unusable link's answer), documented in docs/security.md.
import { randomUUID } from "node:crypto";
import { hashPassword } from "better-auth/crypto";
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/auth/actor";
import { settleSecurityAudits } from "@/auth/hooks/security-audit-later";
import { db } from "@/db/client";
import { accounts, adminInvites, auditEvents, users } from "@/db/schema";
import { isUniqueViolation } from "@/db/unique-violation";
import { describeInvite } from "@/domain/admin/accept-invite";
import { ZListUsersQuery } from "@/domain/admin/admin.schemas";
import { listUsers } from "@/domain/admin/list-users";
import { callJson } from "../support/api";
import { createOrg, createUser, setUserActive, signIn, TEST_PASSWORD, type TestOrg, type TestUser } from "../support/factory";

const NEW_PASSWORD = "violet-canyon-lantern-47";

let org: TestOrg;
let other: TestOrg;
let adminCookie: string;
let otherAdminCookie: string;

beforeAll(async () => {
  [org, other] = await Promise.all([createOrg("invite-enum"), createOrg("invite-enum-other")]);
  [adminCookie, otherAdminCookie] = await Promise.all([signIn(org.admin), signIn(other.admin)]);
});

const adminActor = (): Actor => ({
  userId: org.admin.id,
  orgId: org.id,
  role: "admin",
  name: "admin",
  sessionId: "",
  mfaEnabled: false,
  mfaRequired: false,
  ip: null,
  userAgent: null,
});

const rand = () => Math.random().toString(36).slice(2, 8);
const freshAddress = (label: string) => `${label}-${rand()}@fresh-${rand()}.test`;
const invite = (email: string, cookie = adminCookie, name = "Probe") =>
  callJson("POST", "/api/admin/users/invites", { cookie, body: { name, email, role: "agent" } });
const tokenOf = (res: { body: { invitePath: string } }) => String(res.body.invitePath).split("/").pop()!;
const accept = (token: string, password = NEW_PASSWORD) => callJson("POST", `/api/invites/${token}/accept`, { body: { password } });
const signInAttempt = (email: string, password: string) => callJson("POST", "/api/auth/sign-in/email", { body: { email, password } });

/**
 * Everything the inviting admin can observe about one invited address, with the address itself and the
 * random ids and times taken out: two addresses that leave the same trace are indistinguishable.
 */
async function throughEveryDoor(email: string) {
  const normalized = email.toLowerCase();
  const first = await invite(email);
  expect(first.status, JSON.stringify(first.body)).toBe(201);
  const { id, createdAt, email: shown, ...user } = first.body.user;
  const token = tokenOf(first);

  // The user list over the API and through the domain call the admin users page renders.
  const listed = await callJson("GET", `/api/admin/users?q=${encodeURIComponent(normalized)}`, { cookie: adminCookie });
  const page = await listUsers(adminActor(), ZListUsersQuery.parse({ q: normalized, limit: "50" }));
  // The invite page's data.
  const described = await describeInvite(token);
  // The same address again, as typed and in another case.
  const again = await invite(email);
  const againUpper = await invite(email.toUpperCase());
  // The returned id at every admin door that takes a user id.
  const reset = await callJson("POST", `/api/admin/users/${id}/reset-mfa`, { cookie: adminCookie, body: {} });
  const demoted = await callJson("PATCH", `/api/admin/users/${id}`, { cookie: adminCookie, body: { role: "requester" } });
  const deactivated = await callJson("PATCH", `/api/admin/users/${id}`, { cookie: adminCookie, body: { active: false } });
  const afterwards = await callJson("GET", `/api/admin/users?q=${encodeURIComponent(normalized)}`, { cookie: adminCookie });

  const strip = (u: { id: string; email: string; createdAt: string }) => ({
    ...u,
    id: u.id === id,
    email: u.email === normalized,
    createdAt: typeof u.createdAt,
  });
  return {
    invite: { status: first.status, keys: Object.keys(first.body).sort(), user, shown: shown === normalized, createdAt: typeof createdAt },
    list: { status: listed.status, items: listed.body.items.map(strip), next: listed.body.nextCursor },
    page: { items: page.items.map(strip), next: page.nextCursor },
    invitePage: described && { name: described.name, email: described.email === normalized },
    again: { status: again.status, body: again.body },
    againUpper: { status: againUpper.status, body: againUpper.body },
    reset: { status: reset.status, body: { ...reset.body, id: reset.body.id === id } },
    demoted: { status: demoted.status, body: { ...demoted.body, id: demoted.body.id === id, email: demoted.body.email === normalized } },
    deactivated: { status: deactivated.status, body: { ...deactivated.body, id: deactivated.body.id === id, email: deactivated.body.email === normalized } },
    afterwards: afterwards.body.items.map(strip),
  };
}

describe("an address of another organization is invited like a fresh one at every door (issue 9 item 13, S17)", () => {
  it("list, admin page, invite page, repeat invite, PATCH and reset-mfa look the same as for a fresh address", async () => {
    const gone = await createUser(other.id, other.slug, `gone-${rand()}`, "agent");
    await setUserActive(gone.id, false);
    const pendingElsewhere = freshAddress("pending-elsewhere");
    expect((await invite(pendingElsewhere, otherAdminCookie)).status).toBe(201);
    const variants: Record<string, string> = {
      "active account elsewhere": other.agent.email,
      "admin elsewhere, upper case": other.admin.email.toUpperCase(),
      "mixed case": other.requester.email.replace(/^r/, "R").replace(other.slug, other.slug.toUpperCase()),
      "deactivated account elsewhere": gone.email,
      "pending invite elsewhere": pendingElsewhere,
    };
    const reference = await throughEveryDoor(freshAddress("fresh"));
    // The reference itself is a real invite at every door (so a broken door cannot make both sides agree).
    expect(reference.list.items).toEqual([expect.objectContaining({ id: true, status: "invited", email: true })]);
    expect(reference.invitePage).toEqual({ name: "Probe", email: true });
    expect(reference.again.status).toBe(409);
    expect(reference.againUpper.status).toBe(409);
    expect([reference.reset.status, reference.demoted.status, reference.deactivated.status]).toEqual([200, 200, 200]);
    expect(reference.afterwards).toEqual([expect.objectContaining({ id: true, status: "deactivated", role: "requester" })]);
    for (const [label, email] of Object.entries(variants)) {
      expect(await throughEveryDoor(email), label).toEqual(reference);
    }
    // The other organization's accounts were not touched.
    const [agent] = await db().select().from(users).where(eq(users.id, other.agent.id));
    expect(agent).toMatchObject({ organizationId: other.id, role: "agent", active: true, invitePending: false, signInEmail: other.agent.email });
  });

  it("an address with surrounding whitespace is refused the same way whether it is taken elsewhere or not", async () => {
    const fresh = freshAddress("ws");
    for (const [a, b] of [
      [` ${fresh}`, ` ${other.agent.email}`],
      [`${fresh} `, `${other.agent.email} `],
      [`\t${fresh}\n`, `\t${other.agent.email}\n`],
    ]) {
      const [ra, rb] = [await invite(a!), await invite(b!)];
      expect(ra.status, JSON.stringify(a)).toBe(400);
      expect(rb).toMatchObject({ status: ra.status, body: ra.body });
    }
    expect(await db().select().from(users).where(eq(users.email, fresh))).toHaveLength(0);
  });

  it("the own organization's taken address stays a 409 in every case spelling, pending or active", async () => {
    const pending = freshAddress("own-pending");
    expect((await invite(pending)).status).toBe(201);
    for (const email of [org.agent.email, org.agent.email.toUpperCase(), pending, pending.toUpperCase()]) {
      const res = await invite(email);
      expect(res.status, email).toBe(409);
      expect(res.body.error.code).toBe("conflict");
    }
  });
});

describe("a pending invitee never signs in and never shadows the real account (issue 9 item 13, S1)", () => {
  async function pendingRowFor(user: Pick<TestUser, "email">) {
    const res = await invite(user.email);
    expect(res.status).toBe(201);
    return { id: res.body.user.id as string, token: tokenOf(res) };
  }

  it("the real account elsewhere signs in normally in every case spelling and lands in its own organization", async () => {
    // Both orders: the address invited here after the account exists elsewhere, and before.
    for (const invitedFirst of [false, true]) {
      const local = `real-${rand()}`;
      let pending: { id: string } | undefined;
      if (invitedFirst) pending = await pendingRowFor({ email: `${local}@${other.slug}.test` });
      const real = await createUser(other.id, other.slug, local, "agent");
      pending ??= await pendingRowFor(real);
      const [row] = await db().select().from(users).where(eq(users.id, pending.id));
      expect(row).toMatchObject({ organizationId: org.id, email: real.email, invitePending: true, signInEmail: null });
      for (const email of [real.email, real.email.toUpperCase(), real.email.replace(/^./, (c) => c.toUpperCase())]) {
        const me = await callJson("GET", "/api/me", { cookie: await signIn({ email }) });
        expect(me.body, email).toMatchObject({ id: real.id, organizationId: other.id, role: "agent" });
      }
      // A wrong password is the real account's failure, audited in the real account's organization only.
      expect((await signInAttempt(real.email, "wrong-password-entirely-1")).status).toBe(401);
      await settleSecurityAudits();
      const failures = (orgId: string, targetId: string) =>
        db()
          .select()
          .from(auditEvents)
          .where(and(eq(auditEvents.organizationId, orgId), eq(auditEvents.action, "auth.sign_in_failed"), eq(auditEvents.targetId, targetId)));
      expect(await failures(other.id, real.id), `invited first: ${invitedFirst}`).toHaveLength(1);
      expect(await failures(org.id, pending.id)).toHaveLength(0);
    }
  });

  it("a pending row cannot be signed into — not even with a password planted on it", async () => {
    const unknown = await signInAttempt(freshAddress("nobody"), NEW_PASSWORD);
    expect(unknown.status).toBe(401);
    const fresh = freshAddress("planted");
    const freshInvite = await invite(fresh);
    const real = await createUser(other.id, other.slug, `planted-${rand()}`, "requester");
    const shadow = await pendingRowFor(real);
    // A credential written straight to the pending rows (as a bug might): sign-in still does not find them.
    const planted = await hashPassword(NEW_PASSWORD);
    for (const id of [freshInvite.body.user.id as string, shadow.id]) {
      await db().insert(accounts).values({ id: randomUUID(), accountId: id, providerId: "credential", userId: id, password: planted });
    }
    for (const email of [fresh, fresh.toUpperCase(), real.email]) {
      const res = await signInAttempt(email, NEW_PASSWORD);
      expect(res.status, email).toBe(401);
      expect(res.body).toEqual(unknown.body);
    }
    // The real account's own password still opens the real account.
    const me = await callJson("GET", "/api/me", { cookie: await signIn(real, TEST_PASSWORD) });
    expect(me.body).toMatchObject({ id: real.id, organizationId: other.id });
  });

  it("the database keeps one sign-in address per address and one row per address per organization", async () => {
    const third = await createOrg("invite-enum-third");
    const attempt = async (work: () => Promise<unknown>) => {
      try {
        await work();
        return "ok";
      } catch (e) {
        return isUniqueViolation(e) ? "duplicate" : String(e);
      }
    };
    const insert = (orgId: string, email: string, invitePending: boolean) => () =>
      db().insert(users).values({ id: randomUUID(), name: "Direct", email, role: "agent", organizationId: orgId, invitePending });
    // A second account that could sign in with the address, in any case spelling: refused.
    expect(await attempt(insert(third.id, other.agent.email, false))).toBe("duplicate");
    expect(await attempt(insert(third.id, other.agent.email.toUpperCase(), false))).toBe("duplicate");
    // The same address twice in one organization, pending or not, in any case spelling: refused.
    expect(await attempt(insert(other.id, other.agent.email.toUpperCase(), true))).toBe("duplicate");
    // A pending row elsewhere: allowed — and it cannot be turned into a second sign-in account.
    const pendingId = randomUUID();
    await db().insert(users).values({ id: pendingId, name: "Direct", email: other.agent.email, role: "agent", organizationId: third.id, invitePending: true });
    expect(await attempt(() => db().update(users).set({ invitePending: false }).where(eq(users.id, pendingId)))).toBe("duplicate");
  });
});

describe("accepting an invite for an address that signs in elsewhere (issue 9 item 13: the door left until issue 12)", () => {
  it("answers exactly like an unusable link, whatever the password, and changes nothing", async () => {
    const unknown = await accept("x".repeat(43));
    expect(unknown.status).toBe(404);
    const real = await createUser(other.id, other.slug, `accept-${rand()}`, "agent");
    const res = await invite(real.email);
    const token = tokenOf(res);
    for (const password of [NEW_PASSWORD, "short", "password1234", NEW_PASSWORD]) {
      const answer = await accept(token, password);
      expect({ status: answer.status, body: answer.body }, password).toEqual({ status: unknown.status, body: unknown.body });
    }
    const [row] = await db().select().from(users).where(eq(users.id, res.body.user.id));
    expect(row).toMatchObject({ invitePending: true, signInEmail: null });
    expect(await db().select().from(accounts).where(eq(accounts.userId, res.body.user.id))).toHaveLength(0);
    const me = await callJson("GET", "/api/me", { cookie: await signIn(real) });
    expect(me.body).toMatchObject({ id: real.id, organizationId: other.id });
  });

  it("two organizations' invites for one new address: the first accepted becomes the account, the second is an unusable link", async () => {
    const email = freshAddress("both");
    const [mine, theirs] = [await invite(email), await invite(email, otherAdminCookie)];
    expect([mine.status, theirs.status]).toEqual([201, 201]);
    expect((await accept(tokenOf(mine))).status).toBe(200);
    const second = await accept(tokenOf(theirs));
    expect({ status: second.status, body: second.body }).toEqual({ status: 404, body: (await accept("y".repeat(43))).body });
    const me = await callJson("GET", "/api/me", { cookie: await signIn({ email }, NEW_PASSWORD) });
    expect(me.body).toMatchObject({ id: mine.body.user.id, organizationId: org.id });
    // The other organization still lists its invitee as invited; only its link is spent for nothing.
    const listed = await callJson("GET", `/api/admin/users?q=${encodeURIComponent(email)}`, { cookie: otherAdminCookie });
    expect(listed.body.items.map((u: { id: string; status: string }) => [u.id, u.status])).toEqual([[theirs.body.user.id, "invited"]]);
  });

  it("accepted at the same moment: exactly one becomes the account (the database decides), the other gets the unusable link's answer", async () => {
    const unknown = await accept("z".repeat(43));
    for (let round = 0; round < 3; round++) {
      const email = freshAddress(`race-${round}`);
      const [mine, theirs] = [await invite(email), await invite(email, otherAdminCookie)];
      const answers = await Promise.all([accept(tokenOf(mine)), accept(tokenOf(theirs))]);
      expect(answers.map((a) => a.status).sort()).toEqual([200, 404]);
      expect(answers.find((a) => a.status === 404)!.body).toEqual(unknown.body);
      const winner = answers[0]!.status === 200 ? mine : theirs;
      const me = await callJson("GET", "/api/me", { cookie: await signIn({ email }, NEW_PASSWORD) });
      expect(me.body.id).toBe(winner.body.user.id);
      const rows = await db().select({ pending: users.invitePending }).from(users).where(eq(users.email, email));
      expect(rows.map((r) => r.pending).sort()).toEqual([false, true]);
      const used = await db().select({ usedAt: adminInvites.usedAt }).from(adminInvites).where(eq(adminInvites.userId, winner.body.user.id));
      expect(used[0]!.usedAt).not.toBeNull();
    }
  });
});
