// Issue 15 / S3: the actor of every signed-in request is ONE SQL statement (session ⨝ user ⨝ organization)
// and nothing is cached, so each change below is seen by the very next request: a revoked session, a
// demotion, a deactivation, a new MFA requirement, an expired or over-age session. Statements are counted
// at the pool (helpdesk_db_statements_total), the way the app counts them in production.
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { SESSION_ABSOLUTE_SECONDS, SESSION_IDLE_SECONDS } from "@/auth/session-lifetime";
import { db } from "@/db/client";
import { organizations, sessions, slaSettings, teams, users } from "@/db/schema";
import { metrics } from "@/lib/metrics";
import { call, callJson } from "../support/api";
import { createOrg, createUser, signIn, type TestOrg } from "../support/factory";

let org: TestOrg;
beforeAll(async () => {
  org = await createOrg("actor");
});

async function statementCount(): Promise<number> {
  const m = await metrics().dbStatements.get();
  return m.values[0]?.value ?? 0;
}

/** The statements one request sends (tests in a file run one after another, nothing else queries meanwhile). */
async function statementsOf(request: () => Promise<unknown>): Promise<number> {
  const before = await statementCount();
  await request();
  return (await statementCount()) - before;
}

async function sessionRow(cookie: string) {
  const token = decodeURIComponent(/session_token=([^;]+)/.exec(cookie)![1]!).split(".")[0]!;
  const [row] = await db().select().from(sessions).where(eq(sessions.token, token));
  return row;
}

