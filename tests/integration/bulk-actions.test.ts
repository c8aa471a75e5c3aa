// Issue 11, bulk actions: POST /api/tickets/bulk changes up to 100 tickets, each exactly as if changed
// alone (found through the caller's visibility, authorized, versioned, on the timeline, one audit event
// each, its own transaction); ids the caller cannot see are "not_found" and never changed.
import { randomUUID } from "node:crypto";
import { and, eq, inArray } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { auditEvents, ticketActivity, tickets } from "@/db/schema";
import { callJson } from "../support/api";
import { createOrg, signIn, type TestOrg } from "../support/factory";
import { createTicketAs } from "../support/tickets";

let org: TestOrg;
let other: TestOrg;
const c: Record<"admin" | "agent" | "requester" | "requester2" | "otherAgent" | "otherRequester", string> = {} as never;

beforeAll(async () => {
  [org, other] = await Promise.all([createOrg("bulk"), createOrg("bulk-other")]);
  [c.admin, c.agent, c.requester, c.requester2, c.otherAgent, c.otherRequester] = await Promise.all([
    signIn(org.admin),
    signIn(org.agent),
    signIn(org.requester),
    signIn(org.requester2),
    signIn(other.agent),
    signIn(other.requester),
  ]);
});

const bulk = (cookie: string, body: object) => callJson("POST", "/api/tickets/bulk", { cookie, body });
const rows = (ids: string[]) => db().select().from(tickets).where(inArray(tickets.id, ids));
const snapshot = async (ids: string[]) =>
  (await rows(ids))
    .map((t) => ({ id: t.id, status: t.status, priority: t.priority, assigneeId: t.assigneeId, version: t.version }))
    .sort((a, b) => a.id.localeCompare(b.id));
const byId = (items: { id: string; status: string }[]) => Object.fromEntries(items.map((i) => [i.id, i.status]));
const auditOf = (orgId: string, ids: string[]) =>
  db()
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.organizationId, orgId), eq(auditEvents.action, "ticket.updated"), inArray(auditEvents.targetId, ids)));

