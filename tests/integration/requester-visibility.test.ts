// Issue 11 attack pass (F6): a requester learns nothing about staff-only work on their ticket. What they
// receive — the ticket on every door (GET, the list, the PATCH answer, the 412's `current`, the ticket
// page's data), its ETag and `version`, the timeline — is shaped by one function per audience and moves
// only with what they can see: a public reply, a status change, a title or description edit. An internal
// note, a priority change, an assignment, tags, a bulk action or an admin deleting a tag or a team leave
// every byte of it as it was, so polling is no oracle. Staff keep the full version.
import { beforeAll, describe, expect, it } from "vitest";
import { actorForUser } from "@/auth/system-actor";
import type { Actor } from "@/auth/actor";
import { getTicketView } from "@/domain/tickets/get-ticket-view";
import { callJson } from "../support/api";
import { createOrg, signIn, type TestOrg, type TestUser } from "../support/factory";
import { createTicketAs } from "../support/tickets";

let org: TestOrg;
const c: Record<"admin" | "agent" | "requester", string> = {} as never;

beforeAll(async () => {
  org = await createOrg("req-view");
  [c.admin, c.agent, c.requester] = await Promise.all([signIn(org.admin), signIn(org.agent), signIn(org.requester)]);
});

const actorOf = (u: TestUser): Actor => actorForUser({ id: u.id, role: u.role, name: u.email }, u.orgId);
const patch = (id: string, cookie: string, body: object, headers: Record<string, string> = {}) =>
  callJson("PATCH", `/api/tickets/${id}`, { cookie, body, headers });
const comment = (id: string, cookie: string, body: object, headers: Record<string, string> = {}) =>
  callJson("POST", `/api/tickets/${id}/comments`, { cookie, body, headers });
const getTicket = (id: string, cookie: string) => callJson("GET", `/api/tickets/${id}`, { cookie });

/** Fields only staff receive: triage (priority, who and which team works on it), SLA targets and tags. */
const STAFF_ONLY_FIELDS = ["priority", "assigneeId", "teamId", "firstResponseDueAt", "resolutionDueAt", "sla", "tags"];

/** Maps serialise as {}: the page's name table is compared as its entries. */
const stable = (v: unknown) => JSON.stringify(v, (_k, x) => (x instanceof Map ? [...x.entries()] : x));

/** Everything a requester can read about one ticket, byte for byte, through each door. */
async function requesterSees(ticketId: string) {
  const [detail, list, activity, comments, view] = await Promise.all([
    callJson("GET", `/api/tickets/${ticketId}`, { cookie: c.requester }),
    callJson("GET", "/api/tickets?limit=100", { cookie: c.requester }),
    callJson("GET", `/api/tickets/${ticketId}/activity`, { cookie: c.requester }),
    callJson("GET", `/api/tickets/${ticketId}/comments`, { cookie: c.requester }),
    getTicketView(actorOf(org.requester), ticketId),
  ]);
  expect(detail.status).toBe(200);
  return {
    detail: JSON.stringify(detail.body),
    etag: detail.headers.get("etag"),
    listItem: JSON.stringify(list.body.items.find((t: { id: string }) => t.id === ticketId)),
    activity: JSON.stringify(activity.body),
    comments: JSON.stringify(comments.body),
    page: stable(view),
  };
}

/** A ticket that already has some public history (a reply, a status change) and staff triage on it. */
async function workedTicket(title: string) {
  const t = await createTicketAs(c.requester, { title, descriptionMd: "My printer is on fire" });
  await comment(t.id, c.agent, { bodyMd: "Looking into it" });
  await patch(t.id, c.agent, { priority: "high", assigneeId: org.agent.id, teamId: org.teamId, tags: ["printer"] });
  return t;
}

