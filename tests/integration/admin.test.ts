// S17 admin area through the real route handlers: invites (one-time, expiring, password policy), role
// changes that end sessions (S3), the last-admin rule, team membership inside the organization, MFA
// reset, organization settings, and an audit event for every change (S12).
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/auth/actor";
import { db } from "@/db/client";
import { adminInvites, auditChainHeads, auditEvents, teamMembers, twoFactors, users } from "@/db/schema";
import { describeInvite } from "@/domain/admin/accept-invite";
import { updateUser } from "@/domain/admin/update-user";
import { hashInviteToken } from "@/domain/admin/invite-token";
import { callJson } from "../support/api";
import { createOrg, createUser, signIn, TEST_PASSWORD, type TestOrg } from "../support/factory";
import { secretFromUri, totpCode } from "../support/totp";

const NEW_PASSWORD = "violet-canyon-lantern-47";

let org: TestOrg;
let other: TestOrg;
let adminCookie: string;

beforeAll(async () => {
  [org, other] = await Promise.all([createOrg("admin-area"), createOrg("admin-other")]);
  adminCookie = await signIn(org.admin);
});

async function eventsFor(orgId: string, action: string, targetId?: string) {
  return db()
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.organizationId, orgId), eq(auditEvents.action, action), targetId ? eq(auditEvents.targetId, targetId) : undefined));
}

async function invite(body: { name: string; email: string; role: string }, cookie = adminCookie) {
  const res = await callJson("POST", "/api/admin/users/invites", { cookie, body });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  const token = String(res.body.invitePath).split("/").pop()!;
  return { user: res.body.user as { id: string; email: string; status: string }, token, body: res.body };
}

const uniqueEmail = (label: string) => `${label}-${Math.random().toString(36).slice(2, 8)}@${org.slug}.test`;

