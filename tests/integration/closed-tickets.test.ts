// Issue 11 attack pass: closed is final on every door. A closed ticket takes no reply, file or content edit
// (ticket-workflow.test.ts), and — the gap this file closes — no tag, priority, assignee or team change
// either: PATCH, bulk (per-item `ticket_closed`), a macro and an admin deleting a tag all agree. The one
// change staff may still make is its status (to reopen it); anything else waits until it is open again.
// Deleting a tag takes it off open tickets only: closed ones keep it, as in Zendesk, and the tag is retired.
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { actorForUser } from "@/auth/system-actor";
import { db } from "@/db/client";
import { auditEvents, tags, ticketActivity, tickets, ticketTags } from "@/db/schema";
import { getTicketView } from "@/domain/tickets/get-ticket-view";
import { callJson } from "../support/api";
import { createOrg, signIn, type TestOrg } from "../support/factory";
import { createTicketAs } from "../support/tickets";

let org: TestOrg;
const c: Record<"admin" | "agent" | "requester", string> = {} as never;

beforeAll(async () => {
  org = await createOrg("closed");
  [c.admin, c.agent, c.requester] = await Promise.all([signIn(org.admin), signIn(org.agent), signIn(org.requester)]);
});

const patch = (id: string, cookie: string, body: object) => callJson("PATCH", `/api/tickets/${id}`, { cookie, body });
const bulk = (cookie: string, body: object) => callJson("POST", "/api/tickets/bulk", { cookie, body });
const tagsOf = async (ticketId: string) =>
  (await db().select({ name: tags.name }).from(ticketTags).innerJoin(tags, eq(tags.id, ticketTags.tagId)).where(eq(ticketTags.ticketId, ticketId)))
    .map((r) => r.name)
    .sort();
/** Everything a write would touch: the row, its tags, its timeline and its audit trail. */
const state = async (ticketId: string) => {
  const [row] = await db().select().from(tickets).where(eq(tickets.id, ticketId));
  const timeline = await db().select().from(ticketActivity).where(eq(ticketActivity.ticketId, ticketId));
  const audit = await db()
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.organizationId, org.id), eq(auditEvents.targetId, ticketId)));
  return { row, tags: await tagsOf(ticketId), timeline: timeline.length, audit: audit.length };
};

/** A closed ticket carrying tags, priority, an assignee and a team, as a finished ticket would. */
async function closedTicket(title: string) {
  const t = await createTicketAs(c.requester, { title });
  await patch(t.id, c.agent, { tags: ["billing", "vip"], priority: "high", assigneeId: org.agent.id, teamId: org.teamId });
  expect((await patch(t.id, c.agent, { status: "closed" })).status).toBe(200);
  return t;
}

describe("a closed ticket's fields are final: PATCH (issue 11)", () => {
  // Bodies are built when the test runs: the organization's ids exist only after beforeAll.
  const edits: [string, () => object][] = [
    ["the whole tag list", () => ({ tags: ["other"] })],
    ["an added tag", () => ({ addTags: ["late"] })],
    ["a removed tag", () => ({ removeTags: ["vip"] })],
    ["a cleared tag list", () => ({ tags: [] })],
    ["priority", () => ({ priority: "low" })],
    ["assignee", () => ({ assigneeId: org.agent2.id })],
    ["unassigning", () => ({ assigneeId: null })],
    ["team", () => ({ teamId: null })],
    ["tags beside a reopening status", () => ({ status: "open", addTags: ["reopened"] })],
    ["priority beside a closing status", () => ({ status: "closed", priority: "urgent" })],
  ];
  for (const [what, body] of edits) {
    it(`${what}: 409 ticket_closed, nothing written`, async () => {
      const t = await closedTicket(`Final ${what}`);
      const before = await state(t.id);
      const res = await patch(t.id, c.agent, body());
      expect(res.status, JSON.stringify(res.body)).toBe(409);
      expect(res.body.error).toMatchObject({ code: "ticket_closed", ticketId: t.id });
      expect(await state(t.id)).toEqual(before);
    });
  }

  it("staff may still reopen it; then tags and triage change again", async () => {
    const t = await closedTicket("Reopen then tag");
    expect((await patch(t.id, c.agent, { status: "open" })).status).toBe(200);
    const res = await patch(t.id, c.agent, { addTags: ["reopened"], priority: "urgent" });
    expect(res.status).toBe(200);
    expect(res.body.tags).toEqual(["billing", "reopened", "vip"]);
  });

  it("an open ticket may be tagged and closed in one request (a macro's 'close as spam')", async () => {
    const t = await createTicketAs(c.requester, { title: "Spam" });
    const res = await patch(t.id, c.agent, { status: "closed", tags: ["spam"] });
    expect(res.status).toBe(200);
    expect(await tagsOf(t.id)).toEqual(["spam"]);
  });

  it("a requester is still told 403 for what they may never change, closed or not", async () => {
    const t = await closedTicket("Requester on closed");
    expect((await patch(t.id, c.requester, { priority: "urgent" })).status).toBe(403);
    expect((await patch(t.id, c.requester, { tags: ["x"] })).status).toBe(403);
  });

  it("the page offers no field control of a closed ticket but its status", async () => {
    const t = await closedTicket("Page controls");
    const view = await getTicketView(actorForUser({ id: org.agent.id, role: "agent", name: "agent" }, org.id), t.id);
    expect(view.actions).toMatchObject({ setStatus: true, setPriority: false, assign: false, tag: false, editContent: false });
  });
});

