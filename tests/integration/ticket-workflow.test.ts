// Issue 11: replies move the ticket, reply and status are one action, a stale page cannot overwrite a
// colleague's change (ETag / If-Match → 412), closed tickets take follow-ups, and every field change is on
// the ticket's timeline — as the caller may see it (requesters: status only), never across a tenant.
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { auditEvents, comments, ticketSla } from "@/db/schema";
import { callJson } from "../support/api";
import { createOrg, signIn, type TestOrg } from "../support/factory";
import { createTicketAs } from "../support/tickets";

let org: TestOrg;
let other: TestOrg;
const c: Record<"admin" | "agent" | "agent2" | "requester" | "requester2" | "otherAgent" | "otherRequester", string> = {} as never;

beforeAll(async () => {
  [org, other] = await Promise.all([createOrg("workflow"), createOrg("workflow-other")]);
  [c.admin, c.agent, c.agent2, c.requester, c.requester2, c.otherAgent, c.otherRequester] = await Promise.all([
    signIn(org.admin),
    signIn(org.agent),
    signIn(org.agent2),
    signIn(org.requester),
    signIn(org.requester2),
    signIn(other.agent),
    signIn(other.requester),
  ]);
});

const patch = (id: string, cookie: string, body: object, headers: Record<string, string> = {}) =>
  callJson("PATCH", `/api/tickets/${id}`, { cookie, body, headers });
const comment = (id: string, cookie: string, body: object, headers: Record<string, string> = {}) =>
  callJson("POST", `/api/tickets/${id}/comments`, { cookie, body, headers });
const getTicket = (id: string, cookie = c.agent) => callJson("GET", `/api/tickets/${id}`, { cookie });
const activity = (id: string, cookie: string, query = "") => callJson("GET", `/api/tickets/${id}/activity${query}`, { cookie });
const commentCount = async (ticketId: string) => (await db().select().from(comments).where(eq(comments.ticketId, ticketId))).length;
const auditActions = async (ticketId: string) =>
  (
    await db()
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.targetId, ticketId), eq(auditEvents.organizationId, org.id)))
  ).map((e) => e.action);
const clockPaused = async (ticketId: string) => {
  const [row] = await db().select().from(ticketSla).where(eq(ticketSla.ticketId, ticketId));
  return row?.pausedSince !== null;
};

describe("a requester's reply brings the ticket back (issue 11, S9)", () => {
  for (const waiting of ["pending", "on_hold", "resolved"] as const) {
    it(`a reply on a ${waiting} ticket reopens it, resumes the SLA clock and is audited`, async () => {
      const t = await createTicketAs(c.requester, { title: `Waiting ${waiting}` });
      expect((await patch(t.id, c.agent, { status: waiting })).status).toBe(200);
      expect(await clockPaused(t.id)).toBe(true);

      const reply = await comment(t.id, c.requester, { bodyMd: "Still broken" });
      expect(reply.status).toBe(201);
      const now = await getTicket(t.id);
      expect(now.body.status).toBe("open");
      expect(now.body.resolvedAt).toBeNull();
      expect(await clockPaused(t.id)).toBe(false);
      expect(await auditActions(t.id)).toContain("ticket.updated");

      // The requester sees their ticket move on its timeline; the reopening is theirs.
      const timeline = await activity(t.id, c.requester);
      expect(timeline.body.items.filter((a: { field: string }) => a.field === "status").at(-1)).toMatchObject({
        from: waiting,
        to: "open",
        actorId: org.requester.id,
      });
    });
  }

  it("a staff reply or an internal note on a pending ticket leaves it pending", async () => {
    const t = await createTicketAs(c.requester, { title: "Staff replies do not reopen" });
    await patch(t.id, c.agent, { status: "pending" });
    expect((await comment(t.id, c.agent, { bodyMd: "Any update on your side?" })).status).toBe(201);
    expect((await comment(t.id, c.agent, { bodyMd: "waiting on them", internal: true })).status).toBe(201);
    expect((await getTicket(t.id)).body.status).toBe("pending");
  });
});

