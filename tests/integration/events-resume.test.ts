// Issue 11: a stream survives a reconnect. A valid Last-Event-ID replays exactly what the caller missed
// (re-read as them); an id that is not the caller's own — another organization's, another user's,
// altered or garbage — is ignored, with one answer for all ("reset": refetch), so it can be used to learn
// nothing. Real PostgreSQL, the real route.
import { beforeAll, describe, expect, it } from "vitest";
import { callJson } from "../support/api";
import { createOrg, signIn, type TestOrg } from "../support/factory";
import { SseClient, type SseEvent } from "../support/sse";
import { createTicketAs } from "../support/tickets";

// A small replay window for this file: the overflow case needs only a few events.
process.env.LIVE_REPLAY_MAX = "40";

let home: TestOrg;
let foreign: TestOrg;
const c = {} as Record<"agent" | "agent2" | "requester" | "foreignAgent", string>;

beforeAll(async () => {
  [home, foreign] = await Promise.all([createOrg("ev-resume"), createOrg("ev-resume-foreign")]);
  [c.agent, c.agent2, c.requester, c.foreignAgent] = await Promise.all([
    signIn(home.agent),
    signIn(home.agent2),
    signIn(home.requester),
    signIn(foreign.agent),
  ]);
});

const comment = (cookie: string, ticketId: string, bodyMd: string, internal = false) =>
  callJson("POST", `/api/tickets/${ticketId}/comments`, { cookie, body: { bodyMd, ...(internal ? { internal: true } : {}) } });

/** Which change an event is about (its payload's row), without its per-caller, randomised id. */
const what = (e: SseEvent) => {
  const row = e.data.ticket ?? e.data.comment ?? e.data.activity ?? e.data.attachment ?? e.data.notification;
  return `${e.event}:${row?.id}`;
};