describe("invites (S17)", () => {
  it("invite → accept → sign in; the link works once; the token is stored only as a hash", async () => {
    const email = uniqueEmail("invitee");
    const { user, token, body } = await invite({ name: "New Agent", email: email.toUpperCase(), role: "agent" });
    expect(user.email).toBe(email);
    expect(user.status).toBe("invited");
    expect(body.invitePath).toBe(`/app/invite/${token}`);
    expect(body.inviteUrl).toMatch(new RegExp(`/app/invite/${token}$`));

    const [row] = await db().select().from(adminInvites).where(eq(adminInvites.userId, user.id));
    expect(row!.tokenHash).toBe(hashInviteToken(token));
    expect(JSON.stringify(row)).not.toContain(token);
    expect(row!.expiresAt.getTime() - row!.createdAt.getTime()).toBeCloseTo(72 * 3600 * 1000, -4);

    // Before acceptance the user has no password: sign-in fails.
    expect((await callJson("POST", "/api/auth/sign-in/email", { body: { email, password: NEW_PASSWORD } })).status).toBe(401);

    const accepted = await callJson("POST", `/api/invites/${token}/accept`, { body: { password: NEW_PASSWORD, name: "Ada Agent" } });
    expect(accepted.status, JSON.stringify(accepted.body)).toBe(200);
    expect(accepted.body.email).toBe(email);

    const cookie = await signIn({ email }, NEW_PASSWORD);
    const me = await callJson("GET", "/api/me", { cookie });
    expect(me.status).toBe(200);
    expect(me.body.organizationId).toBe(org.id);
    const [u] = await db().select().from(users).where(eq(users.id, user.id));
    expect(u!.name).toBe("Ada Agent");
    expect(u!.role).toBe("agent");

    // Single use: the same link again is refused, and the password set through it stays.
    const reused = await callJson("POST", `/api/invites/${token}/accept`, { body: { password: "another-long-passphrase-9" } });
    expect(reused.status).toBe(404);
    await signIn({ email }, NEW_PASSWORD);

    expect(await eventsFor(org.id, "user.invited", user.id)).toHaveLength(1);
    const acceptedEvents = await eventsFor(org.id, "user.invite_accepted", user.id);
    expect(acceptedEvents).toHaveLength(1);
    expect(acceptedEvents[0]!.actorId).toBe(user.id);

    const listed = await callJson("GET", `/api/admin/users?q=${encodeURIComponent(email)}`, { cookie: adminCookie });
    expect(listed.body.items.map((i: { id: string; status: string }) => [i.id, i.status])).toEqual([[user.id, "active"]]);
  });

  it("an expired link is refused", async () => {
    const { user, token } = await invite({ name: "Late", email: uniqueEmail("late"), role: "requester" });
    await db()
      .update(adminInvites)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(adminInvites.userId, user.id));
    const res = await callJson("POST", `/api/invites/${token}/accept`, { body: { password: NEW_PASSWORD } });
    expect(res.status).toBe(404);
    expect(res.body.error.message).toMatch(/expired/);
  });

  it("an unknown or malformed token is refused the same way", async () => {
    for (const token of ["x".repeat(43), "short", "a".repeat(43)]) {
      const res = await callJson("POST", `/api/invites/${token}/accept`, { body: { password: NEW_PASSWORD } });
      expect(res.status).toBe(404);
    }
  });

  it("a weak password is refused with the policy's message and the link stays usable", async () => {
    const email = uniqueEmail("weak");
    const { token } = await invite({ name: "Weak", email, role: "requester" });
    for (const [password, message] of [
      ["short", /at least 12/],
      ["password1234", /too easy to guess/],
      ["zaq12wsxcde3", /too easy to guess/],
      [`${email.split("@")[0]}-2024-x`, /e-mail/],
    ] as const) {
      const res = await callJson("POST", `/api/invites/${token}/accept`, { body: { password } });
      expect(res.status, password).toBe(400);
      expect(res.body.error.message).toMatch(message);
    }
    expect((await callJson("POST", `/api/invites/${token}/accept`, { body: { password: NEW_PASSWORD } })).status).toBe(200);
    await signIn({ email }, NEW_PASSWORD);
  });

  it("a link outlives no one's rights: once its inviter is deactivated or no longer an admin, it is unusable", async () => {
    for (const change of [{ active: false }, { role: "agent" }, { role: "requester" }] as const) {
      const inviter = await createUser(org.id, org.slug, `inviter-${Math.random().toString(36).slice(2, 8)}`, "admin");
      const { token } = await invite({ name: "Back Door", email: uniqueEmail("backdoor"), role: "admin" }, await signIn(inviter));
      expect((await callJson("PATCH", `/api/admin/users/${inviter.id}`, { cookie: adminCookie, body: change })).status).toBe(200);
      expect(await describeInvite(token), JSON.stringify(change)).toBeNull();
      const accepted = await callJson("POST", `/api/invites/${token}/accept`, { body: { password: NEW_PASSWORD } });
      expect(accepted.status, JSON.stringify(change)).toBe(404);
    }
  });

  it("an e-mail taken in the admin's own organization is a 409 (another organization's: see invite-enumeration.test.ts), and only admins may invite", async () => {
    const res = await callJson("POST", "/api/admin/users/invites", { cookie: adminCookie, body: { name: "Dup", email: org.agent.email, role: "agent" } });
    expect(res.status).toBe(409);
    for (const role of ["agent", "requester"] as const) {
      const denied = await callJson("POST", "/api/admin/users/invites", {
        cookie: await signIn(org[role]),
        body: { name: "X", email: uniqueEmail("x"), role: "admin" },
      });
      expect(denied.status).toBe(403);
    }
  });
});