describe("closed tickets take follow-ups, not replies (issue 11)", () => {
  it("a reply to a closed ticket is 409 ticket_closed for requester and staff, and nothing is written", async () => {
    const t = await createTicketAs(c.requester, { title: "Done and dusted" });
    await patch(t.id, c.agent, { status: "closed" });
    const before = (await getTicket(t.id)).body.version;
    for (const [cookie, body] of [
      [c.requester, { bodyMd: "One more thing" }],
      [c.agent, { bodyMd: "Reply after close" }],
      [c.agent, { bodyMd: "Note after close", internal: true }],
      [c.agent, { bodyMd: "Reopen via reply", status: "open" }],
    ] as const) {
      const res = await comment(t.id, cookie, body);
      expect(res.status, JSON.stringify(body)).toBe(409);
      expect(res.body.error).toMatchObject({ code: "ticket_closed", ticketId: t.id });
    }
    expect(await commentCount(t.id)).toBe(0);
    expect((await getTicket(t.id)).body).toMatchObject({ status: "closed", version: before });
  });

  it("closed is final for content and files too: edits and uploads are 409, staff may still reopen (attack review)", async () => {
    const t = await createTicketAs(c.requester, { title: "Closed content" });
    await patch(t.id, c.agent, { status: "closed" });
    for (const [cookie, body] of [
      [c.requester, { title: "edited after close" }],
      [c.requester, { descriptionMd: "new text" }],
      [c.agent, { title: "staff edit after close" }],
    ] as const) {
      const res = await patch(t.id, cookie, body);
      expect(res.status, JSON.stringify(body)).toBe(409);
      expect(res.body.error.code).toBe("ticket_closed");
    }
    for (const cookie of [c.requester, c.agent]) {
      const form = new FormData();
      form.append("file", new Blob(["hello"], { type: "text/plain" }), "late.txt");
      const upload = await callJson("POST", `/api/tickets/${t.id}/attachments`, { cookie, rawBody: form });
      expect(upload.status).toBe(409);
      expect(upload.body.error.code).toBe("ticket_closed");
    }
    expect((await getTicket(t.id)).body.title).toBe("Closed content");
    expect((await patch(t.id, c.agent, { status: "open" })).status).toBe(200);
  });

  it("a requester may reopen a resolved ticket but not a closed one", async () => {
    const t = await createTicketAs(c.requester, { title: "Reopen rules" });
    await patch(t.id, c.agent, { status: "resolved" });
    expect((await patch(t.id, c.requester, { status: "open" })).status).toBe(200);
    await patch(t.id, c.requester, { status: "closed" });
    expect((await patch(t.id, c.requester, { status: "open" })).status).toBe(403);
    expect((await patch(t.id, c.requester, { status: "pending" })).status).toBe(403);
  });

  it("a follow-up ticket names the closed one, for the same requester, on the timeline", async () => {
    const t = await createTicketAs(c.requester, { title: "Printer on fire" });
    await patch(t.id, c.agent, { status: "closed" });
    const mine = await createTicketAs(c.requester, { title: "Printer on fire again", followUpOf: t.id });
    expect(mine.followUpOf).toBe(t.id);
    // Staff opening the follow-up: it stays the customer's ticket.
    const byAgent = await createTicketAs(c.agent, { title: "Follow-up by agent", followUpOf: t.id });
    expect(byAgent.requesterId).toBe(org.requester.id);
    const timeline = await activity(mine.id, c.requester);
    expect(timeline.body.items).toEqual([expect.objectContaining({ field: "follow_up", to: t.id })]);
  });

  it("a follow-up of an open, foreign or someone else's ticket is 400 and creates nothing", async () => {
    const open = await createTicketAs(c.requester, { title: "Still open" });
    const theirs = await createTicketAs(c.requester2, { title: "Someone else's" });
    await patch(theirs.id, c.agent, { status: "closed" });
    const foreign = await createTicketAs(c.otherRequester, { title: "Other tenant" });
    await patch(foreign.id, c.otherAgent, { status: "closed" });
    for (const followUpOf of [open.id, theirs.id, foreign.id, "00000000-0000-4000-8000-000000000000"]) {
      const res = await callJson("POST", "/api/tickets", { cookie: c.requester, body: { title: "Follow-up", followUpOf } });
      expect(res.status, followUpOf).toBe(400);
      expect(res.body.error.details).toEqual([{ path: "followUpOf", message: expect.any(String) }]);
      expect(JSON.stringify(res.body)).not.toContain("Other tenant");
    }
  });
});

