// Issue 11, tags: organization-scoped, normalised names, at most 20 per ticket, set through the one change
// path (authorized, versioned, on the staff timeline, audited), autocomplete and `?tag=` for staff only,
// and never a tag, a tagged ticket or a tag id across an organization.
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { actorForUser } from "@/auth/system-actor";
import { db } from "@/db/client";
import { auditEvents, tags, tickets, ticketTags } from "@/db/schema";
import { getTicketView } from "@/domain/tickets/get-ticket-view";
import { listTickets } from "@/domain/tickets/list-tickets";
import { ZListTicketsQuery } from "@/domain/tickets/tickets.schemas";
import { callJson } from "../support/api";
import { createOrg, signIn, type TestOrg, type TestUser } from "../support/factory";
import { createTicketAs } from "../support/tickets";

let org: TestOrg;
let other: TestOrg;
const c: Record<"admin" | "agent" | "requester" | "otherAdmin" | "otherAgent", string> = {} as never;

beforeAll(async () => {
  [org, other] = await Promise.all([createOrg("tags"), createOrg("tags-other")]);
  [c.admin, c.agent, c.requester, c.otherAdmin, c.otherAgent] = await Promise.all([
    signIn(org.admin),
    signIn(org.agent),
    signIn(org.requester),
    signIn(other.admin),
    signIn(other.agent),
  ]);
});

const patch = (id: string, cookie: string, body: object) => callJson("PATCH", `/api/tickets/${id}`, { cookie, body });
const getTicket = (id: string, cookie = c.agent) => callJson("GET", `/api/tickets/${id}`, { cookie });
const tagsInDb = async (ticketId: string) =>
  (await db().select({ name: tags.name }).from(ticketTags).innerJoin(tags, eq(tags.id, ticketTags.tagId)).where(eq(ticketTags.ticketId, ticketId)))
    .map((r) => r.name)
    .sort();
const names = (n: number, prefix = "t") => Array.from({ length: n }, (_, i) => `${prefix}${String(i).padStart(2, "0")}`);

describe("tag names are normalised (issue 11)", () => {
  it("trims, lower-cases, folds full-width forms and collapses spaces to '-'; duplicates after normalising are one tag", async () => {
    const t = await createTicketAs(c.requester, { title: "Normalise me" });
    const res = await patch(t.id, c.agent, { tags: ["  Billing ", "NEEDS   reply", "billing", "ＶＩＰ", "needs reply"] });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.tags).toEqual(["billing", "needs-reply", "vip"]);
    expect(await tagsInDb(t.id)).toEqual(["billing", "needs-reply", "vip"]);
    expect((await getTicket(t.id)).body.tags).toEqual(["billing", "needs-reply", "vip"]);
  });

  const refused: [string, string][] = [
    ["NUL", "bad\u0000tag"],
    ["escape sequence", "x\u001b[31m"],
    ["line break", "two\nlines"],
    ["tab", "a\tb"],
    ["right-to-left override", "invoice\u202egpj.exe"],
    ["bidi isolate", "\u2066admin\u2069"],
    ["zero-width space", "vip\u200b"],
    ["comma", "a,b"],
    ["empty", "   "],
    ["41 characters", "x".repeat(41)],
  ];
  for (const [label, name] of refused) {
    it(`refuses a tag with ${label} (400 naming the field), writing nothing`, async () => {
      const t = await createTicketAs(c.requester, { title: `Refuse ${label}` });
      for (const body of [{ tags: [name] }, { addTags: ["ok", name] }]) {
        const res = await patch(t.id, c.agent, body);
        expect(res.status, `${label} ${JSON.stringify(body)}`).toBe(400);
        expect(JSON.stringify(res.body.error.details ?? [])).toMatch(/"(tags|addTags)/);
      }
      expect(await tagsInDb(t.id)).toEqual([]);
    });
  }

  it("accepts exactly 40 characters after normalising (a longer raw name that trims to 40)", async () => {
    const t = await createTicketAs(c.requester, { title: "Forty" });
    const res = await patch(t.id, c.agent, { tags: [`   ${"A".repeat(40)}   `] });
    expect(res.status).toBe(200);
    expect(res.body.tags).toEqual(["a".repeat(40)]);
  });
});

