// Issue 11, "Live, and never across a boundary": GET /api/events on real PostgreSQL (triggers, NOTIFY,
// LISTEN) through the real route pipeline. Every attack is a stream that must receive nothing of what it
// may not GET: not the data, not the kind, not even an id.
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { db } from "@/db/client";
import { users } from "@/db/schema";
import { callJson } from "../support/api";
import * as files from "../support/attachment-files";
import { createOrg, signIn, type TestOrg } from "../support/factory";
import { SseClient, type SseEvent } from "../support/sse";
import { createTicketAs } from "../support/tickets";

process.env.CLAMD_HOST = inject("clamdHost");
process.env.CLAMD_PORT = String(inject("clamdPort"));
process.env.STORAGE_DIR = inject("storageDir");

let home: TestOrg;
let foreign: TestOrg;
const c = {} as Record<"admin" | "agent" | "agent2" | "requester" | "requester2" | "foreignAgent" | "foreignAdmin" | "foreignRequester", string>;

beforeAll(async () => {
  [home, foreign] = await Promise.all([createOrg("ev-home"), createOrg("ev-foreign")]);
  [c.admin, c.agent, c.agent2, c.requester, c.requester2, c.foreignAgent, c.foreignAdmin, c.foreignRequester] = await Promise.all([
    signIn(home.admin),
    signIn(home.agent),
    signIn(home.agent2),
    signIn(home.requester),
    signIn(home.requester2),
    signIn(foreign.agent),
    signIn(foreign.admin),
    signIn(foreign.requester),
  ]);
});

const post = (cookie: string, path: string, body: unknown) => callJson("POST", path, { cookie, body });
const patch = (cookie: string, path: string, body: unknown) => callJson("PATCH", path, { cookie, body });

/** Waits for `marker` on the control stream, then a little longer: whatever else was coming has come. */
async function settle(control: SseClient, marker: (e: SseEvent) => boolean) {
  await control.waitFor(marker);
  await new Promise((r) => setTimeout(r, 400));
}

const kinds = (s: SseClient) => s.dataEvents().map((e) => e.event);

