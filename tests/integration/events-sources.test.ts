// Issue 11: what else is live, and to whom. Notifications (the recipient's own, with the bell's count;
// mark read / read-all), presence on a ticket page (staff see everyone's; a requester sees staff viewing
// their ticket and nothing more; never another organization), team deletion, SLA events on the timeline,
// and attachments' scan states (staff see them). Real PostgreSQL and clamd, the real routes.
import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { systemActor } from "@/auth/system-actor";
import { db } from "@/db/client";
import { attachments, notifications } from "@/db/schema";
import { scoped } from "@/db/scoped";
import { runSlaScan } from "@/jobs/sla-breach-scan";
import { fixedClock, now, setClock } from "@/lib/clock";
import { callJson } from "../support/api";
import * as files from "../support/attachment-files";
import { createOrg, signIn, type TestOrg } from "../support/factory";
import { SseClient } from "../support/sse";
import { createTicketAs } from "../support/tickets";

process.env.CLAMD_HOST = inject("clamdHost");
process.env.CLAMD_PORT = String(inject("clamdPort"));
process.env.STORAGE_DIR = inject("storageDir");

let home: TestOrg;
let foreign: TestOrg;
const c = {} as Record<"admin" | "agent" | "agent2" | "requester" | "requester2" | "foreignAgent", string>;

beforeAll(async () => {
  [home, foreign] = await Promise.all([createOrg("ev-sources"), createOrg("ev-sources-foreign")]);
  [c.admin, c.agent, c.agent2, c.requester, c.requester2, c.foreignAgent] = await Promise.all([
    signIn(home.admin),
    signIn(home.agent),
    signIn(home.agent2),
    signIn(home.requester),
    signIn(home.requester2),
    signIn(foreign.agent),
  ]);
});

const post = (cookie: string, path: string, body: unknown) => callJson("POST", path, { cookie, body });
const presence = (cookie: string, ticketId: string, state: string) => post(cookie, `/api/tickets/${ticketId}/presence`, { state });
const pause = (ms = 400) => new Promise((r) => setTimeout(r, ms));

describe("notifications and the bell (issue 11)", () => {
  it("a notification reaches its recipient only, with the unread count; read and read-all send the new count", async () => {
    const ticket = await createTicketAs(c.agent, { title: "Notify me", requesterId: home.requester.id, assigneeId: home.agent.id });
    const [mine, colleague, requester] = await Promise.all([SseClient.connect(c.agent), SseClient.connect(c.agent2), SseClient.connect(c.requester)]);
    const r1 = await post(c.requester, `/api/tickets/${ticket.id}/comments`, { bodyMd: "first" });
    const n1 = await mine.waitFor((e) => e.event === "notification.created");
    expect(n1.data.notification).toMatchObject({ type: "comment.created", ticketId: ticket.id, read: false });
    const rest = await callJson("GET", "/api/notifications?limit=100", { cookie: c.agent });
    expect(n1.data.notification).toEqual(rest.body.items.find((n: { id: string }) => n.id === n1.data.notification.id));
    expect(n1.data.unreadCount).toBe(rest.body.unreadCount);
    await post(c.requester, `/api/tickets/${ticket.id}/comments`, { bodyMd: "second" });
    await mine.waitFor((e) => e.event === "notification.created" && e.data.notification.id !== n1.data.notification.id);
    void r1;

    expect((await post(c.agent, `/api/notifications/${n1.data.notification.id}/read`, {})).status).toBe(200);
    const afterOne = await mine.waitFor((e) => e.event === "notification.read");
    expect(afterOne.data).toEqual({ unreadCount: rest.body.unreadCount });

    const all = await post(c.agent, "/api/notifications/read-all", {});
    expect(all.status).toBe(200);
    expect(all.body.unreadCount).toBe(0);
    await mine.waitFor((e) => e.event === "notification.read" && e.data.unreadCount === 0);
    await pause();
    // Nobody else heard of the agent's notifications.
    for (const s of [colleague, requester]) {
      expect(s.dataEvents().filter((e) => e.event.startsWith("notification."))).toEqual([]);
      expect(s.text).not.toContain(n1.data.notification.id);
    }
    await Promise.all([mine, colleague, requester].map((s) => s.close()));
  });

  it("read-all of one ticket marks only that ticket's, and another user's or another organization's notifications never", async () => {
    const t1 = await createTicketAs(c.agent, { title: "One", requesterId: home.requester.id, assigneeId: home.agent.id });
    const t2 = await createTicketAs(c.agent, { title: "Two", requesterId: home.requester.id, assigneeId: home.agent.id });
    await post(c.requester, `/api/tickets/${t1.id}/comments`, { bodyMd: "on one" });
    await post(c.requester, `/api/tickets/${t2.id}/comments`, { bodyMd: "on two" });
    const unread = async (ticketId: string) =>
      (await db().select().from(notifications).where(eq(notifications.ticketId, ticketId))).filter((n) => n.userId === home.agent.id && !n.readAt).length;
    expect(await unread(t1.id)).toBe(1);
    const res = await post(c.agent, "/api/notifications/read-all", { ticketId: t1.id });
    expect(res.body.marked).toBe(1);
    expect([await unread(t1.id), await unread(t2.id)]).toEqual([0, 1]);
    // Another user's read-all, or another organization's, with this ticket id marks nothing of ours.
    for (const cookie of [c.agent2, c.foreignAgent, c.requester2]) {
      const other = await post(cookie, "/api/notifications/read-all", { ticketId: t2.id });
      expect(other.status).toBe(200);
      expect(other.body.marked).toBe(0);
    }
    expect(await unread(t2.id)).toBe(1);
    for (const body of [{ ticketId: "not-an-id" }, { ticketId: t1.id, extra: 1 }]) {
      expect((await post(c.agent, "/api/notifications/read-all", body)).status).toBe(400);
    }
  });
});