describe("at most 20 tags per ticket (issue 11)", () => {
  it("20 tags are fine; a 21st in the list is a 400 and nothing changes", async () => {
    const t = await createTicketAs(c.requester, { title: "Twenty" });
    expect((await patch(t.id, c.agent, { tags: names(20) })).status).toBe(200);
    const before = (await getTicket(t.id)).body;
    const res = await patch(t.id, c.agent, { tags: names(21) });
    expect(res.status).toBe(400);
    expect(res.body.error.details[0].path).toBe("tags");
    const after = (await getTicket(t.id)).body;
    expect(after.tags).toEqual(names(20));
    expect(after.version).toBe(before.version);
  });

  it("adding a 21st to a ticket that has 20 is a 400 naming `tags`; adding one while removing one is fine", async () => {
    const t = await createTicketAs(c.requester, { title: "Twenty plus one" });
    await patch(t.id, c.agent, { tags: names(20) });
    const res = await patch(t.id, c.agent, { addTags: ["one-more"] });
    expect(res.status).toBe(400);
    expect(res.body.error.details).toEqual([{ path: "tags", message: "A ticket can have at most 20 tags" }]);
    expect(await tagsInDb(t.id)).toEqual(names(20));
    const swap = await patch(t.id, c.agent, { addTags: ["one-more"], removeTags: ["t00"] });
    expect(swap.status).toBe(200);
    expect(swap.body.tags).toHaveLength(20);
    expect(swap.body.tags).toContain("one-more");
    expect(swap.body.tags).not.toContain("t00");
  });

  it("the whole list and add/remove in one request are refused (ambiguous)", async () => {
    const t = await createTicketAs(c.requester, { title: "Ambiguous" });
    const res = await patch(t.id, c.agent, { tags: ["a"], addTags: ["b"] });
    expect(res.status).toBe(400);
    expect(await tagsInDb(t.id)).toEqual([]);
  });
});

describe("tag changes go through the one change path (issue 11)", () => {
  it("bump the version, are on the staff timeline (not the requester's) and audited with from/to", async () => {
    const t = await createTicketAs(c.requester, { title: "Audited tags" });
    const v1 = (await getTicket(t.id)).body.version;
    expect((await patch(t.id, c.agent, { addTags: ["vip", "billing"] })).status).toBe(200);
    expect((await patch(t.id, c.agent, { removeTags: ["vip"] })).status).toBe(200);
    expect((await getTicket(t.id)).body.version).toBe(v1 + 2);

    const staff = await callJson("GET", `/api/tickets/${t.id}/activity`, { cookie: c.agent });
    const tagRows = staff.body.items.filter((a: { field: string }) => a.field === "tags");
    expect(tagRows.map((a: { from: string | null; to: string | null }) => [a.from, a.to])).toEqual([
      [null, "billing, vip"],
      ["billing, vip", "billing"],
    ]);
    expect(tagRows[0].actorId).toBe(org.agent.id);
    const mine = await callJson("GET", `/api/tickets/${t.id}/activity`, { cookie: c.requester });
    expect(mine.body.items.some((a: { field: string }) => a.field === "tags")).toBe(false);

    const audit = await db()
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.organizationId, org.id), eq(auditEvents.targetId, t.id), eq(auditEvents.action, "ticket.updated")));
    expect(audit.map((e) => (e.data as { changes: { tags?: unknown } }).changes.tags)).toEqual([
      { from: [], to: ["billing", "vip"] },
      { from: ["billing", "vip"], to: ["billing"] },
    ]);
  });

  it("setting the same tags again changes nothing: no version, no timeline row, no audit event", async () => {
    const t = await createTicketAs(c.requester, { title: "Idempotent" });
    await patch(t.id, c.agent, { tags: ["a", "b"] });
    const before = (await getTicket(t.id)).body.version;
    for (const body of [{ tags: ["B", "a"] }, { addTags: ["a"] }, { removeTags: ["zzz"] }]) expect((await patch(t.id, c.agent, body)).status).toBe(200);
    expect((await getTicket(t.id)).body.version).toBe(before);
  });

  it("requesters cannot tag, and never see tags: not on their ticket, not in their list, no filter, no autocomplete", async () => {
    const t = await createTicketAs(c.requester, { title: "Requester and tags" });
    await patch(t.id, c.agent, { tags: ["angry-customer"] });
    for (const body of [{ tags: ["mine"] }, { addTags: ["mine"] }, { removeTags: ["angry-customer"] }]) {
      expect((await patch(t.id, c.requester, body)).status).toBe(403);
    }
    expect(await tagsInDb(t.id)).toEqual(["angry-customer"]);
    const own = await getTicket(t.id, c.requester);
    expect(own.body).not.toHaveProperty("tags");
    expect(JSON.stringify(own.body)).not.toContain("angry-customer");
    const list = await callJson("GET", "/api/tickets", { cookie: c.requester });
    expect(JSON.stringify(list.body)).not.toContain("angry-customer");
    expect((await callJson("GET", "/api/tickets?tag=angry-customer", { cookie: c.requester })).status).toBe(403);
    expect((await callJson("GET", "/api/tags?q=angry", { cookie: c.requester })).status).toBe(403);
  });
});