describe("a closed ticket's fields are final: bulk and macros (issue 11)", () => {
  it("bulk tags and triage: closed tickets are per-item ticket_closed and untouched, open ones change", async () => {
    const closed = await closedTicket("Bulk closed");
    const open = await createTicketAs(c.requester, { title: "Bulk open" });
    for (const changes of [
      { addTags: ["swept"] },
      { removeTags: ["vip"] },
      { priority: "low" },
      { assigneeId: null, teamId: null },
      { status: "open", addTags: ["x"] },
    ]) {
      const before = await state(closed.id);
      const res = await bulk(c.agent, { ids: [closed.id, open.id], changes });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      const item = res.body.items.find((i: { id: string }) => i.id === closed.id);
      expect(item, JSON.stringify(changes)).toMatchObject({ status: "ticket_closed", error: { message: expect.stringContaining("closed") } });
      expect(res.body.summary.ticket_closed).toBe(1);
      expect(res.body.items.find((i: { id: string }) => i.id === open.id).status).not.toBe("ticket_closed");
      expect(await state(closed.id)).toEqual(before);
    }
  });

  it("bulk may reopen closed tickets (a status change alone)", async () => {
    const closed = await closedTicket("Bulk reopen");
    const res = await bulk(c.agent, { ids: [closed.id], changes: { status: "open" } });
    expect(res.body.items[0].status).toBe("updated");
  });

  it("a macro is not filled in for a closed ticket (it takes no reply), and its field changes would be refused", async () => {
    const t = await closedTicket("Macro on closed");
    const macro = await callJson("POST", "/api/macros", { cookie: c.agent, body: { name: "Escalate", bodyMd: "Escalating", changes: { priority: "urgent" } } });
    expect(macro.status).toBe(201);
    const render = await callJson("POST", `/api/tickets/${t.id}/macros/${macro.body.id}/render`, { cookie: c.agent, body: {} });
    expect(render.status).toBe(409);
    expect(render.body.error.code).toBe("ticket_closed");
    // What the composer would PATCH for the macro is the same 409.
    expect((await patch(t.id, c.agent, { priority: "urgent" })).status).toBe(409);
  });
});

describe("deleting a tag leaves closed tickets as they are (issue 11)", () => {
  it("open tickets lose it; closed ones keep it, untouched; the tag is retired, still found by ?tag=, and comes back when used", async () => {
    const name = `legacy-${Date.now().toString(36)}`;
    const open = await createTicketAs(c.requester, { title: "Open legacy" });
    await patch(open.id, c.agent, { tags: [name] });
    const closed = await createTicketAs(c.requester, { title: "Closed legacy" });
    await patch(closed.id, c.agent, { tags: [name, "other"] });
    await patch(closed.id, c.agent, { status: "closed" });
    const closedBefore = await state(closed.id);
    const [tag] = await db()
      .select()
      .from(tags)
      .where(and(eq(tags.organizationId, org.id), eq(tags.name, name)));

    const res = await callJson("DELETE", `/api/tags/${tag!.id}`, { cookie: c.admin });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ id: tag!.id, deleted: true, tickets: 1, keptByClosedTickets: 1 });
    expect(await tagsOf(open.id)).toEqual([]);
    expect(await state(closed.id)).toEqual(closedBefore);

    // Retired: not offered any more, but a closed ticket's tag still finds it.
    expect((await callJson("GET", `/api/tags?q=${name}`, { cookie: c.agent })).body.items).toEqual([]);
    const listed = await callJson("GET", `/api/tickets?tag=${name}`, { cookie: c.agent });
    expect(listed.body.items.map((t: { id: string }) => t.id)).toEqual([closed.id]);
    expect(listed.body.items[0].tags).toEqual([name, "other"]);

    // Used again, it is an ordinary tag again.
    await patch(open.id, c.agent, { addTags: [name] });
    expect((await callJson("GET", `/api/tags?q=${name}`, { cookie: c.agent })).body.items.map((t: { name: string }) => t.name)).toEqual([name]);
  });

  it("a tag only closed tickets carry: nothing is stripped, the tag is retired; one no ticket carries is gone", async () => {
    const kept = `closed-only-${Date.now().toString(36)}`;
    const closed = await createTicketAs(c.requester, { title: "Closed only" });
    await patch(closed.id, c.agent, { tags: [kept] });
    await patch(closed.id, c.agent, { status: "closed" });
    const before = await state(closed.id);
    const [tag] = await db()
      .select()
      .from(tags)
      .where(and(eq(tags.organizationId, org.id), eq(tags.name, kept)));
    expect((await callJson("DELETE", `/api/tags/${tag!.id}`, { cookie: c.admin })).body).toMatchObject({ tickets: 0, keptByClosedTickets: 1 });
    expect(await state(closed.id)).toEqual(before);
    const [row] = await db().select().from(tags).where(eq(tags.id, tag!.id));
    expect(row!.retiredAt).not.toBeNull();

    const unused = await createTicketAs(c.requester, { title: "Unused tag" });
    await patch(unused.id, c.agent, { tags: ["fleeting"] });
    await patch(unused.id, c.agent, { tags: [] });
    const [fleeting] = await db()
      .select()
      .from(tags)
      .where(and(eq(tags.organizationId, org.id), eq(tags.name, "fleeting")));
    expect((await callJson("DELETE", `/api/tags/${fleeting!.id}`, { cookie: c.admin })).body).toMatchObject({ tickets: 0, keptByClosedTickets: 0 });
    expect(await db().select().from(tags).where(eq(tags.id, fleeting!.id))).toEqual([]);
  });
});