describe("isolation: who receives nothing (issue 11)", () => {
  it("an agent and an admin of another organization and a requester of another ticket receive nothing, not even ids", async () => {
    const control = await SseClient.connect(c.agent);
    const attackers = await Promise.all([c.foreignAgent, c.foreignAdmin, c.requester2, c.foreignRequester].map((k) => SseClient.connect(k)));

    const ticket = await createTicketAs(c.requester, { title: "Secret printer", descriptionMd: "private words" });
    const reply = await post(c.agent, `/api/tickets/${ticket.id}/comments`, { bodyMd: "public reply" });
    const note = await post(c.agent, `/api/tickets/${ticket.id}/comments`, { bodyMd: "internal words", internal: true });
    await patch(c.agent, `/api/tickets/${ticket.id}`, { priority: "urgent", assigneeId: home.agent2.id, teamId: home.teamId, tags: ["vip"] });
    await patch(c.agent, `/api/tickets/${ticket.id}`, { status: "pending" });
    const file = await files.upload(c.requester, ticket.id, "notes.txt", files.text());
    expect(file.status).toBe(201);
    const marker = await post(c.requester, `/api/tickets/${ticket.id}/comments`, { bodyMd: "marker" });
    await settle(control, (e) => e.event === "comment.created" && e.data.comment.id === marker.body.id);

    // The control stream did receive all of it (so the attack streams were listening while it happened).
    expect(kinds(control)).toEqual(expect.arrayContaining(["ticket.created", "ticket.updated", "comment.created", "activity.created", "attachment.created"]));
    const secrets = [ticket.id, reply.body.id, note.body.id, marker.body.id, file.body.id, "Secret printer", "internal words", home.id];
    for (const [i, s] of attackers.entries()) {
      expect(s.dataEvents(), `attacker ${i}`).toEqual([]);
      for (const secret of secrets) expect(s.text, `attacker ${i}`).not.toContain(secret);
      // Nothing but the stream's own frames: the opening comment, `ready`, heartbeats.
      expect(s.events.map((e) => e.event)).toEqual(["ready"]);
    }
    await Promise.all([control, ...attackers].map((s) => s.close()));
  });

  it("a requester gets their own ticket's public replies and status changes, never internal notes, staff-only changes or internal files", async () => {
    const ticket = await createTicketAs(c.requester, { title: "My laptop", descriptionMd: "broken" });
    const mine = await SseClient.connect(c.requester);
    const control = await SseClient.connect(c.agent);

    const note = await post(c.agent, `/api/tickets/${ticket.id}/comments`, { bodyMd: "internal only", internal: true });
    const noteFile = await files.upload(c.agent, ticket.id, "internal.txt", files.text("internal file"), { fields: { commentId: note.body.id } });
    expect(noteFile.status).toBe(201);
    await patch(c.agent, `/api/tickets/${ticket.id}`, { priority: "high" });
    await patch(c.agent, `/api/tickets/${ticket.id}`, { assigneeId: home.agent.id, teamId: home.teamId, tags: ["hardware"] });
    const reply = await post(c.agent, `/api/tickets/${ticket.id}/comments`, { bodyMd: "public reply", status: "pending" });
    await settle(control, (e) => e.event === "comment.created" && e.data.comment.id === reply.body.id);
    await mine.waitFor((e) => e.event === "comment.created");

    const got = mine.dataEvents();
    const comments = got.filter((e) => e.event === "comment.created").map((e) => e.data.comment);
    expect(comments.map((x) => x.id)).toEqual([reply.body.id]);
    expect(comments.every((x) => x.internal === false)).toBe(true);
    const activity = got.filter((e) => e.event === "activity.created").map((e) => e.data.activity);
    // The status change and the public reply's marker on the timeline; nothing staff-only, no note marker.
    expect(activity.map((a) => [a.field, a.to]).sort()).toEqual([
      ["comment", reply.body.id],
      ["status", "pending"],
    ]);
    expect(got.some((e) => e.event.startsWith("attachment."))).toBe(false);
    // The ticket itself is what GET /api/tickets/{id} shows the requester: no tags field, same values.
    const latest = got.filter((e) => e.event === "ticket.updated").at(-1)!.data.ticket;
    const rest = await callJson("GET", `/api/tickets/${ticket.id}`, { cookie: c.requester });
    expect(latest).toEqual(rest.body);
    expect(latest.tags).toBeUndefined();
    expect(mine.text).not.toContain(note.body.id);
    expect(mine.text).not.toContain("internal only");
    expect(mine.text).not.toContain(noteFile.body.id);
    // Staff did get the note, its file and every field change.
    expect(control.dataEvents().some((e) => e.event === "comment.created" && e.data.comment.id === note.body.id)).toBe(true);
    expect(control.dataEvents().some((e) => e.event === "attachment.created" && e.data.attachment.id === noteFile.body.id)).toBe(true);
    const staffFields = control
      .dataEvents()
      .filter((e) => e.event === "activity.created" && e.data.ticketId === ticket.id)
      .map((e) => e.data.activity.field);
    expect(staffFields).toEqual(expect.arrayContaining(["priority", "assignee", "team", "tags", "status", "comment"]));
    await Promise.all([mine.close(), control.close()]);
  });

  it("staff-only writes send a requester's stream nothing at all: no ticket.updated to count (F6)", async () => {
    const ticket = await createTicketAs(c.requester, { title: "Quiet stream", descriptionMd: "x" });
    const other = await createTicketAs(c.requester2, { title: "Someone else's", descriptionMd: "x" });
    const mine = await SseClient.connect(c.requester);
    const control = await SseClient.connect(c.agent);
    const before = (await callJson("GET", `/api/tickets/${ticket.id}`, { cookie: c.requester })).body.version;

    // Every staff-only door that writes the ticket row: a note, the triage fields one by one and together,
    // tags added and removed, a bulk change.
    await post(c.agent, `/api/tickets/${ticket.id}/comments`, { bodyMd: "internal only", internal: true });
    await patch(c.agent, `/api/tickets/${ticket.id}`, { priority: "high" });
    await patch(c.agent, `/api/tickets/${ticket.id}`, { assigneeId: home.agent2.id, teamId: home.teamId });
    await patch(c.agent, `/api/tickets/${ticket.id}`, { addTags: ["quiet"] });
    await patch(c.agent, `/api/tickets/${ticket.id}`, { removeTags: ["quiet"] });
    expect((await post(c.agent, "/api/tickets/bulk", { ids: [ticket.id, other.id], changes: { priority: "urgent" } })).status).toBe(200);
    const staffMarker = await post(c.agent, `/api/tickets/${ticket.id}/comments`, { bodyMd: "staff marker", internal: true });
    await settle(control, (e) => e.event === "comment.created" && e.data.comment.id === staffMarker.body.id);
    expect(control.dataEvents().filter((e) => e.event === "ticket.updated" && e.data.ticket.id === ticket.id).length).toBeGreaterThanOrEqual(6);
    expect(mine.dataEvents()).toEqual([]);

    // A public reply moves the requester's version: exactly one ticket.updated, at the version REST shows.
    const reply = await post(c.agent, `/api/tickets/${ticket.id}/comments`, { bodyMd: "public reply" });
    await mine.waitFor((e) => e.event === "comment.created" && e.data.comment.id === reply.body.id);
    await settle(control, (e) => e.event === "comment.created" && e.data.comment.id === reply.body.id);
    const updates = mine.dataEvents().filter((e) => e.event === "ticket.updated");
    const rest = await callJson("GET", `/api/tickets/${ticket.id}`, { cookie: c.requester });
    expect(updates.map((e) => e.data.ticket.version)).toEqual([rest.body.version]);
    expect(rest.body.version).toBe(before + 1);
    expect(mine.events.map((e) => e.event)).not.toContain("ticket.public_updated");
    await Promise.all([mine.close(), control.close()]);
  });

  it("every event carries exactly what the REST API shows that caller (comment, timeline entry, attachment)", async () => {
    const ticket = await createTicketAs(c.requester, { title: "Same data", descriptionMd: "x" });
    const agent = await SseClient.connect(c.agent);
    const reply = await post(c.agent, `/api/tickets/${ticket.id}/comments`, { bodyMd: "hello", status: "pending" });
    const up = await files.upload(c.agent, ticket.id, "a.txt", files.text());
    await agent.waitFor((e) => e.event === "attachment.created");
    const comments = await callJson("GET", `/api/tickets/${ticket.id}/comments`, { cookie: c.agent });
    const activity = await callJson("GET", `/api/tickets/${ticket.id}/activity`, { cookie: c.agent });
    const attachments = await callJson("GET", `/api/tickets/${ticket.id}/attachments`, { cookie: c.agent });
    const sent = (kind: string) => agent.dataEvents().filter((e) => e.event === kind);
    expect(sent("comment.created").map((e) => e.data.comment)).toEqual(comments.body.items.filter((x: { id: string }) => x.id === reply.body.id));
    expect(sent("activity.created").map((e) => e.data.activity)).toEqual(activity.body.items);
    expect(sent("attachment.created").map((e) => e.data.attachment)).toEqual(attachments.body.items.filter((x: { id: string }) => x.id === up.body.id));
    await agent.close();
  });
});