describe("?tag= and autocomplete stay inside the organization (issue 11, S10)", () => {
  it("?tag= lists only tickets carrying the tag (normalised query), newest first, and pages both ways", async () => {
    const tagged: string[] = [];
    for (let i = 0; i < 5; i++) {
      const t = await createTicketAs(c.requester, { title: `Printer ${i}` });
      await patch(t.id, c.agent, { tags: ["printer-fire"] });
      tagged.unshift(t.id);
    }
    await createTicketAs(c.requester, { title: "Untagged" });
    const all = await callJson("GET", "/api/tickets?tag=Printer%20Fire&limit=100", { cookie: c.agent });
    expect(all.status).toBe(200);
    expect(all.body.items.map((t: { id: string }) => t.id)).toEqual(tagged);
    expect(all.body.items.every((t: { tags: string[] }) => t.tags.includes("printer-fire"))).toBe(true);

    const p1 = await callJson("GET", "/api/tickets?tag=printer-fire&limit=2", { cookie: c.agent });
    const p2 = await callJson("GET", `/api/tickets?tag=printer-fire&limit=2&cursor=${p1.body.nextCursor}`, { cookie: c.agent });
    expect(p2.body.items.map((t: { id: string }) => t.id)).toEqual(tagged.slice(2, 4));
    const back = await callJson("GET", `/api/tickets?tag=printer-fire&limit=2&before=${p2.body.prevCursor}`, { cookie: c.agent });
    expect(back.body.items.map((t: { id: string }) => t.id)).toEqual(tagged.slice(0, 2));
    expect(back.body.prevCursor).toBeNull();
    // In due order the tag is a condition on the walk by deadline.
    const due = await callJson("GET", "/api/tickets?tag=printer-fire&sort=due&limit=100", { cookie: c.agent });
    expect(due.body.items.map((t: { id: string }) => t.id).sort()).toEqual([...tagged].sort());
  });

  it("another organization's tag name matches nothing here, and its tags are never suggested", async () => {
    const secret = `secret-${Math.random().toString(36).slice(2, 8)}`;
    const foreignTicket = await createTicketAs(c.otherAgent, { title: "Foreign tagged" });
    expect((await patch(foreignTicket.id, c.otherAgent, { tags: [secret] })).status).toBe(200);
    const res = await callJson("GET", `/api/tickets?tag=${secret}`, { cookie: c.agent });
    expect(res.status).toBe(200);
    expect(res.body.items).toEqual([]);
    const suggest = await callJson("GET", `/api/tags?q=${secret.slice(0, 6)}`, { cookie: c.admin });
    expect(suggest.status).toBe(200);
    expect(JSON.stringify(suggest.body)).not.toContain(secret);
    // The same name in both organizations is two tags.
    const mine = await createTicketAs(c.requester, { title: "Same name here" });
    await patch(mine.id, c.agent, { tags: [secret] });
    const ours = await callJson("GET", `/api/tickets?tag=${secret}`, { cookie: c.agent });
    expect(ours.body.items.map((t: { id: string }) => t.id)).toEqual([mine.id]);
    const rows = await db().select().from(tags).where(eq(tags.name, secret));
    expect(rows.map((r) => r.organizationId).sort()).toEqual([org.id, other.id].sort());
  });

  it("autocomplete suggests names starting with what was typed first, then names containing it", async () => {
    const t = await createTicketAs(c.requester, { title: "Autocomplete" });
    await patch(t.id, c.agent, { tags: ["zz-refund", "refund-request", "refunds"] });
    const res = await callJson("GET", "/api/tags?q=Refund&limit=5", { cookie: c.agent });
    expect(res.status).toBe(200);
    const got = res.body.items.map((x: { name: string }) => x.name);
    expect(got.slice(0, 2)).toEqual(["refund-request", "refunds"]);
    expect(got).toContain("zz-refund");
    // LIKE wildcards in what was typed are literal characters.
    expect((await callJson("GET", "/api/tags?q=%25", { cookie: c.agent })).body.items).toEqual([]);
    expect((await callJson("GET", "/api/tags?q=_", { cookie: c.agent })).body.items).toEqual([]);
  });
});