describe("staff-only work does not move what a requester sees (F6)", () => {
  // [what, the staff-only change, a staff-only preparation it needs (taken before "before")]
  const staffOnly: [string, (ticketId: string) => Promise<unknown>, ((ticketId: string) => Promise<unknown>)?][] = [
    ["an internal note", (id) => comment(id, c.agent, { bodyMd: "INTERNAL: customer is on the watch list", internal: true })],
    ["a priority change", (id) => patch(id, c.agent, { priority: "urgent" })],
    ["an assignment to another agent and team change", (id) => patch(id, c.agent, { assigneeId: org.agent2.id, teamId: null })],
    ["a tag change", (id) => patch(id, c.agent, { addTags: ["escalated", "vip"] })],
    ["a bulk action", (id) => callJson("POST", "/api/tickets/bulk", { cookie: c.agent, body: { ids: [id], changes: { priority: "low", addTags: ["bulk"] } } })],
    [
      "an admin deleting a tag the ticket carries",
      async (id) => {
        const tag = `gone-${id.slice(0, 8)}`;
        const found = await callJson("GET", `/api/tags?q=${tag}`, { cookie: c.agent });
        return callJson("DELETE", `/api/tags/${found.body.items[0].id}`, { cookie: c.admin });
      },
      (id) => patch(id, c.agent, { addTags: [`gone-${id.slice(0, 8)}`] }),
    ],
    [
      "an admin deleting the ticket's team",
      async (id) => {
        const team = await callJson("GET", "/api/directory", { cookie: c.agent });
        const doomed = team.body.teams.find((x: { name: string }) => x.name === `Doomed ${id.slice(0, 8)}`);
        return callJson("DELETE", `/api/admin/teams/${doomed.id}`, { cookie: c.admin });
      },
      async (id) => {
        const team = await callJson("POST", "/api/admin/teams", { cookie: c.admin, body: { name: `Doomed ${id.slice(0, 8)}` } });
        return patch(id, c.agent, { teamId: team.body.id });
      },
    ],
  ];

  for (const [what, act, prepare] of staffOnly) {
    it(`${what}: the requester's ticket, ETag, list item, timeline, comments and page data stay byte for byte`, async () => {
      const t = await workedTicket(`Quiet ${what}`);
      await prepare?.(t.id);
      const staffBefore = (await getTicket(t.id, c.agent)).body.version;
      const before = await requesterSees(t.id);
      const res = (await act(t.id)) as { status: number };
      expect(res.status).toBeLessThan(300);
      const after = await requesterSees(t.id);
      expect(after).toEqual(before);
      // Staff still see every write as a new version (collision safety between agents is unchanged).
      expect((await getTicket(t.id, c.agent)).body.version).toBeGreaterThan(staffBefore);
    });
  }
});

describe("what a requester can see moves their version (F6)", () => {
  const visible: [string, (ticketId: string) => Promise<unknown>, (body: Record<string, unknown>) => void][] = [
    ["a public staff reply", (id) => comment(id, c.agent, { bodyMd: "Try turning it off" }), () => undefined],
    ["a status change", (id) => patch(id, c.agent, { status: "pending" }), (b) => expect(b.status).toBe("pending")],
    ["a title edit by staff", (id) => patch(id, c.agent, { title: "Printer on fire (renamed)" }), (b) => expect(b.title).toBe("Printer on fire (renamed)")],
    ["the requester's own reply", (id) => comment(id, c.requester, { bodyMd: "Still burning" }), () => undefined],
  ];
  for (const [what, act, check] of visible) {
    it(`${what}: one new requester version, a new ETag and updatedAt`, async () => {
      const t = await workedTicket(`Loud ${what}`);
      const before = await getTicket(t.id, c.requester);
      await act(t.id);
      const after = await getTicket(t.id, c.requester);
      expect(after.body.version).toBe(before.body.version + 1);
      expect(after.headers.get("etag")).toBe(`"${before.body.version + 1}"`);
      expect(after.body.updatedAt).not.toBe(before.body.updatedAt);
      check(after.body);
    });
  }
});