describe("users (S17, S3)", () => {
  it("a role change ends the target's sessions: the old cookie gets 401", async () => {
    const target = await createUser(org.id, org.slug, `role-${Date.now()}`, "agent");
    const oldCookie = await signIn(target);
    expect((await callJson("GET", "/api/me", { cookie: oldCookie })).status).toBe(200);
    const res = await callJson("PATCH", `/api/admin/users/${target.id}`, { cookie: adminCookie, body: { role: "requester" } });
    expect(res.status).toBe(200);
    expect(res.body.role).toBe("requester");
    expect((await callJson("GET", "/api/me", { cookie: oldCookie })).status).toBe(401);
    const fresh = await signIn(target);
    expect((await callJson("GET", "/api/me", { cookie: fresh })).body.role).toBe("requester");
    const [event] = await eventsFor(org.id, "user.updated", target.id);
    expect(event!.data).toMatchObject({ changes: { role: { from: "agent", to: "requester" } }, revokedSessions: 1 });
  });

  it("deactivation ends sessions and blocks sign-in; reactivation restores it", async () => {
    const target = await createUser(org.id, org.slug, `deact-${Date.now()}`, "agent");
    const cookie = await signIn(target);
    expect((await callJson("PATCH", `/api/admin/users/${target.id}`, { cookie: adminCookie, body: { active: false } })).status).toBe(200);
    expect((await callJson("GET", "/api/me", { cookie })).status).toBe(401);
    expect((await callJson("PATCH", `/api/admin/users/${target.id}`, { cookie: adminCookie, body: { active: true } })).status).toBe(200);
    expect((await callJson("GET", "/api/me", { cookie: await signIn(target) })).status).toBe(200);
    expect(await eventsFor(org.id, "user.updated", target.id)).toHaveLength(2);
  });

  it("the last active admin cannot be demoted or deactivated (409), even by a concurrent admin", async () => {
    const lone = await createOrg("last-admin");
    const second = await createUser(lone.id, lone.slug, "admin-two", "admin");
    const [cookieA, cookieB] = await Promise.all([signIn(lone.admin), signIn(second)]);

    // Self-demotion is refused outright.
    expect((await callJson("PATCH", `/api/admin/users/${lone.admin.id}`, { cookie: cookieA, body: { role: "agent" } })).status).toBe(409);

    // Two admins demoting each other at once: at most one succeeds, one active admin remains.
    const [ab, ba] = await Promise.all([
      callJson("PATCH", `/api/admin/users/${second.id}`, { cookie: cookieA, body: { role: "agent" } }),
      callJson("PATCH", `/api/admin/users/${lone.admin.id}`, { cookie: cookieB, body: { active: false } }),
    ]);
    expect([ab.status, ba.status].filter((s) => s === 200)).toHaveLength(1);
    expect([409, 401]).toContain([ab.status, ba.status].find((s) => s !== 200));
    const admins = await db()
      .select()
      .from(users)
      .where(and(eq(users.organizationId, lone.id), eq(users.role, "admin"), eq(users.active, true)));
    expect(admins).toHaveLength(1);

    // The remaining admin, acting with a stale admin actor (a request already past its session check), is refused too.
    const remaining = admins[0]!.id;
    const gone = remaining === lone.admin.id ? second : lone.admin;
    const stale: Actor = {
      userId: gone.id,
      orgId: lone.id,
      role: "admin",
      name: "stale",
      sessionId: "",
      mfaEnabled: false,
      mfaRequired: false,
      ip: null,
      userAgent: null,
    };
    for (const change of [{ role: "agent" as const }, { active: false }]) {
      await expect(updateUser(stale, remaining, change)).rejects.toMatchObject({ kind: "conflict" });
    }
    // A pending invitee with the admin role does not count: they cannot sign in yet.
    const pending = await callJson("POST", "/api/admin/users/invites", {
      cookie: await signIn({ email: (await db().select().from(users).where(eq(users.id, remaining)))[0]!.email }),
      body: { name: "Pending", email: `pending@${lone.slug}.test`, role: "admin" },
    });
    expect(pending.status).toBe(201);
    await expect(updateUser({ ...stale, userId: pending.body.user.id }, remaining, { role: "agent" })).rejects.toMatchObject({ kind: "conflict" });
  });

  it("lists users with filters and a bounded, cursor-paginated page", async () => {
    const page1 = await callJson("GET", "/api/admin/users?limit=2", { cookie: adminCookie });
    expect(page1.status).toBe(200);
    expect(page1.body.items).toHaveLength(2);
    expect(page1.body.nextCursor).toBeTruthy();
    const page2 = await callJson("GET", `/api/admin/users?limit=2&cursor=${page1.body.nextCursor}`, { cookie: adminCookie });
    const ids1 = page1.body.items.map((u: { id: string }) => u.id);
    for (const u of page2.body.items) expect(ids1).not.toContain(u.id);

    const agents = await callJson("GET", "/api/admin/users?role=agent&active=true&limit=10000", { cookie: adminCookie });
    expect(agents.body.items.length).toBeLessThanOrEqual(100);
    expect(agents.body.items.every((u: { role: string; active: boolean }) => u.role === "agent" && u.active)).toBe(true);
    expect(JSON.stringify(agents.body)).not.toContain(other.slug);

    const search = await callJson("GET", `/api/admin/users?q=requester2`, { cookie: adminCookie });
    expect(search.body.items.map((u: { id: string }) => u.id)).toEqual([org.requester2.id]);
    expect((await callJson("GET", "/api/admin/users?q=%25", { cookie: adminCookie })).body.items).toHaveLength(0);
  });

  it("reset MFA removes the second factor: the user signs in with the password alone", async () => {
    const target = await createUser(org.id, org.slug, `mfa-${Date.now()}`, "agent");
    const cookie = await signIn(target);
    const enable = await callJson("POST", "/api/auth/two-factor/enable", { cookie, body: { password: TEST_PASSWORD } });
    const secret = secretFromUri(enable.body.totpURI);
    expect((await callJson("POST", "/api/auth/two-factor/verify-totp", { cookie, body: { code: await totpCode(secret) } })).status).toBe(200);
    const step = await callJson("POST", "/api/auth/sign-in/email", { body: { email: target.email, password: TEST_PASSWORD } });
    expect(step.body.twoFactorRedirect).toBe(true);

    const reset = await callJson("POST", `/api/admin/users/${target.id}/reset-mfa`, { cookie: adminCookie, body: {} });
    expect(reset.status, JSON.stringify(reset.body)).toBe(200);
    expect(await db().select().from(twoFactors).where(eq(twoFactors.userId, target.id))).toHaveLength(0);
    const [u] = await db().select().from(users).where(eq(users.id, target.id));
    expect(u!.twoFactorEnabled).toBe(false);

    const fresh = await signIn(target);
    expect((await callJson("GET", "/api/me", { cookie: fresh })).status).toBe(200);
    const [event] = await eventsFor(org.id, "user.mfa_reset", target.id);
    expect(event!.data).toMatchObject({ removedFactors: 1 });
    expect((await callJson("POST", `/api/admin/users/${org.admin.id}/reset-mfa`, { cookie: adminCookie, body: {} })).status).toBe(409);
  });
});

