// Issue 11, saved views: personal (their owner only) and shared (every staff member sees them, admins
// change them), a name and the queue's own filters, with counts that stop at a cap ("1,000+"). Another
// user's personal view and another organization's view are a 404, on every method.
import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/auth/actor";
import { db } from "@/db/client";
import { auditEvents, savedViews, tickets } from "@/db/schema";
import { scoped } from "@/db/scoped";
import { countViewTickets, formatCappedCount } from "@/domain/views/count-view-tickets";
import { callJson } from "../support/api";
import { createOrg, signIn, type TestOrg, type TestUser } from "../support/factory";
import { createTicketAs } from "../support/tickets";

let org: TestOrg;
let other: TestOrg;
const c: Record<"admin" | "agent" | "agent2" | "requester" | "otherAdmin" | "otherAgent", string> = {} as never;

beforeAll(async () => {
  [org, other] = await Promise.all([createOrg("views"), createOrg("views-other")]);
  [c.admin, c.agent, c.agent2, c.requester, c.otherAdmin, c.otherAgent] = await Promise.all([
    signIn(org.admin),
    signIn(org.agent),
    signIn(org.agent2),
    signIn(org.requester),
    signIn(other.admin),
    signIn(other.agent),
  ]);
});

const create = (cookie: string, body: object) => callJson("POST", "/api/views", { cookie, body });
const list = (cookie: string, qs = "") => callJson("GET", `/api/views${qs}`, { cookie });
const viewRow = async (id: string) => (await db().select().from(savedViews).where(eq(savedViews.id, id)))[0];
const actorOf = (u: TestUser): Actor => ({
  userId: u.id,
  orgId: u.orgId,
  role: u.role,
  name: u.email,
  sessionId: "t",
  mfaEnabled: false,
  mfaRequired: false,
  ip: null,
  userAgent: null,
});

describe("personal and shared views (issue 11)", () => {
  it("a personal view is its owner's alone: another agent gets 404 on every method and does not see it listed", async () => {
    const res = await create(c.agent, { name: "My urgent", filters: { priority: "urgent", status: "open,pending" } });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({ name: "My urgent", shared: false, mine: true, filters: { priority: "urgent", status: "open,pending" } });
    const id = res.body.id;
    expect((await list(c.agent)).body.items.map((v: { id: string }) => v.id)).toContain(id);

    for (const cookie of [c.agent2, c.admin]) {
      expect((await list(cookie)).body.items.map((v: { id: string }) => v.id)).not.toContain(id);
      expect((await callJson("GET", `/api/views/${id}`, { cookie })).status).toBe(404);
      expect((await callJson("PATCH", `/api/views/${id}`, { cookie, body: { name: "Stolen" } })).status).toBe(404);
      expect((await callJson("DELETE", `/api/views/${id}`, { cookie })).status).toBe(404);
    }
    expect((await viewRow(id))!.name).toBe("My urgent");

    expect((await callJson("PATCH", `/api/views/${id}`, { cookie: c.agent, body: { name: "My urgent ones" } })).body.name).toBe("My urgent ones");
    expect((await callJson("DELETE", `/api/views/${id}`, { cookie: c.agent })).status).toBe(200);
    expect(await viewRow(id)).toBeUndefined();
  });

  it("shared views are created and changed by admins, seen by every agent, audited; agents get 403 changing them", async () => {
    expect((await create(c.agent, { name: "Team view", shared: true, filters: {} })).status).toBe(403);
    const res = await create(c.admin, { name: "Unassigned", shared: true, filters: { assignee: "none", status: "open" } });
    expect(res.status).toBe(201);
    const id = res.body.id;
    const seen = (await list(c.agent)).body.items.find((v: { id: string }) => v.id === id);
    expect(seen).toMatchObject({ shared: true, mine: false, name: "Unassigned" });
    expect((await callJson("PATCH", `/api/views/${id}`, { cookie: c.agent, body: { name: "Mine now" } })).status).toBe(403);
    expect((await callJson("DELETE", `/api/views/${id}`, { cookie: c.agent2 })).status).toBe(403);
    expect((await callJson("PATCH", `/api/views/${id}`, { cookie: c.admin, body: { filters: { assignee: "none" } } })).body.filters).toEqual({
      assignee: "none",
    });
    const audit = await db()
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.organizationId, org.id), eq(auditEvents.targetId, id)))
      .orderBy(auditEvents.seq);
    expect(audit.map((e) => e.action)).toEqual(["view.created", "view.updated"]);
  });

  it("another organization's views are 404 on every method and never listed, whatever the role", async () => {
    const theirs = await create(c.otherAdmin, { name: "Their shared", shared: true, filters: { q: "secret" } });
    const theirPersonal = await create(c.otherAgent, { name: "Their personal", filters: {} });
    for (const id of [theirs.body.id, theirPersonal.body.id]) {
      for (const cookie of [c.admin, c.agent]) {
        const got = await callJson("GET", `/api/views/${id}`, { cookie });
        expect(got.status).toBe(404);
        expect(JSON.stringify(got.body)).not.toContain("Their");
        expect((await callJson("PATCH", `/api/views/${id}`, { cookie, body: { name: "Taken" } })).status).toBe(404);
        expect((await callJson("DELETE", `/api/views/${id}`, { cookie })).status).toBe(404);
        expect(JSON.stringify((await list(cookie)).body)).not.toContain("Their");
      }
      expect((await viewRow(id))!.name).toMatch(/^Their/);
    }
  });

  it("requesters have no saved views (403)", async () => {
    expect((await list(c.requester)).status).toBe(403);
    expect((await create(c.requester, { name: "Mine", filters: {} })).status).toBe(403);
  });
});

