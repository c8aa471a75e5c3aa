// Issue 11, the ticket page's data: next/previous ticket within the queue view it was opened from (the
// same list query, one keyset row either way), never outside the caller's visibility; staff see every
// attachment with its scan state while only clean ones download; the timeline comes with the comments.
import { randomBytes, randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { actorForUser } from "@/auth/system-actor";
import type { Actor } from "@/auth/actor";
import { db } from "@/db/client";
import { attachments } from "@/db/schema";
import { getTicketView } from "@/domain/tickets/get-ticket-view";
import { listTickets } from "@/domain/tickets/list-tickets";
import { ZListTicketsQuery } from "@/domain/tickets/tickets.schemas";
import { callJson } from "../support/api";
import { createOrg, signIn, type TestOrg, type TestUser } from "../support/factory";
import { createTicketAs } from "../support/tickets";

let org: TestOrg;
let other: TestOrg;
const cookie = {} as Record<"agent" | "requester" | "requester2" | "otherRequester", string>;
const actorOf = (u: TestUser): Actor => actorForUser({ id: u.id, role: u.role, name: u.email }, u.orgId);
const WORD = `zebra${randomBytes(3).toString("hex")}`;
const created: { id: string; priority: string; by: "requester" | "requester2" }[] = [];

beforeAll(async () => {
  [org, other] = await Promise.all([createOrg("view"), createOrg("view-other")]);
  [cookie.agent, cookie.requester, cookie.requester2, cookie.otherRequester] = await Promise.all([
    signIn(org.agent),
    signIn(org.requester),
    signIn(org.requester2),
    signIn(other.requester),
  ]);
  // Eight tickets carrying one search word, from two requesters, at four priorities (so "due" order differs
  // from "newest first"); some pending, one unassigned-team. Created one after the other: distinct times.
  const plan = [
    ["requester", "low"],
    ["requester2", "urgent"],
    ["requester", "high"],
    ["requester", "normal"],
    ["requester2", "low"],
    ["requester", "urgent"],
    ["requester2", "high"],
    ["requester", "normal"],
  ] as const;
  for (const [by, priority] of plan) {
    const t = await createTicketAs(cookie[by], { title: `${WORD} ${by} ${priority}`, descriptionMd: "x" });
    if (priority !== "normal") await callJson("PATCH", `/api/tickets/${t.id}`, { cookie: cookie.agent, body: { priority } });
    created.push({ id: t.id, priority, by });
  }
  await callJson("PATCH", `/api/tickets/${created[2]!.id}`, { cookie: cookie.agent, body: { status: "pending" } });
  await callJson("PATCH", `/api/tickets/${created[5]!.id}`, { cookie: cookie.agent, body: { status: "pending" } });
  // Another organization's ticket with the same word: never a neighbour.
  await createTicketAs(cookie.otherRequester, { title: `${WORD} foreign`, descriptionMd: "x" });
});

/** Every ticket of the view, in list order, walking all pages. */
async function wholeList(actor: Actor, raw: Record<string, string>) {
  const ids: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await listTickets(actor, ZListTicketsQuery.parse({ ...raw, limit: "3", cursor }));
    ids.push(...page.items.map((t) => t.id));
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return ids;
}

async function neighboursOf(actor: Actor, id: string, raw: Record<string, string>) {
  const view = await getTicketView(actor, id, { queue: ZListTicketsQuery.parse(raw) });
  return { previous: view.neighbours?.previous?.id ?? null, next: view.neighbours?.next?.id ?? null };
}

describe("next and previous ticket within the queue view (issue 11)", () => {
  const views: [string, Record<string, string>][] = [
    ["newest first", { q: WORD }],
    ["due first", { q: WORD, sort: "due" }],
    ["unresolved, newest first", { q: WORD, status: "open,on_hold" }],
    ["urgent and high, due first", { q: WORD, priority: "urgent,high", sort: "due" }],
  ];
  for (const [name, raw] of views) {
    it(`agent, ${name}: each ticket's neighbours are the rows either side of it in the list`, async () => {
      const actor = actorOf(org.agent);
      const list = await wholeList(actor, raw);
      expect(list.length).toBeGreaterThanOrEqual(3);
      for (const [i, id] of list.entries()) {
        expect(await neighboursOf(actor, id, raw), `${name} #${i}`).toEqual({ previous: list[i - 1] ?? null, next: list[i + 1] ?? null });
      }
    });
  }

  it("a requester steps through their own tickets only: another requester's and another organization's are skipped", async () => {
    const actor = actorOf(org.requester);
    const raw = { q: WORD };
    const list = await wholeList(actor, raw);
    expect(list).toEqual(
      created
        .filter((t) => t.by === "requester")
        .map((t) => t.id)
        .reverse(),
    );
    for (const [i, id] of list.entries()) expect(await neighboursOf(actor, id, raw)).toEqual({ previous: list[i - 1] ?? null, next: list[i + 1] ?? null });
  });

  it("a ticket that left the view (resolved from 'Unresolved') still has its place: next and previous keep working", async () => {
    const actor = actorOf(org.agent);
    const raw = { q: WORD, status: "open" };
    const before = await wholeList(actor, raw);
    const middle = before[2]!;
    await callJson("PATCH", `/api/tickets/${middle}`, { cookie: cookie.agent, body: { status: "resolved" } });
    expect(await neighboursOf(actor, middle, raw)).toEqual({ previous: before[1], next: before[3] ?? null });
    await callJson("PATCH", `/api/tickets/${middle}`, { cookie: cookie.agent, body: { status: "open" } });
  });

  it("the page without a queue view computes no neighbours", async () => {
    const view = await getTicketView(actorOf(org.agent), created[0]!.id);
    expect(view.neighbours).toBeNull();
  });
});

describe("staff see every attachment with its scan state; only clean ones download (issue 11, S11)", () => {
  const row = (ticketId: string, uploaderId: string, status: "pending_scan" | "infected" | "failed" | "clean", filename: string, internal = false) => ({
    organizationId: org.id,
    ticketId,
    uploaderId,
    filename,
    mimeType: "text/plain",
    sizeBytes: 5,
    sha256: "0".repeat(64),
    storageKey: randomUUID().replaceAll("-", ""),
    status,
    internal,
  });

  it("an agent lists others' waiting and quarantined files with their state; the requester sees none of them", async () => {
    const t = await createTicketAs(cookie.requester, { title: "Files in every state" });
    await db()
      .insert(attachments)
      .values([
        row(t.id, org.agent2.id, "pending_scan", "waiting.txt"),
        row(t.id, org.requester2.id, "infected", "eicar.txt"),
        row(t.id, org.agent2.id, "failed", "broken.pdf"),
        row(t.id, org.agent2.id, "pending_scan", "internal-waiting.txt", true),
        row(t.id, org.requester.id, "clean", "clean.txt"),
      ]);
    const staff = await callJson("GET", `/api/tickets/${t.id}/attachments`, { cookie: cookie.agent });
    const byName = Object.fromEntries(staff.body.items.map((a: { filename: string; status: string }) => [a.filename, a.status]));
    expect(byName).toEqual({
      "waiting.txt": "pending_scan",
      "internal-waiting.txt": "pending_scan",
      "clean.txt": "clean",
      // Quarantined ones after the files that count.
      "eicar.txt": "infected",
      "broken.pdf": "failed",
    });
    expect(
      staff.body.items
        .slice(-2)
        .map((a: { filename: string }) => a.filename)
        .sort(),
    ).toEqual(["broken.pdf", "eicar.txt"]);

    const requester = await callJson("GET", `/api/tickets/${t.id}/attachments`, { cookie: cookie.requester });
    expect(requester.body.items.map((a: { filename: string }) => a.filename)).toEqual(["clean.txt"]);

    // Listed is not downloadable: a download URL is only ever issued for a clean file.
    for (const a of staff.body.items as { id: string; status: string }[]) {
      const url = await callJson("GET", `/api/attachments/${a.id}/url`, { cookie: cookie.agent });
      expect(url.status, a.status).toBe(a.status === "clean" ? 200 : 404);
    }
  });

  it("the ticket page's view holds the same list for staff and the requester's own waiting upload for the requester", async () => {
    const t = await createTicketAs(cookie.requester, { title: "Own upload waiting" });
    await db()
      .insert(attachments)
      .values([row(t.id, org.requester.id, "pending_scan", "mine.txt"), row(t.id, org.agent2.id, "pending_scan", "theirs.txt")]);
    const names = async (u: TestUser) => (await getTicketView(actorOf(u), t.id)).attachments.items.map((a) => a.filename).sort();
    expect(await names(org.agent)).toEqual(["mine.txt", "theirs.txt"]);
    expect(await names(org.requester)).toEqual(["mine.txt"]);
  });
});

describe("the timeline comes with the conversation (issue 11)", () => {
  it("a reply sent with a status carries its change; requesters get the status change (and the public reply) only, staff every change", async () => {
    const t = await createTicketAs(cookie.requester, { title: "Timeline" });
    await callJson("PATCH", `/api/tickets/${t.id}`, { cookie: cookie.agent, body: { priority: "high", assigneeId: org.agent.id } });
    const sent = await callJson("POST", `/api/tickets/${t.id}/comments`, { cookie: cookie.agent, body: { bodyMd: "On it", status: "pending" } });
    expect(sent.status).toBe(201);
    const staff = await getTicketView(actorOf(org.agent), t.id);
    expect(staff.activity.map((a) => a.field).sort()).toEqual(["assignee", "comment", "priority", "status"]);
    expect(staff.names.get(org.agent.id)).toContain(org.agent.email);
    const requester = await getTicketView(actorOf(org.requester), t.id);
    // (and the public reply's own entry, which the page shows as the reply itself)
    expect(requester.activity.map((a) => [a.field, a.field === "comment" ? "reply" : a.to])).toEqual([
      ["status", "pending"],
      ["comment", "reply"],
    ]);
    // The reply and its status change happened in one transaction: one instant, the page shows them together.
    const change = staff.activity.find((a) => a.field === "status")!;
    expect(change.createdAt).toBe(staff.comments.items[0]!.createdAt);
  });
});