describe("teams (S17, S20)", () => {
  it("create, rename, members, delete — all audited; duplicates are 409", async () => {
    const created = await callJson("POST", "/api/admin/teams", { cookie: adminCookie, body: { name: "Billing" } });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    expect((await callJson("POST", "/api/admin/teams", { cookie: adminCookie, body: { name: "Billing" } })).status).toBe(409);
    const renamed = await callJson("PATCH", `/api/admin/teams/${id}`, { cookie: adminCookie, body: { name: "Billing & Refunds" } });
    expect(renamed.body.name).toBe("Billing & Refunds");
    expect((await callJson("PATCH", `/api/admin/teams/${id}`, { cookie: adminCookie, body: { name: "Support" } })).status).toBe(409);

    const set = await callJson("PUT", `/api/admin/teams/${id}/members`, { cookie: adminCookie, body: { userIds: [org.agent.id, org.admin.id] } });
    expect(set.status, JSON.stringify(set.body)).toBe(200);
    expect(set.body.members.map((m: { id: string }) => m.id).sort()).toEqual([org.agent.id, org.admin.id].sort());
    const listed = await callJson("GET", "/api/admin/teams", { cookie: adminCookie });
    expect(listed.body.items.find((t: { id: string }) => t.id === id).members).toHaveLength(2);

    const del = await callJson("DELETE", `/api/admin/teams/${id}`, { cookie: adminCookie });
    expect(del.status).toBe(200);
    expect((await callJson("DELETE", `/api/admin/teams/${id}`, { cookie: adminCookie })).status).toBe(404);
    for (const action of ["team.created", "team.renamed", "team.members_set", "team.deleted"]) {
      expect(await eventsFor(org.id, action, id), action).toHaveLength(1);
    }
  });

  it("membership refuses requesters, deactivated users and users of another organization (400 naming them)", async () => {
    const inactive = await createUser(org.id, org.slug, `inactive-${Date.now()}`, "agent");
    await db().update(users).set({ active: false }).where(eq(users.id, inactive.id));
    for (const bad of [other.agent.id, org.requester.id, inactive.id, "not-a-user"]) {
      const res = await callJson("PUT", `/api/admin/teams/${org.teamId}/members`, { cookie: adminCookie, body: { userIds: [org.agent2.id, bad] } });
      expect(res.status, bad).toBe(400);
      expect(res.body.error.message).toContain(bad);
      expect(res.body.error.message).not.toContain(org.agent2.id);
      expect(res.body.error.details).toEqual([{ path: "userIds.1", message: expect.stringContaining(bad) }]);
    }
    const members = await db().select().from(teamMembers).where(eq(teamMembers.teamId, org.teamId));
    expect(members.map((m) => m.userId)).not.toContain(other.agent.id);
    expect(members.map((m) => m.userId)).not.toContain(org.requester.id);
  });

  it("deleting a team keeps its tickets, without a team", async () => {
    const team = await callJson("POST", "/api/admin/teams", { cookie: adminCookie, body: { name: `Temp ${Date.now()}` } });
    const ticket = await callJson("POST", "/api/tickets", { cookie: adminCookie, body: { title: "team ticket", teamId: team.body.id } });
    expect(ticket.status, JSON.stringify(ticket.body)).toBe(201);
    const del = await callJson("DELETE", `/api/admin/teams/${team.body.id}`, { cookie: adminCookie });
    expect(del.body.unassignedTickets).toBe(1);
    const after = await callJson("GET", `/api/tickets/${ticket.body.id}`, { cookie: adminCookie });
    expect(after.body.teamId).toBeNull();
  });
});