describe("presence on a ticket page (issue 11)", () => {
  it("staff see who else is viewing or replying; the requester sees staff viewing (never 'replying'); others see nothing", async () => {
    const ticket = await createTicketAs(c.requester, { title: "Presence", descriptionMd: "x" });
    const [agent, agent2, requester, requester2, foreignAgent, admin] = await Promise.all([
      SseClient.connect(c.agent),
      SseClient.connect(c.agent2),
      SseClient.connect(c.requester),
      SseClient.connect(c.requester2),
      SseClient.connect(c.foreignAgent),
      SseClient.connect(c.admin),
    ]);
    // Each of them has the ticket page open (the admin has not: their stream is on the queue).
    await presence(c.agent, ticket.id, "viewing");
    await presence(c.requester, ticket.id, "viewing");
    await presence(c.agent2, ticket.id, "replying");
    expect((await presence(c.requester2, ticket.id, "viewing")).status).toBe(404);
    expect((await presence(c.foreignAgent, ticket.id, "viewing")).status).toBe(404);

    const seenByAgent = await agent.waitFor((e) => e.event === "presence" && e.data.userId === home.agent2.id);
    expect(seenByAgent.data).toMatchObject({ ticketId: ticket.id, state: "replying", expiresInSec: 45 });
    // Staff see the name with role and e-mail, as everywhere else (a name cannot impersonate).
    expect(seenByAgent.data.name).toContain(home.agent2.email);
    expect(seenByAgent.id).toBeUndefined();
    await agent.waitFor((e) => e.event === "presence" && e.data.userId === home.requester.id && e.data.state === "viewing");

    const seenByRequester = await requester.waitFor((e) => e.event === "presence" && e.data.userId === home.agent2.id);
    expect(seenByRequester.data.state).toBe("viewing");
    expect(seenByRequester.data.name).not.toContain("@");
    await pause();
    expect(requester.text).not.toContain("replying");

    for (const [name, s] of [
      ["another requester", requester2],
      ["another organization's agent", foreignAgent],
      ["staff not on the page", admin],
    ] as const) {
      expect(s.dataEvents(), name).toEqual([]);
      expect(s.text, name).not.toContain(ticket.id);
    }
    // "left" is passed on, and one's own presence never comes back to oneself.
    await presence(c.agent2, ticket.id, "left");
    await agent.waitFor((e) => e.event === "presence" && e.data.userId === home.agent2.id && e.data.state === "left");
    expect(agent2.dataEvents().filter((e) => e.event === "presence" && e.data.userId === home.agent2.id)).toEqual([]);
    await Promise.all([agent, agent2, requester, requester2, foreignAgent, admin].map((s) => s.close()));
  });

  it("a requester cannot time staff's writing: starting and stopping a reply sends them nothing new (attack pass B1)", async () => {
    const ticket = await createTicketAs(c.requester, { title: "Typing oracle", descriptionMd: "x" });
    const [agent, requester] = await Promise.all([SseClient.connect(c.agent), SseClient.connect(c.requester)]);
    await presence(c.agent, ticket.id, "viewing");
    await presence(c.requester, ticket.id, "viewing");
    await presence(c.agent2, ticket.id, "viewing");
    await requester.waitFor((e) => e.event === "presence" && e.data.userId === home.agent2.id);
    // The composer opens for a note, the note is written, the composer closes — twice.
    for (const state of ["replying", "viewing", "replying", "viewing"]) {
      await presence(c.agent2, ticket.id, state);
      await pause(150);
    }
    await agent.waitFor((e) => e.event === "presence" && e.data.userId === home.agent2.id && e.data.state === "replying");
    await pause();
    const toRequester = requester.dataEvents().filter((e) => e.event === "presence" && e.data.userId === home.agent2.id);
    expect(toRequester.map((e) => e.data.state)).toEqual(["viewing"]);
    // Staff still follow every change.
    const toStaff = agent.dataEvents().filter((e) => e.event === "presence" && e.data.userId === home.agent2.id);
    expect(toStaff.map((e) => e.data.state)).toEqual(["viewing", "replying", "viewing", "replying", "viewing"]);
    // Leaving is news to everyone.
    await presence(c.agent2, ticket.id, "left");
    await requester.waitFor((e) => e.event === "presence" && e.data.userId === home.agent2.id && e.data.state === "left");
    await Promise.all([agent.close(), requester.close()]);
  });

  it("a page that arrives learns at once who is already there (kept briefly in memory, never in the database)", async () => {
    const ticket = await createTicketAs(c.requester, { title: "Already there", descriptionMd: "x" });
    await presence(c.agent2, ticket.id, "replying");
    await pause(200);
    const late = await SseClient.connect(c.agent);
    await presence(c.agent, ticket.id, "viewing");
    const seen = await late.waitFor((e) => e.event === "presence" && e.data.userId === home.agent2.id, 3000);
    expect(seen.data.state).toBe("replying");
    // Someone who left is not reported as there.
    await presence(c.agent2, ticket.id, "left");
    const later = await SseClient.connect(c.admin);
    await presence(c.admin, ticket.id, "viewing");
    await pause();
    expect(later.dataEvents().filter((e) => e.event === "presence" && e.data.userId === home.agent2.id)).toEqual([]);
    await Promise.all([late.close(), later.close()]);
  });

  it("refuses presence that is not a known state, and never stores it", async () => {
    const ticket = await createTicketAs(c.requester, { title: "Presence input", descriptionMd: "x" });
    for (const body of [{ state: "typing" }, { state: "viewing", userId: home.agent2.id }, {}, { state: ["viewing"] }]) {
      expect((await post(c.agent, `/api/tickets/${ticket.id}/presence`, body)).status, JSON.stringify(body)).toBe(400);
    }
    expect((await post(c.agent, `/api/tickets/${randomBytes(2).toString("hex")}/presence`, { state: "viewing" })).status).toBe(404);
  });
});