describe("reply and status are one action (issue 11)", () => {
  it("Send and set Pending / Resolve: the comment and the status land together", async () => {
    const t = await createTicketAs(c.requester, { title: "One step" });
    const pending = await comment(t.id, c.agent, { bodyMd: "Can you send a screenshot?", status: "pending" });
    expect(pending.status).toBe(201);
    expect((await getTicket(t.id)).body.status).toBe("pending");
    const resolved = await comment(t.id, c.agent, { bodyMd: "Fixed", status: "resolved" });
    expect(resolved.status).toBe(201);
    expect((await getTicket(t.id)).body).toMatchObject({ status: "resolved", resolvedAt: expect.any(String) });
    expect(await commentCount(t.id)).toBe(2);
  });

  it("a status the caller may not set refuses the whole comment (403) and nothing is written", async () => {
    const t = await createTicketAs(c.requester, { title: "Atomic" });
    for (const status of ["pending", "on_hold", "resolved"]) {
      const res = await comment(t.id, c.requester, { bodyMd: `sneaky ${status}`, status });
      expect(res.status, status).toBe(403);
    }
    expect((await comment(t.id, c.agent, { bodyMd: "bad status", status: "deleted" })).status).toBe(400);
    expect(await commentCount(t.id)).toBe(0);
    expect((await getTicket(t.id)).body.status).toBe("open");
    // A requester may close with a last word.
    expect((await comment(t.id, c.requester, { bodyMd: "Thanks, solved", status: "closed" })).status).toBe(201);
    expect((await getTicket(t.id)).body.status).toBe("closed");
  });
});

describe("a stale page never overwrites (ETag / If-Match, issue 11)", () => {
  it("GET gives the version as ETag; PATCH and comments with the current one succeed and move it", async () => {
    const t = await createTicketAs(c.requester, { title: "Versions" });
    const got = await getTicket(t.id);
    expect(got.headers.get("etag")).toBe(`"${got.body.version}"`);
    const edited = await patch(t.id, c.agent, { priority: "high" }, { "if-match": got.headers.get("etag")! });
    expect(edited.status).toBe(200);
    expect(edited.headers.get("etag")).toBe(`"${got.body.version + 1}"`);
    const replied = await comment(t.id, c.agent, { bodyMd: "On it" }, { "if-match": edited.headers.get("etag")! });
    expect(replied.status).toBe(201);
    expect(replied.headers.get("etag")).toBe(`"${got.body.version + 2}"`);
    expect((await patch(t.id, c.agent, { priority: "low" }, { "if-match": "*" })).status).toBe(200);
  });

  it("a write based on an old version is 412 stale with what the caller missed, and writes nothing", async () => {
    const t = await createTicketAs(c.requester, { title: "Collision" });
    const opened = await getTicket(t.id);
    const etag = opened.headers.get("etag")!;
    await patch(t.id, c.agent2, { assigneeId: org.agent2.id, priority: "urgent" }, { "if-match": etag });

    const mine = await patch(t.id, c.agent, { priority: "low" }, { "if-match": etag });
    expect(mine.status).toBe(412);
    expect(mine.body.error.code).toBe("stale");
    expect(mine.body.error.current.ticket).toMatchObject({ id: t.id, priority: "urgent", assigneeId: org.agent2.id });
    expect(mine.body.error.current.changes.map((ch: { field: string; actorId: string }) => [ch.field, ch.actorId])).toEqual([
      ["priority", org.agent2.id],
      ["assignee", org.agent2.id],
    ]);
    expect(mine.headers.get("etag")).toBe(`"${opened.body.version + 1}"`);

    const reply = await comment(t.id, c.agent, { bodyMd: "Lost reply?" }, { "if-match": etag });
    expect(reply.status).toBe(412);
    expect(await commentCount(t.id)).toBe(0);
    expect((await getTicket(t.id)).body).toMatchObject({ priority: "urgent", version: opened.body.version + 1 });
  });

  it("tags we never issued never match: weak, foreign, garbage and future versions are 412", async () => {
    const t = await createTicketAs(c.requester, { title: "Odd tags" });
    const { version } = (await getTicket(t.id)).body;
    for (const tag of [`W/"${version}"`, `${version}`, `"${version + 5}"`, '"abc"', `"${version}x"`, '"-1"']) {
      const res = await patch(t.id, c.agent, { priority: "high" }, { "if-match": tag });
      expect(res.status, tag).toBe(412);
    }
    // A list naming the current version matches (RFC 9110).
    expect((await patch(t.id, c.agent, { priority: "high" }, { "if-match": `"999", "${version}"` })).status).toBe(200);
  });

  it("two agents saving the same version at once: one wins, the other is told (a race, not a lost update)", async () => {
    const t = await createTicketAs(c.requester, { title: "Race" });
    const etag = (await getTicket(t.id)).headers.get("etag")!;
    const results = await Promise.all([
      patch(t.id, c.agent, { priority: "high" }, { "if-match": etag }),
      patch(t.id, c.agent2, { priority: "low" }, { "if-match": etag }),
      comment(t.id, c.agent2, { bodyMd: "racing reply" }, { "if-match": etag }),
    ]);
    const statuses = results.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 412)).toHaveLength(2);
    expect(statuses.filter((s) => s === 200 || s === 201)).toHaveLength(1);
  });

  it("a requester's 412 shows only what they may see: no assignee, no internal note, no priority", async () => {
    const t = await createTicketAs(c.requester, { title: "Requester collision" });
    const etag = (await getTicket(t.id, c.requester)).headers.get("etag")!;
    await patch(t.id, c.agent, { assigneeId: org.agent.id, priority: "urgent", status: "pending" });
    await comment(t.id, c.agent, { bodyMd: "INTERNAL-ONLY do not tell", internal: true });
    const stale = await patch(t.id, c.requester, { title: "Requester edit" }, { "if-match": etag });
    expect(stale.status).toBe(412);
    expect(stale.body.error.current.changes.map((ch: { field: string }) => ch.field)).toEqual(["status"]);
    expect(JSON.stringify(stale.body)).not.toContain("INTERNAL-ONLY");
  });
});