describe("organization settings (S17, S12)", () => {
  it("sets audit retention and MFA requirement, audited; bad retention is 400", async () => {
    const own = await createOrg("settings");
    const cookie = await signIn(own.admin);
    const res = await callJson("PATCH", "/api/admin/organization", { cookie, body: { auditRetentionDays: 365 } });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.auditRetentionDays).toBe(365);
    const [head] = await db().select().from(auditChainHeads).where(eq(auditChainHeads.organizationId, own.id));
    expect(head!.retentionDays).toBe(365);
    expect((await callJson("GET", "/api/admin/organization", { cookie })).body).toMatchObject({ auditRetentionDays: 365, mfaRequired: false });
    expect((await callJson("PATCH", "/api/admin/organization", { cookie, body: { auditRetentionDays: 1 } })).status).toBe(400);
    expect((await callJson("PATCH", "/api/admin/organization", { cookie, body: { auditRetentionDays: null } })).body.auditRetentionDays).toBeNull();
    const events = await eventsFor(own.id, "organization.settings_updated");
    expect(events.map((e) => e.data)).toEqual([
      { changes: { auditRetentionDays: { from: null, to: 365 } } },
      { changes: { auditRetentionDays: { from: 365, to: null } } },
    ]);
    const verify = await callJson("POST", "/api/admin/audit/verify", { cookie, body: {} });
    expect(verify.body.ok).toBe(true);
  });
});