describe("the requester's ticket carries no staff fields, on every door (F6)", () => {
  const leaks = (body: unknown, where: string) => {
    const text = JSON.stringify(body);
    // agent2 is the assignee and never writes to the requester: its id (and the team's) must appear nowhere.
    for (const id of [org.agent2.id, org.teamId]) expect(text, `${where} names ${id}`).not.toContain(id);
  };
  const noStaffFields = (ticket: Record<string, unknown>, where: string) => {
    for (const field of STAFF_ONLY_FIELDS) expect(Object.keys(ticket), `${where}: ${field}`).not.toContain(field);
    expect(ticket, where).toMatchObject({ id: expect.any(String), title: expect.any(String), status: expect.any(String), version: expect.any(Number) });
  };

  it("create, GET, list, PATCH answer, comment ETag, 412 current and the page data", async () => {
    const created = await callJson("POST", "/api/tickets", { cookie: c.requester, body: { title: "Doors", descriptionMd: "x" } });
    expect(created.status).toBe(201);
    noStaffFields(created.body, "POST /api/tickets");
    const id = created.body.id as string;
    await patch(id, c.agent, { priority: "urgent", assigneeId: org.agent2.id, teamId: org.teamId, tags: ["door"] });

    const got = await getTicket(id, c.requester);
    noStaffFields(got.body, "GET");
    leaks(got.body, "GET");
    const list = await callJson("GET", "/api/tickets", { cookie: c.requester });
    for (const item of list.body.items) noStaffFields(item, "list item");
    leaks(list.body, "list");

    const edited = await patch(id, c.requester, { title: "Doors (edited)" }, { "if-match": got.headers.get("etag")! });
    expect(edited.status).toBe(200);
    noStaffFields(edited.body, "PATCH");
    leaks(edited.body, "PATCH");
    expect(edited.headers.get("etag")).toBe(`"${edited.body.version}"`);

    const replied = await comment(id, c.requester, { bodyMd: "More detail" }, { "if-match": edited.headers.get("etag")! });
    expect(replied.status).toBe(201);
    const afterReply = await getTicket(id, c.requester);
    expect(replied.headers.get("etag")).toBe(afterReply.headers.get("etag"));

    // A staff reply makes the requester's version stale; the 412 shows the ticket as a requester sees it.
    await comment(id, c.agent, { bodyMd: "We replaced the toner" });
    const stale = await patch(id, c.requester, { title: "Doors (again)" }, { "if-match": afterReply.headers.get("etag")! });
    expect(stale.status).toBe(412);
    noStaffFields(stale.body.error.current.ticket, "412 current.ticket");
    leaks(stale.body, "412");

    const view = await getTicketView(actorOf(org.requester), id);
    noStaffFields(view.ticket as unknown as Record<string, unknown>, "page");
    leaks(stable(view), "page");
  });

  it("staff still get every field", async () => {
    const t = await workedTicket("Staff fields");
    const got = await getTicket(t.id, c.agent);
    expect(got.body).toMatchObject({ priority: "high", assigneeId: org.agent.id, teamId: org.teamId, tags: ["printer"] });
    expect(got.body.sla).toBeDefined();
    expect(got.body.firstResponseDueAt).not.toBeUndefined();
  });

  it("queue filters on staff-only fields are refused to requesters, so a filter is no oracle either", async () => {
    const t = await workedTicket("Filter oracle");
    await patch(t.id, c.agent, { priority: "urgent" });
    for (const query of [
      "priority=urgent",
      `assignee=${org.agent.id}`,
      "assignee=none",
      "mine=1",
      `team=${org.teamId}`,
      "team=none",
      "sla=breached",
      "sla=at_risk",
      "sort=due",
      "tag=printer",
    ]) {
      const res = await callJson("GET", `/api/tickets?${query}`, { cookie: c.requester });
      expect(res.status, query).toBe(403);
      expect(JSON.stringify(res.body), query).not.toContain(t.id);
    }
    // Filters on what they can see still work.
    const mine = await callJson("GET", `/api/tickets?status=open&q=${encodeURIComponent("Filter oracle")}`, { cookie: c.requester });
    expect(mine.status).toBe(200);
    expect(mine.body.items.map((x: { id: string }) => x.id)).toContain(t.id);
  });
});