describe("the timeline (GET /api/tickets/{id}/activity, issue 11)", () => {
  it("staff see every change in order; requesters only status changes; both paginate", async () => {
    const t = await createTicketAs(c.requester, { title: "Timeline" });
    await patch(t.id, c.agent, { priority: "high", assigneeId: org.agent.id, teamId: org.teamId });
    await patch(t.id, c.agent, { status: "pending" });
    await comment(t.id, c.agent, { bodyMd: "note", internal: true });
    await patch(t.id, c.agent, { title: "Timeline (renamed)" });

    const staff = await activity(t.id, c.agent);
    expect(staff.status).toBe(200);
    expect(staff.body.items.map((a: { field: string }) => a.field)).toEqual(["priority", "assignee", "team", "status", "comment", "title"]);
    expect(staff.body.items[0]).toMatchObject({ from: "normal", to: "high", actorId: org.agent.id });

    const requester = await activity(t.id, c.requester);
    expect(requester.body.items.map((a: { field: string; to: string }) => [a.field, a.to])).toEqual([["status", "pending"]]);

    const page1 = await activity(t.id, c.agent, "?limit=4");
    expect(page1.body.items).toHaveLength(4);
    const page2 = await activity(t.id, c.agent, `?limit=4&cursor=${page1.body.nextCursor}`);
    expect(page2.body.items.map((a: { field: string }) => a.field)).toEqual(["comment", "title"]);
    expect(page2.body.nextCursor).toBeNull();
    expect((await activity(t.id, c.agent, "?cursor=not-a-cursor")).status).toBe(400);
  });

  it("another tenant's agent, another requester and a stranger's cursor get nothing", async () => {
    const t = await createTicketAs(c.requester, { title: "Private timeline" });
    await patch(t.id, c.agent, { status: "pending", assigneeId: org.agent.id });
    for (const cookie of [c.otherAgent, c.otherRequester, c.requester2]) {
      const res = await activity(t.id, cookie);
      expect(res.status).toBe(404);
      expect(JSON.stringify(res.body)).not.toContain(org.agent.id);
    }
    // The foreign agent cannot write with a guessed version either: 404 before any version talk.
    expect((await patch(t.id, c.otherAgent, { priority: "low" }, { "if-match": '"1"' })).status).toBe(404);
    expect((await comment(t.id, c.otherAgent, { bodyMd: "x" }, { "if-match": '"1"' })).status).toBe(404);
  });
});