describe("POST /api/tickets/bulk (issue 11)", () => {
  it("changes own tickets; another organization's ids and unknown ids are not_found and never changed", async () => {
    const mine = [await createTicketAs(c.requester, { title: "Bulk 1" }), await createTicketAs(c.requester2, { title: "Bulk 2" })];
    const foreign = [await createTicketAs(c.otherRequester, { title: "Theirs 1" }), await createTicketAs(c.otherAgent, { title: "Theirs 2" })];
    const unknown = randomUUID();
    const foreignBefore = await snapshot(foreign.map((t) => t.id));
    const foreignActivity = await db()
      .select()
      .from(ticketActivity)
      .where(
        inArray(
          ticketActivity.ticketId,
          foreign.map((t) => t.id),
        ),
      );

    const ids = [mine[0]!.id, foreign[0]!.id, unknown, mine[1]!.id, foreign[1]!.id];
    const res = await bulk(c.agent, { ids, changes: { status: "pending", priority: "high", addTags: ["bulk-tagged"] } });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.items.map((i: { id: string }) => i.id)).toEqual(ids);
    expect(byId(res.body.items)).toEqual({
      [mine[0]!.id]: "updated",
      [mine[1]!.id]: "updated",
      [foreign[0]!.id]: "not_found",
      [foreign[1]!.id]: "not_found",
      [unknown]: "not_found",
    });
    expect(res.body.summary).toMatchObject({ updated: 2, not_found: 3, unchanged: 0, forbidden: 0, invalid: 0 });
    // A not_found item says nothing about the ticket: no version, no error text, no title.
    for (const item of res.body.items.filter((i: { status: string }) => i.status === "not_found")) expect(Object.keys(item).sort()).toEqual(["id", "status"]);
    expect(JSON.stringify(res.body)).not.toContain("Theirs");

    expect(await snapshot(foreign.map((t) => t.id))).toEqual(foreignBefore);
    expect(
      await db()
        .select()
        .from(ticketActivity)
        .where(
          inArray(
            ticketActivity.ticketId,
            foreign.map((t) => t.id),
          ),
        ),
    ).toEqual(foreignActivity);
    expect(await auditOf(other.id, [foreign[0]!.id, foreign[1]!.id])).toEqual([]);
    for (const t of await rows(mine.map((m) => m.id))) expect(t).toMatchObject({ status: "pending", priority: "high" });
    expect((await callJson("GET", `/api/tickets/${mine[0]!.id}`, { cookie: c.agent })).body.tags).toEqual(["bulk-tagged"]);

    // The attempt on ids the caller cannot see is evidence (S12), with counts, not foreign data.
    const denied = await db()
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.organizationId, org.id), eq(auditEvents.action, "access.denied"), eq(auditEvents.actorId, org.agent.id)));
    expect(denied.at(-1)!.data).toMatchObject({ route: "tickets.bulk", notFound: 3, forbidden: 0 });
  });

  it("each ticket is audited, versioned and put on the timeline as if changed alone", async () => {
    const ts = [];
    for (let i = 0; i < 3; i++) ts.push(await createTicketAs(c.requester, { title: `Audit each ${i}` }));
    const ids = ts.map((t) => t.id);
    const before = await snapshot(ids);
    const res = await bulk(c.agent, { ids, changes: { assigneeId: org.agent2.id, teamId: org.teamId } });
    expect(res.body.summary.updated).toBe(3);
    const after = await snapshot(ids);
    for (const [i, t] of after.entries()) expect(t.version).toBe(before[i]!.version + 1);
    for (const item of res.body.items) expect(item.version).toBe(after.find((t) => t.id === item.id)!.version);

    const audit = await auditOf(org.id, ids);
    expect(audit.map((e) => e.targetId).sort()).toEqual([...ids].sort());
    for (const e of audit) {
      expect(e.actorId).toBe(org.agent.id);
      expect(e.data).toMatchObject({ cause: "bulk", changes: { assigneeId: { from: null, to: org.agent2.id }, teamId: { from: null, to: org.teamId } } });
    }
    for (const id of ids) {
      const timeline = await callJson("GET", `/api/tickets/${id}/activity`, { cookie: c.agent });
      expect(timeline.body.items.map((a: { field: string }) => a.field)).toEqual(expect.arrayContaining(["assignee", "team"]));
    }
  });

  it("a ticket already in the asked state is unchanged (no write, no audit); duplicates count once", async () => {
    const t = await createTicketAs(c.requester, { title: "Already pending" });
    await callJson("PATCH", `/api/tickets/${t.id}`, { cookie: c.agent, body: { status: "pending" } });
    const before = await snapshot([t.id]);
    const auditBefore = (await auditOf(org.id, [t.id])).length;
    const res = await bulk(c.agent, { ids: [t.id, t.id, t.id.toUpperCase()], changes: { status: "pending" } });
    expect(res.body.items).toEqual([{ id: t.id, status: "unchanged", version: before[0]!.version }]);
    expect(await snapshot([t.id])).toEqual(before);
    expect((await auditOf(org.id, [t.id])).length).toBe(auditBefore);
  });

  it("one ticket's invalid change does not roll back the others (a transaction per ticket)", async () => {
    const full = await createTicketAs(c.requester, { title: "Full of tags" });
    const fine = await createTicketAs(c.requester, { title: "Room for tags" });
    await callJson("PATCH", `/api/tickets/${full.id}`, {
      cookie: c.agent,
      body: { tags: Array.from({ length: 20 }, (_, i) => `t${i}`) },
    });
    const res = await bulk(c.agent, { ids: [full.id, fine.id], changes: { addTags: ["escalated"], priority: "urgent" } });
    expect(res.status).toBe(200);
    expect(res.body.items[0]).toMatchObject({ id: full.id, status: "invalid", error: { details: [{ path: "tags" }] } });
    expect(res.body.items[1]).toMatchObject({ id: fine.id, status: "updated" });
    // The invalid ticket kept everything, its priority too: its change is all or nothing.
    const [fullRow] = await rows([full.id]);
    expect(fullRow!.priority).toBe("normal");
    const [fineRow] = await rows([fine.id]);
    expect(fineRow!.priority).toBe("urgent");
  });

  it("refuses the whole request before any change: requester (403), foreign or unknown assignee/team (400), over 100 ids, nothing to change", async () => {
    const t = await createTicketAs(c.requester, { title: "Refused whole" });
    const before = await snapshot([t.id]);
    expect((await bulk(c.requester, { ids: [t.id], changes: { status: "closed" } })).status).toBe(403);
    for (const changes of [{ assigneeId: other.agent.id }, { teamId: other.teamId }, { assigneeId: org.requester2.id }, { assigneeId: randomUUID() }]) {
      const res = await bulk(c.agent, { ids: [t.id], changes: { status: "pending", ...changes } });
      expect(res.status, JSON.stringify(changes)).toBe(400);
    }
    const many = Array.from({ length: 101 }, () => randomUUID());
    expect((await bulk(c.agent, { ids: many, changes: { status: "pending" } })).status).toBe(400);
    expect((await bulk(c.agent, { ids: [t.id], changes: {} })).status).toBe(400);
    expect((await bulk(c.agent, { ids: [], changes: { status: "pending" } })).status).toBe(400);
    expect((await bulk(c.agent, { ids: [t.id], changes: { title: "sneaky" } })).status).toBe(400);
    expect((await bulk(c.agent, { ids: ["not-an-id"], changes: { status: "pending" } })).status).toBe(400);
    expect(await snapshot([t.id])).toEqual(before);
  });

  it("100 tickets in one request: every one changed and audited", async () => {
    const ids: string[] = [];
    const values = Array.from({ length: 100 }, (_, i) => ({
      organizationId: org.id,
      number: 100_000 + i,
      title: `Bulk hundred ${i}`,
      descriptionMd: "",
      requesterId: org.requester.id,
    }));
    for (const row of await db().insert(tickets).values(values).returning({ id: tickets.id })) ids.push(row.id);
    const res = await bulk(c.admin, { ids, changes: { status: "on_hold", addTags: ["hundred"] } });
    expect(res.status).toBe(200);
    expect(res.body.summary.updated).toBe(100);
    expect((await auditOf(org.id, ids)).length).toBe(100);
    const tagged = await callJson("GET", "/api/tickets?tag=hundred&limit=100", { cookie: c.agent });
    expect(tagged.body.items).toHaveLength(100);
  });
});
