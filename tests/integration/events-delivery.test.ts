// Issue 11, how live events travel: across app instances (each its own LISTEN connection), only on
// commit, under the caps, with heartbeats, and torn down when the client goes away. Real PostgreSQL;
// the second "instance" is a second registry and hub in this process with its own connection.
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getActor } from "@/auth/get-actor";
import { db } from "@/db/client";
import { liveEvents } from "@/db/schema";
import { unsafePruneLiveEvents } from "@/db/unsafe-live-events";
import { inTenantTransaction, scoped } from "@/db/scoped";
import { openEventStream } from "@/domain/events/open-event-stream";
import { streamRegistry, StreamRegistry } from "@/domain/events/stream-registry";
import { requireTicket } from "@/domain/tickets/get-ticket";
import { eventStreamResponse } from "@/http/sse";
import { LiveHub } from "@/lib/live/live-hub";
import { callJson } from "../support/api";
import { createOrg, createUser, signIn, type TestOrg } from "../support/factory";
import { ownerConnection } from "../support/owner-db";
import { SseClient } from "../support/sse";
import { createTicketAs } from "../support/tickets";

// Caps small enough to reach in a test; a quick heartbeat to see one.
process.env.LIVE_STREAMS_PER_USER = "3";
process.env.LIVE_STREAMS_PER_INSTANCE = "7";
process.env.LIVE_HEARTBEAT_SEC = "0.2";

let org: TestOrg;
const c = {} as Record<"admin" | "agent" | "agent2" | "requester", string>;
let secondHub: LiveHub;
let second: StreamRegistry;

beforeAll(async () => {
  org = await createOrg("ev-delivery");
  [c.admin, c.agent, c.agent2, c.requester] = await Promise.all([signIn(org.admin), signIn(org.agent), signIn(org.agent2), signIn(org.requester)]);
  secondHub = new LiveHub();
  second = new StreamRegistry(secondHub);
});

afterAll(async () => {
  await secondHub.stop();
});

/** A stream opened on the second instance, as its own GET /api/events would. */
async function connectOnSecond(cookie: string): Promise<SseClient> {
  const actor = await getActor(new Headers({ cookie }));
  const res = eventStreamResponse(openEventStream(actor!, { lastEventId: null }, second), new AbortController().signal);
  const client = new SseClient(res);
  await client.waitFor((e) => e.event === "ready");
  return client;
}

const waitUntil = async (probe: () => boolean, ms = 5000) => {
  const deadline = Date.now() + ms;
  while (!probe()) {
    if (Date.now() > deadline) throw new Error("condition not reached");
    await new Promise((r) => setTimeout(r, 20));
  }
};