describe("one statement per request for the actor", () => {
  it("GET /api/me (the actor and nothing else) sends exactly one SQL statement", async () => {
    const cookie = await signIn(org.agent);
    await callJson("GET", "/api/me", { cookie }); // the first use of a pooled connection prepares the statement
    for (let i = 0; i < 3; i++) {
      let status = 0;
      expect(await statementsOf(async () => (status = (await call("GET", "/api/me", { cookie })).status))).toBe(1);
      expect(status).toBe(200);
    }
  });

  it("the same one statement for every role and on a write's way in (the refusal costs no more)", async () => {
    for (const user of [org.admin, org.requester]) {
      const cookie = await signIn(user);
      expect(await statementsOf(() => call("GET", "/api/me", { cookie }))).toBe(1);
    }
    // A write refused by validation after the actor: only the actor's statement ran.
    const cookie = await signIn(org.agent2);
    let status = 0;
    expect(await statementsOf(async () => (status = (await call("POST", "/api/tickets", { cookie, body: { title: "" } })).status))).toBe(1);
    expect(status).toBe(400);
  });

  it("no cookie, a forged cookie or garbage costs no statement at all", async () => {
    const cookie = await signIn(org.agent);
    const forged = cookie.replace(/session_token=([^.;]+)/, "session_token=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
    for (const c of [undefined, forged, "helpdesk.session_token=garbage", "other=1"]) {
      let status = 0;
      expect(await statementsOf(async () => (status = (await call("GET", "/api/me", { cookie: c })).status))).toBe(0);
      expect(status).toBe(401);
    }
  });
});

describe("GET /api/tickets: at most two statements (the actor, the page with its clocks, tags and SLA lead)", () => {
  it("every common shape of the queue, for staff (with tags) and for a requester", async () => {
    const agent = await signIn(org.agent);
    const requester = await signIn(org.requester);
    for (let i = 0; i < 6; i++) await callJson("POST", "/api/tickets", { cookie: requester, body: { title: `printer offline ${i}`, descriptionMd: "error" } });
    const first = await callJson("GET", "/api/tickets?limit=2", { cookie: agent });
    const second = await callJson("GET", `/api/tickets?limit=2&cursor=${first.body.nextCursor}`, { cookie: agent });
    expect(second.body.items).toHaveLength(2);
    const common = [
      "/api/tickets",
      "/api/tickets?status=open&limit=50",
      "/api/tickets?q=printer%20offline&sort=created",
      `/api/tickets?limit=2&cursor=${first.body.nextCursor}`,
      // Previous from page 3 (paging back to the very start re-reads the first page: a second page read).
      `/api/tickets?limit=2&before=${second.body.nextCursor}`,
    ];
    // Triage filters and orders are staff-only (F6): a requester gets 403 for them.
    const staffOnly = ["/api/tickets?assignee=me", "/api/tickets?priority=normal&team=none", "/api/tickets?sort=due"];
    const shapes: [string, string[]][] = [
      [agent, [...common, ...staffOnly]],
      [requester, common],
    ];
    for (const [cookie, paths] of shapes) {
      for (const path of paths) {
        let status = 0;
        expect(await statementsOf(async () => (status = (await call("GET", path, { cookie })).status)), path).toBeLessThanOrEqual(2);
        expect(status, path).toBe(200);
      }
    }
  });

  it("a search by relevance is one statement, whether the newest tickets fill its window or the index lists a rarer word", async () => {
    // The ranked search looks at the newest tickets first and takes the search index only when they hold
    // fewer than SEARCH_RANK_WINDOW matches (a rare word, a small organization: here) — inside the same
    // statement. The actor and the search: two.
    const agent = await signIn(org.agent);
    let status = 0;
    const n = await statementsOf(async () => (status = (await call("GET", "/api/tickets?q=printer%20offline", { cookie: agent })).status));
    expect(status).toBe(200);
    expect(n).toBe(2);
  });

  it("a staff read of one ticket reads the ticket, its SLA clock, warning lead and tags in one statement", async () => {
    const agent = await signIn(org.agent);
    const created = await callJson("POST", "/api/tickets", { cookie: agent, body: { title: "read in one", priority: "high" } });
    let body: { sla?: unknown; tags?: unknown } = {};
    const n = await statementsOf(async () => (body = (await callJson("GET", `/api/tickets/${created.body.id}`, { cookie: agent })).body));
    // The actor, the ticket with its extras, and the satisfaction summary's latest answer and open question.
    expect(n).toBe(4);
    expect(body.sla).toMatchObject({ state: expect.any(String) });
    expect(body.tags).toEqual([]);
  });

  it("the page carries what the separate reads used to: SLA state and tags for staff, no tags for a requester", async () => {
    const agent = await signIn(org.agent);
    const created = await callJson("POST", "/api/tickets", { cookie: agent, body: { title: "tagged one", priority: "urgent" } });
    expect(
      (
        await callJson("PATCH", `/api/tickets/${created.body.id}`, {
          cookie: agent,
          body: { tags: ["zeta", "Alpha", "beta"] },
          headers: { "if-match": `"${created.body.version}"` },
        })
      ).status,
    ).toBe(200);
    const listed = await callJson("GET", "/api/tickets?q=tagged", { cookie: agent });
    const item = listed.body.items.find((t: { id: string }) => t.id === created.body.id);
    expect(item.tags).toEqual(["alpha", "beta", "zeta"]);
    // Urgent: first response due in 30 minutes, inside the default 60-minute warning lead…
    expect(item.sla.state).toBe("at_risk");
    expect(item.sla.nextDueAt).toBeTruthy();
    // …and outside the organization's own 10-minute lead, read in the same statement.
    await db().insert(slaSettings).values({ organizationId: org.id, warningLeadMinutes: 10 });
    const again = await callJson("GET", "/api/tickets?q=tagged", { cookie: agent });
    expect(again.body.items.find((t: { id: string }) => t.id === created.body.id).sla.state).toBe("on_track");
    const requester = await signIn(org.requester);
    const own = await callJson("GET", "/api/tickets", { cookie: requester });
    expect(own.body.items.length).toBeGreaterThan(0);
    for (const t of own.body.items) expect(t).not.toHaveProperty("tags");
  });
});

describe("the directory (queue and ticket pages, GET /api/directory) in one statement", () => {
  it("assignable staff and teams, each by name, inactive users and requesters left out", async () => {
    const other = await createOrg("actor-dir");
    await db()
      .insert(teams)
      .values([
        { organizationId: other.id, name: "Zeta team" },
        { organizationId: other.id, name: "Alpha team" },
      ]);
    const gone = await createUser(other.id, other.slug, "aaa-gone", "agent");
    await db().update(users).set({ active: false }).where(eq(users.id, gone.id));
    const cookie = await signIn(other.agent);
    await callJson("GET", "/api/directory", { cookie });
    let body: { agents: { id: string; role: string; label: string }[]; teams: { name: string }[] } | undefined;
    expect(await statementsOf(async () => (body = (await callJson("GET", "/api/directory", { cookie })).body))).toBe(2);
    expect(body!.teams.map((t) => t.name)).toEqual(["Alpha team", "Support", "Zeta team"]);
    expect(body!.agents.map((a) => a.id).sort()).toEqual([other.admin.id, other.agent.id, other.agent2.id].sort());
    expect(body!.agents.every((a) => a.role === "agent" || a.role === "admin")).toBe(true);
    const names = body!.agents.map((a) => a.label);
    expect([...names].sort((a, b) => a.localeCompare(b))).toEqual(names);
  });
});

describe("no cache: the next request sees every change (S3)", () => {
  it("a session revoked from another session is refused on its next request", async () => {
    const victim = await signIn(org.requester2);
    const other = await signIn(org.requester2);
    expect((await callJson("GET", "/api/me", { cookie: victim })).status).toBe(200);
    const list = await callJson("GET", "/api/account/sessions", { cookie: other });
    const target = list.body.items.find((s: { current: boolean }) => !s.current);
    expect((await callJson("DELETE", `/api/account/sessions/${target.id}`, { cookie: other })).status).toBeLessThan(300);
    expect((await callJson("GET", "/api/me", { cookie: victim })).status).toBe(401);
    expect((await callJson("GET", "/api/me", { cookie: other })).status).toBe(200);
  });

  it("a demotion written straight to the database (no revocation) applies on the next request", async () => {
    const user = await createUser(org.id, org.slug, "demoted", "agent");
    const cookie = await signIn(user);
    expect((await callJson("GET", "/api/me", { cookie })).body.role).toBe("agent");
    await db().update(users).set({ role: "requester" }).where(eq(users.id, user.id));
    expect((await callJson("GET", "/api/me", { cookie })).body.role).toBe("requester");
    // …and with it the requester's rights: staff-only routes refuse.
    expect((await callJson("GET", "/api/directory", { cookie })).status).toBe(403);
  });

  it("a deactivation ends the session on the next request, and every other session of that user", async () => {
    const user = await createUser(org.id, org.slug, "deactivated", "agent");
    const first = await signIn(user);
    await signIn(user);
    await db().update(users).set({ active: false }).where(eq(users.id, user.id));
    expect((await callJson("GET", "/api/tickets", { cookie: first })).status).toBe(401);
    expect(await db().select().from(sessions).where(eq(sessions.userId, user.id))).toHaveLength(0);
  });

  it("an organization that starts requiring MFA gates the next request of a user without it", async () => {
    const other = await createOrg("actor-mfa");
    const cookie = await signIn(other.agent);
    expect((await callJson("GET", "/api/tickets", { cookie })).status).toBe(200);
    await db().update(organizations).set({ mfaRequired: true }).where(eq(organizations.id, other.id));
    const refused = await callJson("GET", "/api/tickets", { cookie });
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe("mfa_required");
    expect((await callJson("GET", "/api/me", { cookie })).body.mfaRequired).toBe(true);
  });

  it("an expired session is refused and deleted", async () => {
    const cookie = await signIn(org.agent2);
    const row = await sessionRow(cookie);
    await db()
      .update(sessions)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(sessions.id, row!.id));
    expect((await callJson("GET", "/api/me", { cookie })).status).toBe(401);
    expect(await sessionRow(cookie)).toBeUndefined();
  });

  it("a session past its absolute lifetime is refused and deleted, however recently it was used", async () => {
    const cookie = await signIn(org.agent2);
    const row = await sessionRow(cookie);
    await db()
      .update(sessions)
      .set({ createdAt: new Date(Date.now() - (SESSION_ABSOLUTE_SECONDS + 60) * 1000) })
      .where(eq(sessions.id, row!.id));
    expect((await callJson("GET", "/api/me", { cookie })).status).toBe(401);
    expect(await sessionRow(cookie)).toBeUndefined();
  });
});