describe("rights that change while a stream is open (issue 11, S3)", () => {
  it("an agent demoted while their session lives stops getting internal notes from the next event on", async () => {
    // The agent's own ticket, so that as a requester they still see it, and its public replies.
    const ticket = await createTicketAs(c.agent2, { title: "Agent's own ticket", descriptionMd: "x" });
    const stream = await SseClient.connect(c.agent2);
    const note1 = await post(c.agent, `/api/tickets/${ticket.id}/comments`, { bodyMd: "note before", internal: true });
    await stream.waitFor((e) => e.event === "comment.created" && e.data.comment.id === note1.body.id);
    const staffView = await callJson("GET", `/api/tickets/${ticket.id}`, { cookie: c.agent2 });
    await stream.waitFor((e) => e.event === "ticket.updated" && e.data.ticket.version === staffView.body.version);

    // A role change that keeps the session (the admin API also revokes sessions: next test).
    const asStaff = new Set(stream.events);
    await db().update(users).set({ role: "requester" }).where(eq(users.id, home.agent2.id));
    try {
      const note2 = await post(c.agent, `/api/tickets/${ticket.id}/comments`, { bodyMd: "note after", internal: true });
      const reply = await post(c.agent, `/api/tickets/${ticket.id}/comments`, { bodyMd: "public after" });
      await stream.waitFor((e) => e.event === "comment.created" && e.data.comment.id === reply.body.id);
      expect(stream.text).not.toContain(note2.body.id);
      expect(stream.text).not.toContain("note after");
      // And the ticket as a requester sees it (the public reply moved their version): no tags.
      const rest = await callJson("GET", `/api/tickets/${ticket.id}`, { cookie: c.agent2 });
      const last = await stream.waitFor((e) => e.event === "ticket.updated" && !asStaff.has(e));
      expect(last.data.ticket.tags).toBeUndefined();
      expect(last.data.ticket).toEqual(rest.body);
      expect(stream.ended).toBe(false);
    } finally {
      await db().update(users).set({ role: "agent" }).where(eq(users.id, home.agent2.id));
      await stream.close();
    }
  });

  it("a role change through the admin API revokes the sessions, and the open stream ends at the next event", async () => {
    const org = await createOrg("ev-demote");
    const [admin, agent] = await Promise.all([signIn(org.admin), signIn(org.agent)]);
    const requester = await signIn(org.requester);
    const ticket = await createTicketAs(requester, { title: "t", descriptionMd: "x" });
    const stream = await SseClient.connect(agent);
    expect((await patch(admin, `/api/admin/users/${org.agent.id}`, { role: "requester" })).status).toBe(200);
    const note = await post(admin, `/api/tickets/${ticket.id}/comments`, { bodyMd: "secret note", internal: true });
    await stream.waitForEnd();
    expect(stream.events.at(-1)).toMatchObject({ event: "end", data: { reason: "signed_out" } });
    expect(stream.text).not.toContain(note.body.id);
  });

  it("a revoked session's stream ends at the next event; the same user's other session keeps its stream", async () => {
    const ticket = await createTicketAs(c.requester, { title: "t", descriptionMd: "x" });
    const doomedCookie = await signIn(home.agent);
    const doomed = await SseClient.connect(doomedCookie);
    const other = await SseClient.connect(c.agent);
    const me = await callJson("GET", "/api/account/sessions", { cookie: doomedCookie });
    const current = me.body.items.find((s: { current: boolean }) => s.current);
    expect((await callJson("DELETE", `/api/account/sessions/${current.id}`, { cookie: c.agent })).status).toBe(200);
    const note = await post(c.admin, `/api/tickets/${ticket.id}/comments`, { bodyMd: "after revoke", internal: true });
    await doomed.waitForEnd();
    expect(doomed.text).not.toContain(note.body.id);
    await other.waitFor((e) => e.event === "comment.created" && e.data.comment.id === note.body.id);
    expect(other.ended).toBe(false);
    await other.close();
  });

  it("a deactivated user's stream ends at the next event", async () => {
    const org = await createOrg("ev-deactivate");
    const [admin, agent] = await Promise.all([signIn(org.admin), signIn(org.agent)]);
    const stream = await SseClient.connect(agent);
    expect((await patch(admin, `/api/admin/users/${org.agent.id}`, { active: false })).status).toBe(200);
    const ticket = await createTicketAs(admin, { title: "after deactivation", descriptionMd: "x" });
    await stream.waitForEnd();
    expect(stream.text).not.toContain(ticket.id);
  });
});