describe("deleting a tag (admins; issue 11)", () => {
  it("takes it off every ticket with a new version and a timeline row, and is one audit event", async () => {
    const [a, b] = [await createTicketAs(c.requester, { title: "Del A" }), await createTicketAs(c.requester, { title: "Del B" })];
    await patch(a.id, c.agent, { tags: ["doomed", "keep"] });
    await patch(b.id, c.agent, { tags: ["doomed"] });
    const [tag] = await db()
      .select()
      .from(tags)
      .where(and(eq(tags.organizationId, org.id), eq(tags.name, "doomed")));
    const versions = [(await getTicket(a.id)).body.version, (await getTicket(b.id)).body.version];

    expect((await callJson("DELETE", `/api/tags/${tag!.id}`, { cookie: c.agent })).status).toBe(403);
    const res = await callJson("DELETE", `/api/tags/${tag!.id}`, { cookie: c.admin });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ id: tag!.id, deleted: true, tickets: 2, keptByClosedTickets: 0 });
    expect(await tagsInDb(a.id)).toEqual(["keep"]);
    expect(await tagsInDb(b.id)).toEqual([]);
    expect((await getTicket(a.id)).body.version).toBe(versions[0]! + 1);
    expect((await getTicket(b.id)).body.version).toBe(versions[1]! + 1);
    const timeline = await callJson("GET", `/api/tickets/${a.id}/activity`, { cookie: c.agent });
    expect(timeline.body.items.at(-1)).toMatchObject({ field: "tags", from: "doomed, keep", to: "keep", actorId: org.admin.id });
    const audit = await db()
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.organizationId, org.id), eq(auditEvents.targetId, tag!.id)));
    expect(audit.map((e) => [e.action, e.data])).toEqual([["tag.deleted", { name: "doomed", tickets: 2, keptByClosedTickets: 0 }]]);
    expect((await callJson("DELETE", `/api/tags/${tag!.id}`, { cookie: c.admin })).status).toBe(404);
  });

  it("another organization's tag id is a 404 and the tag stays on its tickets", async () => {
    const foreignTicket = await createTicketAs(c.otherAgent, { title: "Keep my tag" });
    await patch(foreignTicket.id, c.otherAgent, { tags: ["theirs"] });
    const [tag] = await db()
      .select()
      .from(tags)
      .where(and(eq(tags.organizationId, other.id), eq(tags.name, "theirs")));
    const res = await callJson("DELETE", `/api/tags/${tag!.id}`, { cookie: c.admin });
    expect(res.status).toBe(404);
    expect(JSON.stringify(res.body)).not.toContain("theirs");
    expect(await tagsInDb(foreignTicket.id)).toEqual(["theirs"]);
    const [row] = await db().select().from(tickets).where(eq(tickets.id, foreignTicket.id));
    expect(row!.version).toBe((await getTicket(foreignTicket.id, c.otherAgent)).body.version);
  });
});

describe("next and previous ticket within a tag view (issue 11)", () => {
  const actorOf = (u: TestUser) => actorForUser({ id: u.id, role: u.role, name: u.email }, u.orgId);

  for (const raw of [{ tag: "stepping" }, { tag: "stepping", sort: "due" }, { tag: "stepping", status: "open" }] as Record<string, string>[]) {
    it(`the neighbours are the rows either side in the list (${new URLSearchParams(raw)})`, async () => {
      const priorities = ["low", "urgent", "normal", "high", "urgent"] as const;
      for (const [i, priority] of priorities.entries()) {
        const t = await createTicketAs(c.agent, { title: `Step ${i}`, requesterId: org.requester.id, priority });
        // Every other ticket tagged; untagged ones between them are never a neighbour.
        if (i % 2 === 0 || i === 1) await patch(t.id, c.agent, { tags: ["stepping"] });
      }
      const actor = actorOf(org.agent);
      const query = ZListTicketsQuery.parse({ ...raw, limit: "100" });
      const list = (await listTickets(actor, query)).items.map((t) => t.id);
      expect(list.length).toBeGreaterThanOrEqual(3);
      for (const [i, id] of list.entries()) {
        const view = await getTicketView(actor, id, { queue: ZListTicketsQuery.parse(raw) });
        expect({ previous: view.neighbours?.previous?.id ?? null, next: view.neighbours?.next?.id ?? null }).toEqual({
          previous: list[i - 1] ?? null,
          next: list[i + 1] ?? null,
        });
      }
    });
  }

  it("a requester's ticket page opened with a crafted tag view shows no neighbours and no tags, and no error", async () => {
    const t = await createTicketAs(c.requester, { title: "Crafted from" });
    await patch(t.id, c.agent, { tags: ["stepping"] });
    const view = await getTicketView(actorOf(org.requester), t.id, { queue: ZListTicketsQuery.parse({ tag: "stepping" }) });
    expect(view.neighbours).toEqual({ previous: null, next: null });
    expect(view.ticket).not.toHaveProperty("tags");
  });
});