describe("a view's filters are the queue's (issue 11)", () => {
  it("are validated by the queue's schema and stored in its canonical form", async () => {
    const res = await create(c.agent, { name: "Canonical", filters: { status: " open , pending ", tag: "  Needs Reply ", q: "  printer  ", sort: "due" } });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.filters).toEqual({ status: "open,pending", tag: "needs-reply", q: "printer", sort: "due" });
    const bad = [
      [{ status: "exploded" }, "filters.status"],
      [{ sla: "soon" }, "filters.sla"],
      [{ assignee: "bob" }, "filters.assignee"],
      [{ tag: "a,b" }, "filters.tag"],
      [{ q: "x\u0000" }, "filters.q"],
      [{ limit: "100" }, "filters"],
    ] as const;
    for (const [filters, path] of bad) {
      const r = await create(c.agent, { name: "Bad", filters });
      expect(r.status, JSON.stringify(filters)).toBe(400);
      expect(JSON.stringify(r.body.error.details), JSON.stringify(filters)).toContain(`"${path}`);
    }
  });

  it("an assignee or team of another organization is a 400 naming the filter; nothing is saved", async () => {
    const before = (await list(c.agent)).body.items.length;
    for (const filters of [{ assignee: other.agent.id }, { team: other.teamId }, { assignee: randomUUID() }]) {
      const r = await create(c.agent, { name: "Foreign filter", filters });
      expect(r.status, JSON.stringify(filters)).toBe(400);
      expect(r.body.error.details[0].path).toMatch(/^filters\.(assignee|team)$/);
    }
    expect((await list(c.agent)).body.items.length).toBe(before);
  });

  it("a view name is data: 60 characters at most, no control or bidi characters", async () => {
    for (const name of ["x".repeat(61), "a\u202eb", "line\nbreak", "", "   "]) expect((await create(c.agent, { name, filters: {} })).status).toBe(400);
    expect((await create(c.agent, { name: '<img src=x onerror="alert(1)">', filters: {} })).status).toBe(201);
  });

  it("at most 30 personal views per person", async () => {
    const fresh = await signIn(org.agent2);
    const have = (await list(fresh)).body.items.filter((v: { mine: boolean; shared: boolean }) => v.mine && !v.shared).length;
    for (let i = have; i < 30; i++) expect((await create(fresh, { name: `v${i}`, filters: {} })).status).toBe(201);
    expect((await create(fresh, { name: "one too many", filters: {} })).status).toBe(400);
  });
});

describe("view counts stay cheap: capped, '1,000+' beyond (issue 11)", () => {
  it("count the tickets the view's page lists, within the caller's organization", async () => {
    const tag = `count-${randomUUID().slice(0, 6)}`;
    for (let i = 0; i < 3; i++) {
      const t = await createTicketAs(c.requester, { title: `Counted ${i}` });
      await callJson("PATCH", `/api/tickets/${t.id}`, { cookie: c.agent, body: { tags: [tag], priority: i === 0 ? "urgent" : "low" } });
    }
    // The same tag in the other organization does not count here.
    const foreignTicket = await createTicketAs(c.otherAgent, { title: "Not counted" });
    await callJson("PATCH", `/api/tickets/${foreignTicket.id}`, { cookie: c.otherAgent, body: { tags: [tag] } });

    const all = await create(c.agent, { name: "Tagged", filters: { tag } });
    const urgent = await create(c.agent, { name: "Tagged urgent", filters: { tag, priority: "urgent" } });
    const due = await create(c.agent, { name: "Tagged by due", filters: { tag, sort: "due" } });
    const none = await create(c.agent, { name: "Unknown tag", filters: { tag: "no-such-tag-here" } });
    const res = await list(c.agent, "?counts=1");
    const count = (id: string) => res.body.items.find((v: { id: string }) => v.id === id).count;
    expect(count(all.body.id)).toEqual({ value: 3, more: false });
    expect(count(urgent.body.id)).toEqual({ value: 1, more: false });
    expect(count(due.body.id)).toEqual({ value: 3, more: false });
    expect(count(none.body.id)).toEqual({ value: 0, more: false });
    expect((await callJson("GET", `/api/views/${all.body.id}`, { cookie: c.agent })).body.count).toEqual({ value: 3, more: false });
    // Without ?counts the list does no counting at all.
    expect((await list(c.agent)).body.items.every((v: object) => !("count" in v))).toBe(true);
    const page = await callJson("GET", `/api/tickets?tag=${tag}&limit=100`, { cookie: c.agent });
    expect(page.body.items).toHaveLength(3);
  });

  it("stop at the cap and say there are more (cap 3 over 5 tickets; exact under the cap)", async () => {
    const small = await createOrg("views-cap");
    const values = Array.from({ length: 5 }, (_, i) => ({
      organizationId: small.id,
      number: i + 1,
      title: `cap ${i}`,
      descriptionMd: "",
      requesterId: small.requester.id,
    }));
    await db().insert(tickets).values(values);
    const agent = actorOf(small.agent);
    const s = scoped(agent);
    expect(await countViewTickets(agent, s, {}, 3)).toEqual({ value: 3, more: true });
    expect(await countViewTickets(agent, s, {}, 5)).toEqual({ value: 5, more: false });
    expect(await countViewTickets(agent, s, {}, 1000)).toEqual({ value: 5, more: false });
    expect(await countViewTickets(agent, s, { status: "closed" }, 3)).toEqual({ value: 0, more: false });
    // A requester counting the same filters counts only their own tickets.
    const requester = actorOf(small.requester2);
    expect(await countViewTickets(requester, scoped(requester), {}, 3)).toEqual({ value: 0, more: false });
    expect(formatCappedCount({ value: 1000, more: true })).toBe("1,000+");
    expect(formatCappedCount({ value: 37, more: false })).toBe("37");
  });
});