describe("Last-Event-ID (issue 11)", () => {
  it("a valid id replays exactly the events missed while disconnected, in order, then goes on live", async () => {
    const ticket = await createTicketAs(c.requester, { title: "resume", descriptionMd: "x" });
    // A witness that stays connected throughout sees what the reconnecting stream should get.
    const witness = await SseClient.connect(c.agent2);
    const first = await SseClient.connect(c.agent);
    const before = await comment(c.requester, ticket.id, "before the drop");
    await first.waitFor((e) => e.event === "comment.created" && e.data.comment.id === before.body.id);
    // Everything that belongs to that change (the ticket update and timeline row may follow the comment).
    await new Promise((r) => setTimeout(r, 300));
    const lastSeen = first.events.filter((e) => e.id).at(-1)!;
    await first.close();

    const missed1 = await comment(c.requester, ticket.id, "missed one");
    const missed2 = await comment(c.agent2, ticket.id, "missed note", true);
    await callJson("PATCH", `/api/tickets/${ticket.id}`, { cookie: c.agent2, body: { priority: "high" } });
    await witness.waitFor((e) => e.event === "activity.created" && e.data.activity.field === "priority");
    await new Promise((r) => setTimeout(r, 300));

    const resumed = await SseClient.connect(c.agent, { lastEventId: lastSeen.id! });
    await resumed.waitFor((e) => e.event === "activity.created" && e.data.activity.field === "priority");
    await new Promise((r) => setTimeout(r, 300));
    const witnessAfter = witness.dataEvents().slice(witness.dataEvents().findIndex((e) => e.id && what(e) === what(lastSeen)) + 1);
    expect(resumed.dataEvents().map(what)).toEqual(witnessAfter.map(what));
    expect(
      resumed
        .dataEvents()
        .filter((e) => e.event === "comment.created")
        .map((e) => e.data.comment.id),
    ).toEqual([missed1.body.id, missed2.body.id]);
    expect(resumed.events.some((e) => e.event === "reset")).toBe(false);
    // Nothing seen before the drop comes again.
    expect(resumed.text).not.toContain(before.body.id);

    // And it is live again.
    const after = await comment(c.requester, ticket.id, "live again");
    await resumed.waitFor((e) => e.event === "comment.created" && e.data.comment.id === after.body.id);
    await Promise.all([resumed.close(), witness.close()]);
  });

  it("the replay is re-read as the caller: a requester resuming gets the public reply, not the note in between", async () => {
    const ticket = await createTicketAs(c.requester, { title: "resume requester", descriptionMd: "x" });
    const first = await SseClient.connect(c.requester);
    const one = await comment(c.agent, ticket.id, "one");
    const seen = await first.waitFor((e) => e.event === "comment.created" && e.data.comment.id === one.body.id);
    await first.close();
    const note = await comment(c.agent, ticket.id, "hidden note", true);
    const two = await comment(c.agent, ticket.id, "two");
    const resumed = await SseClient.connect(c.requester, { query: `?lastEventId=${encodeURIComponent(seen.id!)}` });
    await resumed.waitFor((e) => e.event === "comment.created" && e.data.comment.id === two.body.id);
    expect(resumed.text).not.toContain(note.body.id);
    expect(resumed.text).not.toContain("hidden note");
    await resumed.close();
  });

  it("an id from another organization, another user, with altered bytes or of garbage replays nothing (reset), and the stream goes on from now", async () => {
    const ticket = await createTicketAs(c.requester, { title: "probe", descriptionMd: "x" });
    // Ids that were really issued: to an agent of another organization, and to a colleague.
    const foreignStream = await SseClient.connect(c.foreignAgent);
    const foreignTicket = await createTicketAs(c.foreignAgent, { title: "foreign", descriptionMd: "x" });
    const foreignId = (await foreignStream.waitFor((e) => e.event === "ticket.created" && e.data.ticket.id === foreignTicket.id)).id!;
    const colleague = await SseClient.connect(c.agent2);
    const early = await comment(c.requester, ticket.id, "early");
    const colleagueId = (await colleague.waitFor((e) => e.event === "comment.created" && e.data.comment.id === early.body.id)).id!;
    // Events that a replay would send, had any of these ids been accepted.
    const missed = await comment(c.requester, ticket.id, "would be replayed");

    const raw = Buffer.from(colleagueId.slice(3), "base64url");
    raw[raw.length - 20]! ^= 0x01;
    const tampered = `e1.${raw.toString("base64url")}`;
    const variants = {
      "other organization's id": foreignId,
      "another user's id (same organization)": colleagueId,
      "altered bytes": tampered,
      garbage: "0",
      "a bare sequence number": "1",
      oversized: "e1.".padEnd(5000, "A"),
    };
    for (const [name, id] of Object.entries(variants)) {
      const s = await SseClient.connect(c.agent, { lastEventId: id });
      await new Promise((r) => setTimeout(r, 200));
      expect(
        s.events.map((e) => e.event),
        name,
      ).toEqual(["reset", "ready"]);
      expect(s.events[0]!.data, name).toEqual({ reason: "resume_unavailable" });
      expect(s.text, name).not.toContain(missed.body.id);
      // From now on it is an ordinary stream.
      const live = await comment(c.requester, ticket.id, `live after ${name}`);
      await s.waitFor((e) => e.event === "comment.created" && e.data.comment.id === live.body.id);
      await s.close();
    }
    // The foreign id is also useless in its own organization's hands once the user differs, and in the
    // same user's hands across organizations nothing of ours comes back either.
    const foreignResume = await SseClient.connect(c.foreignAgent, { lastEventId: colleagueId });
    await new Promise((r) => setTimeout(r, 200));
    expect(foreignResume.dataEvents()).toEqual([]);
    expect(foreignResume.text).not.toContain(ticket.id);
    await Promise.all([foreignResume.close(), foreignStream.close(), colleague.close()]);
  });

  it("more missed than the replay keeps (LIVE_REPLAY_MAX, 40 here) is a reset, not a partial replay", async () => {
    const ticket = await createTicketAs(c.requester, { title: "overflow", descriptionMd: "x" });
    const first = await SseClient.connect(c.agent);
    const one = await comment(c.requester, ticket.id, "one");
    const seen = await first.waitFor((e) => e.event === "comment.created" && e.data.comment.id === one.body.id);
    await new Promise((r) => setTimeout(r, 300));
    await first.close();
    // Each reply is at least three events of the organization (comment, ticket update, timeline row): > 40.
    // A second stream stays open meanwhile: once it has the last reply, every missed event has been
    // announced to this instance, so none is still on its way to the resumed stream (what it then sees
    // live would be new, not missed).
    const watcher = await SseClient.connect(c.agent);
    let last: Awaited<ReturnType<typeof comment>> | undefined;
    for (let n = 0; n < 15; n++) last = await comment(c.requester, ticket.id, `missed ${n}`);
    await watcher.waitFor((e) => e.event === "comment.created" && e.data.comment.id === last!.body.id);
    await watcher.close();
    const resumed = await SseClient.connect(c.agent, { lastEventId: seen.id! });
    await new Promise((r) => setTimeout(r, 300));
    expect(resumed.events.map((e) => e.event)).toEqual(["reset", "ready"]);
    await resumed.close();
  });

  it("whether a resume is a reset depends on the caller's own events only, never on the organization's traffic (attack pass B2)", async () => {
    const mine = await createTicketAs(c.requester, { title: "my own", descriptionMd: "x" });
    const elsewhere = await createTicketAs(c.agent, { title: "someone else's", descriptionMd: "x" });
    const stream = await SseClient.connect(c.requester);
    const reply = await comment(c.agent, mine.id, "a public reply");
    const seen = await stream.waitFor((e) => e.event === "comment.created" && e.data.comment.id === reply.body.id);
    await new Promise((r) => setTimeout(r, 300));
    await stream.close();
    // Far more than LIVE_REPLAY_MAX (40) staff writes elsewhere in the organization, and staff-only notes on
    // the requester's own ticket: none of them could ever reach the requester.
    const watcher = await SseClient.connect(c.agent);
    let last: Awaited<ReturnType<typeof comment>> | undefined;
    for (let n = 0; n < 15; n++) last = await comment(c.agent2, elsewhere.id, `busy ${n}`);
    for (let n = 0; n < 5; n++) last = await comment(c.agent2, mine.id, `note ${n}`, true);
    const after = await comment(c.agent, mine.id, "after the busy hour");
    await watcher.waitFor((e) => e.event === "comment.created" && e.data.comment.id === after.body.id);
    await watcher.close();
    expect(last).toBeTruthy();
    const resumed = await SseClient.connect(c.requester, { lastEventId: seen.id! });
    const got = await resumed.waitFor((e) => e.event === "comment.created" && e.data.comment.id === after.body.id);
    expect(got).toBeTruthy();
    expect(resumed.events.map((e) => e.event)).not.toContain("reset");
    await resumed.close();
  });
});