describe("across instances and transactions (issue 11)", () => {
  it("a change committed through one instance reaches the streams of both instances", async () => {
    const here = await SseClient.connect(c.agent);
    const there = await connectOnSecond(c.agent2);
    const ticket = await createTicketAs(c.requester, { title: "two instances", descriptionMd: "x" });
    const reply = await callJson("POST", `/api/tickets/${ticket.id}/comments`, { cookie: c.agent, body: { bodyMd: "from instance one" } });
    for (const s of [here, there]) {
      await s.waitFor((e) => e.event === "ticket.created" && e.data.ticket.id === ticket.id);
      await s.waitFor((e) => e.event === "comment.created" && e.data.comment.id === reply.body.id);
    }
    await Promise.all([here.close(), there.close()]);
  });

  it("a rolled-back transaction (or savepoint) delivers nothing and leaves nothing in the log", async () => {
    const ticket = await createTicketAs(c.requester, { title: "rollback", descriptionMd: "x" });
    const stream = await SseClient.connect(c.agent);
    const actor = (await getActor(new Headers({ cookie: c.agent })))!;
    let rolledBackId = "";
    await expect(
      inTenantTransaction(actor, async (s) => {
        const t = await requireTicket(actor, ticket.id, s);
        rolledBackId = (await s.comments.insert(t, { bodyMd: "never committed", internal: false })).id;
        await s.tickets.update(t, { priority: "urgent", updatedAt: new Date() }, { visibleToRequester: false });
        throw new Error("abort");
      }),
    ).rejects.toThrow("abort");
    // A savepoint rolled back inside a committed transaction: only the outer change is announced.
    let savepointId = "";
    await db().transaction(async (tx) => {
      const s = scoped(actor, tx);
      const t = await requireTicket(actor, ticket.id, s, { forUpdate: true });
      await s.tickets.update(t, { title: "committed title", updatedAt: new Date() }, { visibleToRequester: true });
      await tx
        .transaction(async (sp) => {
          savepointId = (await scoped(actor, sp).comments.insert(t, { bodyMd: "savepoint text", internal: false })).id;
          throw new Error("savepoint abort");
        })
        .catch(() => undefined);
    });
    const marker = await callJson("POST", `/api/tickets/${ticket.id}/comments`, { cookie: c.requester, body: { bodyMd: "marker" } });
    await stream.waitFor((e) => e.event === "comment.created" && e.data.comment.id === marker.body.id);
    await new Promise((r) => setTimeout(r, 300));
    expect(stream.text).not.toContain(rolledBackId);
    expect(stream.text).not.toContain("never committed");
    expect(stream.text).not.toContain(savepointId);
    expect(stream.text).not.toContain("savepoint text");
    expect(stream.dataEvents().some((e) => e.event === "ticket.updated" && e.data.ticket.title === "committed title")).toBe(true);
    expect(stream.dataEvents().some((e) => e.event === "ticket.updated" && e.data.ticket.priority === "urgent")).toBe(false);
    expect(await db().select().from(liveEvents).where(eq(liveEvents.rowId, rolledBackId))).toEqual([]);
    await stream.close();
  });
});

describe("caps, heartbeats and clean-up (issue 11)", () => {
  it(`a user gets at most LIVE_STREAMS_PER_USER streams (3 here): the next is a 429 with Retry-After, and a closed one frees its place`, async () => {
    const open = await Promise.all([1, 2, 3].map(() => SseClient.connect(c.agent2)));
    for (const variant of [{}, { lastEventId: "garbage" }, { query: "?lastEventId=x" }]) {
      const res = await SseClient.open(c.agent2, variant);
      expect(res.status, JSON.stringify(variant)).toBe(429);
      expect(res.headers.get("retry-after")).toBe("30");
      expect((await res.json()).error).toMatchObject({ code: "rate_limited", details: { policy: "events.per_user" } });
    }
    // Another session of the same user counts against the same cap.
    const otherSession = await signIn(org.agent2);
    expect((await SseClient.open(otherSession)).status).toBe(429);
    await open[0]!.close();
    const again = await SseClient.connect(c.agent2);
    await Promise.all([again, ...open.slice(1)].map((s) => s.close()));
  });

  it("an instance holds at most LIVE_STREAMS_PER_INSTANCE streams (7 here) whoever asks: the next is a 429", async () => {
    const extra = await Promise.all([1, 2, 3].map((n) => createUser(org.id, org.slug, `cap${n}`, "agent")));
    const cookies = await Promise.all(extra.map((u) => signIn(u)));
    await waitUntil(() => streamRegistry().size === 0);
    const open: SseClient[] = [];
    for (const cookie of [...cookies, ...cookies].slice(0, 6)) open.push(await SseClient.connect(cookie));
    open.push(await SseClient.connect(c.admin));
    const refused = await SseClient.open(c.requester);
    expect(refused.status).toBe(429);
    expect((await refused.json()).error.details.policy).toBe("events.per_instance");
    await Promise.all(open.map((s) => s.close()));
    await waitUntil(() => streamRegistry().size === 0);
    const fine = await SseClient.connect(c.requester);
    await fine.close();
  });

  it("without a session the answer is a plain 401 at once, never a stream held open", async () => {
    for (const cookie of [undefined, "garbage=1", "better-auth.session_token=forged.value"]) {
      const res = await SseClient.open(cookie);
      expect(res.status).toBe(401);
      expect(res.headers.get("content-type")).toContain("application/json");
      expect((await res.json()).error.code).toBe("unauthenticated");
    }
    // A signed-out session's cookie too.
    const cookie = await signIn(org.requester);
    await callJson("POST", "/api/auth/sign-out", { cookie, body: {} });
    expect((await SseClient.open(cookie)).status).toBe(401);
  });

  it("sends a heartbeat comment while nothing happens, and frees everything when the client goes away", async () => {
    const before = { streams: streamRegistry().size, hub: streamRegistry().hub.subscriberCount };
    const stream = await SseClient.connect(c.agent);
    expect(streamRegistry().size).toBe(before.streams + 1);
    expect(streamRegistry().hub.subscriberCount).toBe(before.hub + 1);
    await waitUntil(() => stream.text.includes(": heartbeat"));
    expect(stream.response.headers.get("content-type")).toBe("text/event-stream; charset=utf-8");
    expect(stream.response.headers.get("cache-control")).toBe("no-store, no-transform");
    await stream.close();
    await waitUntil(() => streamRegistry().size === before.streams && streamRegistry().hub.subscriberCount === before.hub);
  });

  it("ends and frees the stream when the request's signal aborts (the client disconnected)", async () => {
    const actor = (await getActor(new Headers({ cookie: c.agent })))!;
    const before = streamRegistry().size;
    const controller = new AbortController();
    const client = new SseClient(eventStreamResponse(openEventStream(actor, { lastEventId: null }), controller.signal));
    await client.waitFor((e) => e.event === "ready");
    expect(streamRegistry().size).toBe(before + 1);
    controller.abort();
    await client.waitForEnd();
    expect(streamRegistry().size).toBe(before);
  });
});