describe("sliding idle expiry, in the same statement", () => {
  it("a session due for a refresh gets a new idle expiry from its next request, still in one statement", async () => {
    const cookie = await signIn(org.admin);
    const row = await sessionRow(cookie);
    const soon = new Date(Date.now() + 60_000);
    await db().update(sessions).set({ expiresAt: soon }).where(eq(sessions.id, row!.id));
    expect(await statementsOf(() => call("GET", "/api/me", { cookie }))).toBe(1);
    const after = await sessionRow(cookie);
    expect(after!.expiresAt.getTime()).toBeGreaterThan(Date.now() + (SESSION_IDLE_SECONDS - 60) * 1000);
  });

  it("a session not yet due keeps its expiry (no write on every request)", async () => {
    const cookie = await signIn(org.admin);
    const before = await sessionRow(cookie);
    await callJson("GET", "/api/me", { cookie });
    expect((await sessionRow(cookie))!.expiresAt.getTime()).toBe(before!.expiresAt.getTime());
  });

  it("a session signed in without 'remember me' never slides", async () => {
    const user = await createUser(org.id, org.slug, "forgetful", "agent");
    const res = await callJson("POST", "/api/auth/sign-in/email", { body: { email: user.email, password: "correct-horse-battery-staple", rememberMe: false } });
    expect(res.status).toBe(200);
    const cookie = res.headers
      .getSetCookie()
      .map((c) => c.split(";")[0])
      .join("; ");
    expect(cookie).toContain("dont_remember=");
    const row = await sessionRow(cookie);
    const soon = new Date(Date.now() + 60_000);
    await db().update(sessions).set({ expiresAt: soon }).where(eq(sessions.id, row!.id));
    expect((await callJson("GET", "/api/me", { cookie })).status).toBe(200);
    expect((await sessionRow(cookie))!.expiresAt.getTime()).toBe(soon.getTime());
  });
});
