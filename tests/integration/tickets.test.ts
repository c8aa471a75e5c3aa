// Tickets API: create, read, update, role rules (S19), in-organization ids (S20), SLA on create and on
// priority change (S9), audit in the same transaction (D7), and clear errors (S21).
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { auditEvents, tickets } from "@/db/schema";
import { callJson } from "../support/api";
import { createOrg, signIn, type TestOrg } from "../support/factory";
import { createTicketAs } from "../support/tickets";

let org: TestOrg;
let other: TestOrg;
const cookies: Record<string, string> = {};

beforeAll(async () => {
  [org, other] = await Promise.all([createOrg("tickets"), createOrg("tickets-other")]);
  const entries = await Promise.all((["admin", "agent", "agent2", "requester", "requester2"] as const).map(async (k) => [k, await signIn(org[k])] as const));
  for (const [k, c] of entries) cookies[k] = c;
  cookies.otherAgent = await signIn(other.agent);
});

async function auditFor(ticketId: string) {
  return db()
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.targetId, ticketId), eq(auditEvents.organizationId, org.id)));
}

describe("create (D3, S9)", () => {
  it("a requester opens a ticket for themself with SLA deadlines from the policy and an audit event", async () => {
    const before = Date.now();
    const mine = await createTicketAs(cookies.requester!, { title: "Printer jammed", descriptionMd: "It *beeps*." });
    // The requester's answer carries no triage (F6); staff see the priority and SLA deadlines it got.
    expect(mine).toMatchObject({ title: "Printer jammed", status: "open", requesterId: org.requester.id });
    expect(mine).not.toHaveProperty("priority");
    const t = (await callJson("GET", `/api/tickets/${mine.id}`, { cookie: cookies.agent })).body;
    expect(t).toMatchObject({ priority: "normal", assigneeId: null });
    const created = Date.parse(t.createdAt as string);
    expect(created).toBeGreaterThanOrEqual(before - 1000);
    expect(Date.parse(t.firstResponseDueAt as string) - created).toBe(480 * 60_000);
    expect(Date.parse(t.resolutionDueAt as string) - created).toBe(4320 * 60_000);
    const events = await auditFor(t.id);
    expect(events.map((e) => e.action)).toEqual(["ticket.created"]);
    expect(events[0]!.actorId).toBe(org.requester.id);
  });

  it("tickets get consecutive numbers per organization", async () => {
    const a = await createTicketAs(cookies.agent!, { title: "one" });
    const b = await createTicketAs(cookies.agent!, { title: "two" });
    expect(b.number).toBe(a.number + 1);
  });

  it("staff may set priority, assignee and team on create", async () => {
    const t = await createTicketAs(cookies.agent!, { title: "Urgent outage", priority: "urgent", assigneeId: org.agent2.id, teamId: org.teamId });
    expect(t).toMatchObject({ priority: "urgent", assigneeId: org.agent2.id, teamId: org.teamId });
    expect(Date.parse(t.firstResponseDueAt as string) - Date.parse(t.createdAt as string)).toBe(30 * 60_000);
  });

  it("a requester cannot set priority or assignee on create (S19)", async () => {
    for (const body of [
      { title: "x", priority: "urgent" },
      { title: "x", assigneeId: org.agent.id },
      { title: "x", teamId: org.teamId },
    ]) {
      const res = await callJson("POST", "/api/tickets", { cookie: cookies.requester, body });
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe("forbidden");
    }
  });

  it("rejects missing and over-long fields with 400 and field details (S21)", async () => {
    const missing = await callJson("POST", "/api/tickets", { cookie: cookies.agent, body: { descriptionMd: "no title" } });
    expect(missing.status).toBe(400);
    // In words a person uses (issue 13), with the rule behind them for the form to word in its language.
    expect(missing.body.error.details).toEqual([{ path: "title", message: "is required", rule: "validation.required" }]);
    const longTitle = await callJson("POST", "/api/tickets", { cookie: cookies.agent, body: { title: "x".repeat(201) } });
    expect(longTitle.status).toBe(400);
    expect(longTitle.body.error.details).toEqual([{ path: "title", message: "Use at most 200 characters.", rule: "validation.tooLong", maximum: 200 }]);
    const badPriority = await callJson("POST", "/api/tickets", { cookie: cookies.agent, body: { title: "ok", priority: "<b>asap</b>" } });
    expect(badPriority.body.error.details).toEqual([
      { path: "priority", message: "Choose one of: low, normal, high, urgent.", rule: "validation.oneOf", values: "low, normal, high, urgent" },
    ]);
    // The input itself is never echoed back.
    expect(JSON.stringify(badPriority.body)).not.toContain("asap");
    const longBody = await callJson("POST", "/api/tickets", { cookie: cookies.agent, body: { title: "ok", descriptionMd: "x".repeat(20_001) } });
    expect(longBody.status).toBe(400);
    const unknown = await callJson("POST", "/api/tickets", { cookie: cookies.agent, body: { title: "ok", organizationId: other.id } });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.details).toEqual([
      { path: "", message: "Remove what this form does not have: organizationId.", rule: "validation.unknownFields", keys: "organizationId" },
    ]);
  });

  it("refuses a body over the cap with 413 before parsing, and writes nothing", async () => {
    const title = `oversize-${Date.now()}`;
    const res = await callJson("POST", "/api/tickets", { cookie: cookies.agent, body: { title, descriptionMd: "x".repeat(300_000) } });
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe("too_large");
    const rows = await db().select().from(tickets).where(eq(tickets.title, title));
    expect(rows).toHaveLength(0);
  });

  it("answers invalid JSON with 400 and a non-JSON body with 415", async () => {
    const bad = await callJson("POST", "/api/tickets", { cookie: cookies.agent, rawBody: "{nope", headers: { "content-type": "application/json" } });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatchObject({ code: "invalid", message: "Body is not valid JSON" });
    const form = await callJson("POST", "/api/tickets", {
      cookie: cookies.agent,
      rawBody: "title=x",
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
    expect(form.status).toBe(415);
  });

  it("requires a session (401 with a JSON error)", async () => {
    const res = await callJson("POST", "/api/tickets", { body: { title: "anon" } });
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe("unauthenticated");
  });
});

describe("read and visibility (D3, S10)", () => {
  it("requesters see only their own tickets; staff see the organization's", async () => {
    const mine = await createTicketAs(cookies.requester!, { title: "mine" });
    const theirs = await createTicketAs(cookies.requester2!, { title: "theirs" });
    expect((await callJson("GET", `/api/tickets/${mine.id}`, { cookie: cookies.requester })).status).toBe(200);
    const denied = await callJson("GET", `/api/tickets/${theirs.id}`, { cookie: cookies.requester });
    expect(denied.status).toBe(404);
    expect(JSON.stringify(denied.body)).not.toContain("theirs");
    expect((await callJson("GET", `/api/tickets/${theirs.id}`, { cookie: cookies.agent })).status).toBe(200);

    const list = await callJson("GET", "/api/tickets?limit=100", { cookie: cookies.requester });
    expect(list.body.items.length).toBeGreaterThan(0);
    expect(list.body.items.every((t: { requesterId: string }) => t.requesterId === org.requester.id)).toBe(true);
  });

  it("a malformed id is a 404, not a 500", async () => {
    const res = await callJson("GET", "/api/tickets/not-a-uuid", { cookie: cookies.agent });
    expect(res.status).toBe(404);
  });
});

describe("update (S19, S20, S9)", () => {
  it("staff change status, priority, assignee and team; priority recomputes SLA from the original start", async () => {
    const t = await createTicketAs(cookies.requester!, { title: "Recompute me" });
    const res = await callJson("PATCH", `/api/tickets/${t.id}`, {
      cookie: cookies.agent,
      body: { status: "pending", priority: "high", assigneeId: org.agent.id, teamId: org.teamId },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: "pending", priority: "high", assigneeId: org.agent.id, teamId: org.teamId });
    const created = Date.parse(t.createdAt as string);
    expect(Date.parse(res.body.firstResponseDueAt) - created).toBe(120 * 60_000);
    expect(Date.parse(res.body.resolutionDueAt) - created).toBe(1440 * 60_000);
    const updated = (await auditFor(t.id)).find((e) => e.action === "ticket.updated");
    expect(updated?.data).toMatchObject({ changes: { priority: { from: "normal", to: "high" }, status: { from: "open", to: "pending" } } });
  });

  it("resolving records the resolution time and reopening clears it", async () => {
    const t = await createTicketAs(cookies.agent!, { title: "Resolve me" });
    const resolved = await callJson("PATCH", `/api/tickets/${t.id}`, { cookie: cookies.agent, body: { status: "resolved" } });
    expect(resolved.body.resolvedAt).not.toBeNull();
    const reopened = await callJson("PATCH", `/api/tickets/${t.id}`, { cookie: cookies.agent, body: { status: "open" } });
    expect(reopened.body.resolvedAt).toBeNull();
  });

  it("a requester can never change priority, assignee or team, even on their own ticket (S19)", async () => {
    const t = await createTicketAs(cookies.requester!, { title: "Requester ticket" });
    for (const body of [{ priority: "urgent" }, { assigneeId: org.agent.id }, { teamId: org.teamId }, { assigneeId: null }, { status: "pending" }]) {
      const res = await callJson("PATCH", `/api/tickets/${t.id}`, { cookie: cookies.requester, body });
      expect(res.status, JSON.stringify(body)).toBe(403);
    }
    const row = await callJson("GET", `/api/tickets/${t.id}`, { cookie: cookies.agent });
    expect(row.body).toMatchObject({ priority: "normal", assigneeId: null, teamId: null, status: "open" });
  });

  it("a requester may edit, close and reopen their own resolved ticket; closed is final (issue 11)", async () => {
    const t = await createTicketAs(cookies.requester!, { title: "Typo in titel" });
    const edited = await callJson("PATCH", `/api/tickets/${t.id}`, { cookie: cookies.requester, body: { title: "Typo in title" } });
    expect(edited.body.title).toBe("Typo in title");
    await callJson("PATCH", `/api/tickets/${t.id}`, { cookie: cookies.agent, body: { status: "resolved" } });
    expect((await callJson("PATCH", `/api/tickets/${t.id}`, { cookie: cookies.requester, body: { status: "open" } })).body.status).toBe("open");
    expect((await callJson("PATCH", `/api/tickets/${t.id}`, { cookie: cookies.requester, body: { status: "closed" } })).body.status).toBe("closed");
    expect((await callJson("PATCH", `/api/tickets/${t.id}`, { cookie: cookies.requester, body: { status: "open" } })).status).toBe(403);
  });

  it("assignee and team ids from another organization are refused with 400 and nothing changes (S20)", async () => {
    const t = await createTicketAs(cookies.agent!, { title: "Cross-tenant assign" });
    const foreignAssignee = await callJson("PATCH", `/api/tickets/${t.id}`, { cookie: cookies.agent, body: { status: "pending", assigneeId: other.agent.id } });
    expect(foreignAssignee.status).toBe(400);
    expect(foreignAssignee.body.error.details).toEqual([{ path: "assigneeId", message: expect.any(String) }]);
    const foreignTeam = await callJson("PATCH", `/api/tickets/${t.id}`, { cookie: cookies.agent, body: { teamId: other.teamId } });
    expect(foreignTeam.status).toBe(400);
    const requesterAsAssignee = await callJson("PATCH", `/api/tickets/${t.id}`, { cookie: cookies.agent, body: { assigneeId: org.requester.id } });
    expect(requesterAsAssignee.status).toBe(400);
    const foreignRequester = await callJson("POST", "/api/tickets", { cookie: cookies.agent, body: { title: "x", requesterId: other.requester.id } });
    expect(foreignRequester.status).toBe(400);

    // Nothing half-written: the status in the refused request did not land, and no update was audited.
    const row = await callJson("GET", `/api/tickets/${t.id}`, { cookie: cookies.agent });
    expect(row.body).toMatchObject({ status: "open", assigneeId: null, teamId: null });
    expect((await auditFor(t.id)).map((e) => e.action)).toEqual(["ticket.created"]);
  });

  it("the database itself refuses a cross-tenant assignee (defence in depth for S20)", async () => {
    const t = await createTicketAs(cookies.agent!, { title: "FK check" });
    await expect(db().update(tickets).set({ assigneeId: other.agent.id }).where(eq(tickets.id, t.id))).rejects.toThrow();
  });

  it("an empty or unknown-field update is a 400", async () => {
    const t = await createTicketAs(cookies.agent!, { title: "Empty update" });
    expect((await callJson("PATCH", `/api/tickets/${t.id}`, { cookie: cookies.agent, body: {} })).status).toBe(400);
    expect((await callJson("PATCH", `/api/tickets/${t.id}`, { cookie: cookies.agent, body: { status: "done" } })).status).toBe(400);
  });
});
