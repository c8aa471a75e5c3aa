// Issue 13, readable evidence: the audit log names actors and targets and shows before → after values,
// from the caller's own organization only, and filters by date as well as actor, action and target.
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { auditWords, describeAuditEvent } from "@/components/audit/audit-text";
import { db } from "@/db/client";
import { users } from "@/db/schema";
import { callJson } from "../support/api";
import { createOrg, createUser, signIn, type TestOrg, type TestUser } from "../support/factory";
import { createTicketAs } from "../support/tickets";

let org: TestOrg;
let adminCookie: string;
let agentCookie: string;

beforeAll(async () => {
  org = await createOrg("audit-words");
  [adminCookie, agentCookie] = await Promise.all([signIn(org.admin), signIn(org.agent)]);
});

const nameOf = async (u: TestUser) => (await db().select({ name: users.name }).from(users).where(eq(users.id, u.id)))[0]!.name;
const today = () => new Date().toISOString().slice(0, 10);
const dayOffset = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

describe("the audit log in words (issue 13)", () => {
  it("names who changed which ticket and shows the change: “… changed ticket #N “title”: priority High → Urgent”", async () => {
    const agentName = await nameOf(org.agent);
    const ticket = await createTicketAs(agentCookie, { title: "Printer on fire in the east wing", priority: "high" });
    const patched = await callJson("PATCH", `/api/tickets/${ticket.id}`, { cookie: agentCookie, body: { priority: "urgent", assigneeId: org.agent.id } });
    expect(patched.status).toBe(200);

    const res = await callJson("GET", `/api/admin/audit?action=ticket.updated&targetId=${ticket.id}&limit=10`, { cookie: adminCookie });
    expect(res.status).toBe(200);
    expect(res.body.items).toHaveLength(1);
    expect(res.body.directory.people[org.agent.id]).toBe(agentName);
    expect(res.body.directory.tickets[ticket.id]).toEqual({ number: ticket.number, title: "Printer on fire in the east wing" });

    const line = describeAuditEvent(res.body.items[0], res.body.directory, auditWords("en"));
    expect(line.who).toBe(agentName);
    expect(line.what).toBe("changed");
    expect(line.target).toEqual({ label: `ticket #${ticket.number} “Printer on fire in the east wing”`, href: `/app/tickets/${ticket.id}` });
    expect(line.changes).toEqual(
      expect.arrayContaining([
        { field: "priority", from: "High", to: "Urgent" },
        { field: "assignee", from: "none", to: agentName },
      ]),
    );
  });

  it("a role change reads “changed the user <name>: role Agent → Requester”", async () => {
    const target = await createUser(org.id, org.slug, "demoted", "agent");
    const [adminName, targetName] = await Promise.all([nameOf(org.admin), nameOf(target)]);
    expect((await callJson("PATCH", `/api/admin/users/${target.id}`, { cookie: adminCookie, body: { role: "requester" } })).status).toBe(200);
    const res = await callJson("GET", `/api/admin/audit?action=user.updated&targetId=${target.id}`, { cookie: adminCookie });
    const line = describeAuditEvent(res.body.items[0], res.body.directory, auditWords("en"));
    expect(line).toMatchObject({ who: adminName, what: "changed the user", target: { label: targetName } });
    expect(line.changes).toEqual([{ field: "role", from: "Agent", to: "Requester" }]);
  });

  it("names nothing of another organization: its people and tickets stay out of the directory", async () => {
    const other = await createOrg("audit-words-other");
    const foreignTicket = await createTicketAs(await signIn(other.agent), { title: "Foreign secret title" });
    const foreignName = await nameOf(other.agent);
    const res = await callJson("GET", "/api/admin/audit?limit=100", { cookie: adminCookie });
    const text = JSON.stringify(res.body);
    expect(text).not.toContain("Foreign secret title");
    expect(text).not.toContain(foreignName);
    expect(text).not.toContain(foreignTicket.id);
  });

  it("filters by day (UTC, both ends included); a malformed day is a 400 with the field named", async () => {
    const ticket = await createTicketAs(agentCookie, { title: "Dated" });
    const q = (extra: string) => callJson("GET", `/api/admin/audit?action=ticket.created&targetId=${ticket.id}${extra}`, { cookie: adminCookie });
    expect((await q(`&from=${today()}&to=${today()}`)).body.items).toHaveLength(1);
    expect((await q(`&from=${dayOffset(1)}`)).body.items).toHaveLength(0);
    expect((await q(`&to=${dayOffset(-1)}`)).body.items).toHaveLength(0);
    for (const bad of ["2026-13-45", "yesterday", "2026-12-01T00:00:00Z"]) {
      const res = await q(`&from=${encodeURIComponent(bad)}`);
      expect(res.status, bad).toBe(400);
      expect(JSON.stringify(res.body)).toContain("from");
    }
  });
});