describe("the event log itself (issue 11, migration 0018)", () => {
  const refused = (p: Promise<unknown>) =>
    p.then(
      () => "accepted",
      (e: Error & { cause?: Error }) => (e.cause ?? e).message,
    );

  it("is append-only for the app: it cannot write, change or delete events; only the pruning function removes old ones", async () => {
    const ticket = await createTicketAs(c.requester, { title: "log", descriptionMd: "x" });
    const [row] = await db().select().from(liveEvents).where(eq(liveEvents.rowId, ticket.id));
    expect(row).toMatchObject({ organizationId: org.id, kind: "ticket.created", ticketId: ticket.id });
    for (const attack of [
      sql`insert into live_events (organization_id, kind, row_id) values (${org.id}, 'ticket.created', 'forged')`,
      sql`update live_events set organization_id = gen_random_uuid() where seq = ${row!.seq}`,
      sql`delete from live_events where seq = ${row!.seq}`,
      sql`truncate live_events`,
      sql`select live_event_capture()`,
    ]) {
      expect(await refused(db().execute(attack))).toMatch(/permission denied|trigger functions can only be called as triggers/);
    }
    // Asked to keep less than an hour, it keeps an hour: nothing just written goes.
    expect(await unsafePruneLiveEvents(0)).toBe(0);
    expect(await db().select().from(liveEvents).where(eq(liveEvents.seq, row!.seq))).toHaveLength(1);
    // Events older than the window go (aged by the owner, who may).
    const owner = await ownerConnection();
    try {
      await owner.query("update live_events set created_at = now() - interval '25 hours' where seq = $1", [row!.seq]);
    } finally {
      await owner.end();
    }
    expect(await unsafePruneLiveEvents(24)).toBeGreaterThanOrEqual(1);
    expect(await db().select().from(liveEvents).where(eq(liveEvents.seq, row!.seq))).toHaveLength(0);
  });
});