describe("If-Match for requesters compares their own version (F6)", () => {
  it("after staff-only work the requester's ETag still matches, for PATCH and for a reply", async () => {
    const t = await workedTicket("Still current");
    const etag = (await getTicket(t.id, c.requester)).headers.get("etag")!;
    await comment(t.id, c.agent, { bodyMd: "internal", internal: true });
    await patch(t.id, c.agent, { priority: "low", assigneeId: org.agent2.id, addTags: ["x"] });
    const edited = await patch(t.id, c.requester, { descriptionMd: "More words" }, { "if-match": etag });
    expect(edited.status, JSON.stringify(edited.body)).toBe(200);
    await patch(t.id, c.agent, { priority: "urgent" });
    const replied = await comment(t.id, c.requester, { bodyMd: "Thanks" }, { "if-match": edited.headers.get("etag")! });
    expect(replied.status, JSON.stringify(replied.body)).toBe(201);
  });

  it("a stale requester version is 412 with only requester-visible changes, each at a requester version", async () => {
    const t = await workedTicket("Stale requester");
    const opened = await getTicket(t.id, c.requester);
    await patch(t.id, c.agent, { status: "pending", priority: "urgent", assigneeId: org.agent2.id });
    await comment(t.id, c.agent, { bodyMd: "SECRET-NOTE", internal: true });
    await comment(t.id, c.agent, { bodyMd: "Can you send a photo?" });

    for (const write of [
      () => patch(t.id, c.requester, { title: "Mine now" }, { "if-match": opened.headers.get("etag")! }),
      () => comment(t.id, c.requester, { bodyMd: "Reply on an old page" }, { "if-match": opened.headers.get("etag")! }),
      () => patch(t.id, c.requester, { status: "closed" }, { "if-match": opened.headers.get("etag")! }),
    ]) {
      const res = await write();
      expect(res.status).toBe(412);
      const current = res.body.error.current;
      const now = await getTicket(t.id, c.requester);
      expect(res.headers.get("etag")).toBe(now.headers.get("etag"));
      expect(current.ticket).toEqual(now.body);
      expect(current.changes.map((ch: { field: string }) => ch.field)).toEqual(["status", "comment"]);
      // Each missed change carries the requester's version it produced, never the staff counter.
      expect(current.changes.map((ch: { version: number }) => ch.version)).toEqual([opened.body.version + 1, opened.body.version + 2]);
      expect(JSON.stringify(res.body)).not.toContain("SECRET-NOTE");
      expect(JSON.stringify(res.body)).not.toContain(org.agent2.id);
    }
    // The staff version of the same ticket is a different number: staff and requesters each have their own.
    const staff = await getTicket(t.id, c.agent);
    expect(staff.body.version).toBeGreaterThan(opened.body.version + 2);
  });

  it("the timeline's versions are the requester's versions, so gaps show nothing", async () => {
    const t = await createTicketAs(c.requester, { title: "Gaps" });
    const v0 = (await getTicket(t.id, c.requester)).body.version;
    await patch(t.id, c.agent, { priority: "urgent" });
    await patch(t.id, c.agent, { assigneeId: org.agent.id });
    await patch(t.id, c.agent, { status: "pending" });
    await comment(t.id, c.agent, { bodyMd: "note", internal: true });
    await patch(t.id, c.agent, { status: "open" });
    const timeline = await callJson("GET", `/api/tickets/${t.id}/activity`, { cookie: c.requester });
    expect(timeline.body.items.map((a: { field: string; version: number }) => [a.field, a.version])).toEqual([
      ["status", v0 + 1],
      ["status", v0 + 2],
    ]);
  });
});