describe("other sources of live events (issue 11)", () => {
  it("deleting a team updates its tickets live for staff; the SLA breach scan's timeline entries reach staff only; the requester hears of neither (F6)", async () => {
    const team = await post(c.admin, "/api/admin/teams", { name: `Live team ${randomBytes(3).toString("hex")}` });
    // Opened three hours ago as urgent: the 30-minute first response target is breached.
    const restore = setClock(fixedClock(new Date(Date.now() - 3 * 3_600_000)));
    let ticket: { id: string };
    try {
      ticket = await createTicketAs(c.agent, { title: "Urgent live", priority: "urgent", requesterId: home.requester.id, teamId: team.body.id });
    } finally {
      restore();
    }
    const [agent, requester] = await Promise.all([SseClient.connect(c.agent), SseClient.connect(c.requester)]);
    expect((await callJson("DELETE", `/api/admin/teams/${team.body.id}`, { cookie: c.admin })).status).toBe(200);
    const updated = await agent.waitFor((e) => e.event === "ticket.updated" && e.data.ticket.id === ticket.id);
    expect(updated.data.ticket.teamId).toBeNull();

    await runSlaScan({ at: now() });
    const sla = await agent.waitFor((e) => e.event === "activity.created" && e.data.ticketId === ticket.id && e.data.activity.field === "sla");
    expect(sla.data.activity).toMatchObject({ from: "first_response", to: "breach", actorId: null });
    await pause();
    // The team and the SLA are staff-only: the requester's stream got nothing of either, not even a
    // ticket.updated whose arrival would say that staff touched the ticket.
    expect(requester.dataEvents()).toEqual([]);
    expect(requester.text).not.toContain(sla.data.activity.id);
    await Promise.all([agent.close(), requester.close()]);
  });

  it("uploads and scan verdicts are live: staff see every scan state, the requester only what they may download or await", async () => {
    const ticket = await createTicketAs(c.requester, { title: "Files", descriptionMd: "x" });
    const [agent, requester, requester2] = await Promise.all([SseClient.connect(c.agent), SseClient.connect(c.requester), SseClient.connect(c.requester2)]);
    const clean = await files.upload(c.requester, ticket.id, "log.txt", files.text());
    const infected = await files.upload(c.requester, ticket.id, "virus.txt", files.eicar());
    expect([clean.status, infected.status]).toEqual([201, 422]);
    const agentSaw = async (status: string) =>
      (await agent.waitFor((e) => e.event.startsWith("attachment.") && e.data.attachment.status === status)).data.attachment;
    expect(await agentSaw("clean")).toMatchObject({ id: clean.body.id, filename: "log.txt" });
    const quarantined = await agentSaw("infected");

    // A file held while the scanner was down, then scanned by the retry job.
    const [held] = await db()
      .insert(attachments)
      .values({
        organizationId: home.id,
        ticketId: ticket.id,
        uploaderId: home.requester.id,
        filename: "held.txt",
        mimeType: "text/plain",
        sizeBytes: 5,
        sha256: "0".repeat(64),
        storageKey: randomBytes(16).toString("hex"),
        status: "pending_scan",
      })
      .returning();
    expect((await agent.waitFor((e) => e.event === "attachment.created" && e.data.attachment.id === held!.id)).data.attachment.status).toBe("pending_scan");
    // The uploader sees their own file waiting.
    await requester.waitFor((e) => e.event === "attachment.created" && e.data.attachment.id === held!.id);
    await scoped(systemActor(home.id, "attachment-scan")).attachments.markScanned(held!.id, {
      status: "infected",
      scanResult: "Test.Signature FOUND",
      scannedAt: new Date(),
      scanAttempts: 1,
    });
    const verdict = await agent.waitFor((e) => e.event === "attachment.updated" && e.data.attachment.id === held!.id);
    expect(verdict.data.attachment.status).toBe("infected");
    expect(JSON.stringify(verdict.data)).not.toContain("Test.Signature");
    await pause();

    // The requester: the clean file, their waiting file; never a quarantined one or its verdict.
    const theirs = requester.dataEvents().filter((e) => e.event.startsWith("attachment."));
    expect(theirs.map((e) => [e.event, e.data.attachment.status])).toEqual([
      ["attachment.created", "clean"],
      ["attachment.created", "pending_scan"],
    ]);
    expect(requester.text).not.toContain(quarantined.id);
    expect(requester2.dataEvents()).toEqual([]);
    await Promise.all([agent.close(), requester.close(), requester2.close()]);
  });
});
