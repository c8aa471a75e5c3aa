// Issue 11: macros / canned replies. Shared (admins) or personal (owner only); placeholders are filled as
// text and never evaluated; the ticket must be visible and the macro shared or one's own (404 otherwise);
// requesters have no macros (403); limits are 400; applying one goes through the normal PATCH and comment
// POST, which refuse what the caller may not do exactly as they would by hand.
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { Markdown } from "@/components/markdown";
import { db } from "@/db/client";
import { auditEvents, macros, organizations, tickets, users } from "@/db/schema";
import { COMMENT_MAX } from "@/domain/comments/comments.schemas";
import { PERSONAL_MACROS_PER_USER, SHARED_MACROS_PER_ORG } from "@/domain/macros/macro-limits";
import { callJson } from "../support/api";
import { createOrg, createUser, signIn, type TestOrg } from "../support/factory";
import { createTicketAs } from "../support/tickets";

let org: TestOrg;
let other: TestOrg;
const c: Record<"admin" | "agent" | "agent2" | "requester" | "otherAdmin" | "otherAgent", string> = {} as never;

beforeAll(async () => {
  [org, other] = await Promise.all([createOrg("macros"), createOrg("macros-other")]);
  [c.admin, c.agent, c.agent2, c.requester, c.otherAdmin, c.otherAgent] = await Promise.all([
    signIn(org.admin),
    signIn(org.agent),
    signIn(org.agent2),
    signIn(org.requester),
    signIn(other.admin),
    signIn(other.agent),
  ]);
});

let seq = 0;
const uniqueName = (label: string) => `${label} ${++seq}`;
const create = (cookie: string, body: Record<string, unknown>) => callJson("POST", "/api/macros", { cookie, body });
async function createOk(cookie: string, body: Record<string, unknown>) {
  const res = await create(cookie, { name: uniqueName("Macro"), bodyMd: "Hello {{requester.first_name}}", ...body });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: string; name: string; bodyMd: string; shared: boolean; editable: boolean; changes: Record<string, unknown> };
}
const list = (cookie: string) => callJson("GET", "/api/macros", { cookie });
const listedIds = async (cookie: string) => ((await list(cookie)).body.items as { id: string }[]).map((m) => m.id);
const render = (ticketId: string, macroId: string, cookie: string) =>
  callJson("POST", `/api/tickets/${ticketId}/macros/${macroId}/render`, { cookie, body: {} });
const macroRow = async (id: string) => (await db().select().from(macros).where(eq(macros.id, id)))[0];

/** What a reader sees of rendered Markdown: the HTML's text with entities decoded. */
function visibleText(html: string) {
  return html
    .replace(/<[^>]+>/g, "")
    .replaceAll("&lt;", "<")
    .replaceAll("&gt;", ">")
    .replaceAll("&quot;", '"')
    .replaceAll("&#x27;", "'")
    .replaceAll("&amp;", "&");
}
const toHtml = (source: string) => renderToStaticMarkup(createElement(Markdown, { source }));

describe("who sees and edits which macro (issue 11, S10, S17)", () => {
  it("a personal macro is listed for its owner only: not for a colleague, not even for an admin", async () => {
    const mine = await createOk(c.agent, {});
    expect(mine).toMatchObject({ shared: false, editable: true });
    expect(await listedIds(c.agent)).toContain(mine.id);
    expect(await listedIds(c.agent2)).not.toContain(mine.id);
    expect(await listedIds(c.admin)).not.toContain(mine.id);
    expect(await listedIds(c.otherAgent)).not.toContain(mine.id);
  });

  it("a shared macro is made by an admin and listed for all staff of the organization, editable by admins only", async () => {
    const shared = await createOk(c.admin, { shared: true });
    for (const cookie of [c.agent, c.agent2, c.admin]) expect(await listedIds(cookie)).toContain(shared.id);
    const asAgent = ((await list(c.agent)).body.items as { id: string; editable: boolean }[]).find((m) => m.id === shared.id);
    expect(asAgent?.editable).toBe(false);
    expect(await listedIds(c.otherAdmin)).not.toContain(shared.id);
    expect(await listedIds(c.otherAgent)).not.toContain(shared.id);
  });

  it("an agent cannot create, edit or delete a shared macro (403), and nothing changes", async () => {
    expect((await create(c.agent, { name: uniqueName("Sneaky"), bodyMd: "x", shared: true })).status).toBe(403);
    const shared = await createOk(c.admin, { shared: true, bodyMd: "Original" });
    expect((await callJson("PATCH", `/api/macros/${shared.id}`, { cookie: c.agent, body: { bodyMd: "Hijacked" } })).status).toBe(403);
    expect((await callJson("DELETE", `/api/macros/${shared.id}`, { cookie: c.agent })).status).toBe(403);
    expect((await macroRow(shared.id))?.bodyMd).toBe("Original");
  });

  it("a colleague's personal macro and another organization's macro are 404 to edit, delete and apply", async () => {
    const ticket = await createTicketAs(c.requester, { title: "Scope check" });
    const mine = await createOk(c.agent, { bodyMd: "Mine alone" });
    const foreignShared = await createOk(c.otherAdmin, { shared: true, bodyMd: "Foreign" });
    for (const [cookie, id] of [
      [c.agent2, mine.id],
      [c.admin, mine.id],
      [c.agent, foreignShared.id],
      [c.admin, foreignShared.id],
    ] as const) {
      const edit = await callJson("PATCH", `/api/macros/${id}`, { cookie, body: { bodyMd: "Taken" } });
      expect(edit.status).toBe(404);
      expect((await callJson("DELETE", `/api/macros/${id}`, { cookie })).status).toBe(404);
      const applied = await render(ticket.id, id, cookie);
      expect(applied.status).toBe(404);
      expect(JSON.stringify(applied.body)).not.toMatch(/Mine alone|Foreign/);
    }
    expect((await macroRow(mine.id))?.bodyMd).toBe("Mine alone");
    expect((await macroRow(foreignShared.id))?.bodyMd).toBe("Foreign");
  });

  it("the ticket must be visible: another organization's ticket is 404 with the caller's own macro", async () => {
    const foreignRequester = await signIn(other.requester);
    const foreignTicket = await createTicketAs(foreignRequester, { title: "Foreign secret title" });
    const mine = await createOk(c.agent, { bodyMd: "{{ticket.title}} {{requester.email}}" });
    const res = await render(foreignTicket.id, mine.id, c.agent);
    expect(res.status).toBe(404);
    expect(JSON.stringify(res.body)).not.toContain("Foreign secret title");
    expect(JSON.stringify(res.body)).not.toContain(other.requester.email);
    // Not an id at all, in either place: the same 404.
    expect((await render("not-a-ticket", mine.id, c.agent)).status).toBe(404);
    expect((await render(foreignTicket.id, "not-a-macro", c.agent)).status).toBe(404);
  });

  it("a requester can neither list, create, edit, delete nor apply macros (403), even on their own ticket", async () => {
    const own = await createTicketAs(c.requester, { title: "Requester's own" });
    const shared = await createOk(c.admin, { shared: true, bodyMd: "Staff only {{agent.name}}" });
    const list403 = await list(c.requester);
    expect(list403.status).toBe(403);
    expect(JSON.stringify(list403.body)).not.toContain("Staff only");
    for (const shared_ of [false, true]) expect((await create(c.requester, { name: uniqueName("Req"), bodyMd: "x", shared: shared_ })).status).toBe(403);
    expect((await callJson("PATCH", `/api/macros/${shared.id}`, { cookie: c.requester, body: { name: "mine" } })).status).toBe(403);
    expect((await callJson("DELETE", `/api/macros/${shared.id}`, { cookie: c.requester })).status).toBe(403);
    const applied = await render(own.id, shared.id, c.requester);
    expect(applied.status).toBe(403);
    expect(JSON.stringify(applied.body)).not.toContain("Staff only");
    expect(await macroRow(shared.id)).toBeDefined();
  });

  it("the owner edits and deletes a personal macro; every change is audited without the body", async () => {
    const mine = await createOk(c.agent, { bodyMd: "Version one with a secret" });
    const edited = await callJson("PATCH", `/api/macros/${mine.id}`, { cookie: c.agent, body: { name: uniqueName("Renamed"), bodyMd: "Version two" } });
    expect(edited.status).toBe(200);
    expect(edited.body.bodyMd).toBe("Version two");
    expect((await callJson("DELETE", `/api/macros/${mine.id}`, { cookie: c.agent })).status).toBe(200);
    expect(await macroRow(mine.id)).toBeUndefined();
    const events = await db()
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.organizationId, org.id), eq(auditEvents.targetId, mine.id)));
    expect(events.map((e) => e.action).sort()).toEqual(["macro.created", "macro.deleted", "macro.updated"]);
    expect(JSON.stringify(events.map((e) => e.data))).not.toContain("secret");
  });

  it("a name is unique per owner (409), and a personal macro may share a shared one's name", async () => {
    const name = uniqueName("Same name");
    await createOk(c.admin, { name, shared: true });
    expect((await create(c.admin, { name, bodyMd: "x", shared: true })).status).toBe(409);
    await createOk(c.agent, { name });
    expect((await create(c.agent, { name, bodyMd: "x" })).status).toBe(409);
    await createOk(c.agent2, { name });
  });

  it("field changes naming another organization's team or agent, a requester or an unknown key are a 400 naming the field", async () => {
    for (const [changes, field] of [
      [{ teamId: other.teamId }, "changes.teamId"],
      [{ assigneeId: other.agent.id }, "changes.assigneeId"],
      [{ assigneeId: org.requester.id }, "changes.assigneeId"],
      [{ assigneeId: "someone" }, "changes.assigneeId"],
      [{ status: "deleted" }, "changes.status"],
      [{ tags: ["x"] }, "changes"],
    ] as const) {
      const res = await create(c.agent, { name: uniqueName("Bad changes"), bodyMd: "x", changes });
      expect(res.status, JSON.stringify(changes)).toBe(400);
      expect(JSON.stringify(res.body.error.details), JSON.stringify(changes)).toContain(field);
    }
    const shared = await createOk(c.admin, { shared: true });
    const patched = await callJson("PATCH", `/api/macros/${shared.id}`, { cookie: c.admin, body: { changes: { teamId: other.teamId } } });
    expect(patched.status).toBe(400);
    expect((await macroRow(shared.id))?.changes).toEqual({});
  });
});

describe("limits (S21, issue 11): 400", () => {
  it("name and body lengths, empty name and body", async () => {
    for (const body of [
      { name: "n".repeat(101), bodyMd: "x" },
      { name: "", bodyMd: "x" },
      { name: "   ", bodyMd: "x" },
      { name: uniqueName("Long"), bodyMd: "b".repeat(COMMENT_MAX + 1) },
      { name: uniqueName("Empty"), bodyMd: "  \n " },
      { name: "Two\nlines", bodyMd: "x" },
    ]) {
      const res = await create(c.agent, body);
      expect(res.status, JSON.stringify(body).slice(0, 80)).toBe(400);
    }
    const ok = await create(c.agent, { name: "n".repeat(100), bodyMd: "b".repeat(COMMENT_MAX) });
    expect(ok.status).toBe(201);
  });

  it(`at most ${PERSONAL_MACROS_PER_USER} personal macros per user, also under concurrent creation`, async () => {
    const user = await createUser(org.id, org.slug, `limits-${Date.now()}`, "agent");
    const cookie = await signIn(user);
    await db()
      .insert(macros)
      .values(Array.from({ length: PERSONAL_MACROS_PER_USER - 2 }, (_, i) => ({ organizationId: org.id, ownerId: user.id, name: `Seeded ${i}`, bodyMd: "x" })));
    const burst = await Promise.all(Array.from({ length: 6 }, (_, i) => create(cookie, { name: `Burst ${i}`, bodyMd: "x" })));
    expect(burst.map((r) => r.status).sort()).toEqual([201, 201, 400, 400, 400, 400]);
    const refused = burst.find((r) => r.status === 400)!;
    expect(refused.body.error.message).toContain(String(PERSONAL_MACROS_PER_USER));
    const count = await db()
      .select()
      .from(macros)
      .where(and(eq(macros.organizationId, org.id), eq(macros.ownerId, user.id)));
    expect(count).toHaveLength(PERSONAL_MACROS_PER_USER);
    // Another user's quota is their own.
    await createOk(c.agent2, {});
  });

  it(`at most ${SHARED_MACROS_PER_ORG} shared macros per organization`, async () => {
    const fresh = await createOrg("macros-quota");
    const admin = await signIn(fresh.admin);
    await db()
      .insert(macros)
      .values(Array.from({ length: SHARED_MACROS_PER_ORG - 1 }, (_, i) => ({ organizationId: fresh.id, ownerId: null, name: `Shared ${i}`, bodyMd: "x" })));
    expect((await create(admin, { name: "Last one", bodyMd: "x", shared: true })).status).toBe(201);
    expect((await create(admin, { name: "One too many", bodyMd: "x", shared: true })).status).toBe(400);
    // Personal macros count apart from shared ones.
    expect((await create(admin, { name: "Mine", bodyMd: "x" })).status).toBe(201);
  });

  it("a macro whose filled-in body would be longer than a reply may be is a 400 at apply time", async () => {
    const ticket = await createTicketAs(c.requester, { title: "T".repeat(200) });
    const body = "{{ticket.title}}".repeat(Math.ceil(COMMENT_MAX / 200) + 1);
    const mine = await createOk(c.agent, { bodyMd: body });
    const res = await render(ticket.id, mine.id, c.agent);
    expect(res.status).toBe(400);
  });
});

describe("placeholders are text, never evaluated (issue 11, S5)", () => {
  const TEMPLATE = [
    "Hi {{requester.first_name}} ({{ requester.name }}, {{requester.email}}),",
    "about #{{ticket.number}} {{ticket.title}}: {{unknown.placeholder}} {{constructor.constructor('return process')()}}",
    "-- {{agent.name}}, {{organization.name}}",
  ].join("\n\n");

  const HOSTILE_NAMES = [
    "{{agent.name}}",
    "<script>alert(1)</script>",
    "[x](javascript:alert(1))",
    "{{constructor.constructor('return process')()}}",
    "<img src=x onerror=alert(1)>",
    "**bold** _it_ `code` ~~gone~~",
    "# Heading",
    "![pixel](https://evil.example/t.gif)",
    "$& $' $` &lt;b&gt;",
  ];

  let ticket: { id: string; number: number };
  beforeAll(async () => {
    await db().update(organizations).set({ name: "Org <b>{{agent.name}}</b>" }).where(eq(organizations.id, org.id));
    ticket = await createTicketAs(c.requester, { title: "<svg onload=alert(1)> {{requester.email}} [t](javascript:x)" });
  });

  for (const hostile of HOSTILE_NAMES) {
    it(`a requester named ${JSON.stringify(hostile)} comes out as that text, inert`, async () => {
      await db().update(users).set({ name: hostile }).where(eq(users.id, org.requester.id));
      const macro = await createOk(c.agent, { bodyMd: TEMPLATE });
      const res = await render(ticket.id, macro.id, c.agent);
      expect(res.status).toBe(200);
      const html = toHtml(res.body.bodyMd);

      // What the reader sees is exactly the values, as typed; unknown placeholders stay literally.
      const text = visibleText(html);
      const first = hostile.split(/\s+/)[0];
      expect(text).toContain(`Hi ${first} (${hostile}, ${org.requester.email}),`);
      expect(text).toContain(`about #${ticket.number} <svg onload=alert(1)> {{requester.email}} [t](javascript:x): {{unknown.placeholder}}`);
      expect(text).toContain("{{constructor.constructor('return process')()}}");
      expect(text).toContain(`-- agent ${org.slug}, Org <b>{{agent.name}}</b>`);
      // Values were not re-expanded: the agent's name appears once, where the macro put it.
      expect(text.split(`agent ${org.slug}`)).toHaveLength(2);

      // Nothing became markup: no element from a value. A bare address in a value may be linked as in
      // any comment (GFM autolinks), never with another scheme than mailto/http/https.
      expect(html).not.toMatch(/<(script|img|svg|iframe|strong|em|code|del|h1)\b/i);
      const hrefs = [...html.matchAll(/href="([^"]*)"/g)].map((m) => m[1]!);
      expect(hrefs).toContain(`mailto:${org.requester.email}`);
      for (const href of hrefs) expect(href).toMatch(/^(mailto:|https?:\/\/)/);
      expect(html.toLowerCase()).not.toMatch(/href="\s*javascript/);
    });
  }

  it("the filled body is posted unchanged through the normal comment POST and reads back the same", async () => {
    await db().update(users).set({ name: "<script>alert(1)</script>" }).where(eq(users.id, org.requester.id));
    const macro = await createOk(c.agent, { bodyMd: "Hello {{requester.name}}" });
    const filled = (await render(ticket.id, macro.id, c.agent)).body.bodyMd as string;
    const posted = await callJson("POST", `/api/tickets/${ticket.id}/comments`, { cookie: c.agent, body: { bodyMd: filled } });
    expect(posted.status).toBe(201);
    expect(posted.body.bodyMd).toBe(filled);
    expect(visibleText(toHtml(posted.body.bodyMd))).toBe("Hello <script>alert(1)</script>");
  });
});

describe("applying a macro goes through the normal PATCH and comment POST (issue 11, S19)", () => {
  it("render returns the changes for this ticket ('me' is the caller, unchanged fields left out) and writes nothing", async () => {
    const ticket = await createTicketAs(c.requester, { title: "Apply me" });
    expect((await callJson("PATCH", `/api/tickets/${ticket.id}`, { cookie: c.agent2, body: { priority: "high" } })).status).toBe(200);
    const macro = await createOk(c.admin, {
      shared: true,
      changes: { status: "pending", priority: "high", assigneeId: "me", teamId: org.teamId },
    });
    const before = (await db().select().from(tickets).where(eq(tickets.id, ticket.id)))[0]!;
    const asAgent = await render(ticket.id, macro.id, c.agent);
    expect(asAgent.body.changes).toEqual({ status: "pending", assigneeId: org.agent.id, teamId: org.teamId });
    const asAgent2 = await render(ticket.id, macro.id, c.agent2);
    expect(asAgent2.body.changes.assigneeId).toBe(org.agent2.id);
    const after = (await db().select().from(tickets).where(eq(tickets.id, ticket.id)))[0]!;
    expect(after.version).toBe(before.version);

    // The composer's two requests: PATCH the fields, then the reply with its status.
    const { status, ...fields } = asAgent.body.changes;
    expect((await callJson("PATCH", `/api/tickets/${ticket.id}`, { cookie: c.agent, body: fields })).status).toBe(200);
    const reply = await callJson("POST", `/api/tickets/${ticket.id}/comments`, { cookie: c.agent, body: { bodyMd: asAgent.body.bodyMd, status } });
    expect(reply.status).toBe(201);
    const now = await callJson("GET", `/api/tickets/${ticket.id}`, { cookie: c.agent });
    expect(now.body).toMatchObject({ status: "pending", assigneeId: org.agent.id, teamId: org.teamId, priority: "high" });
    const actions = (await db().select().from(auditEvents).where(eq(auditEvents.targetId, ticket.id))).map((e) => e.action);
    // The earlier priority change, the macro's fields, the reply's status: each audited like a hand-made one.
    expect(actions.filter((a) => a === "ticket.updated")).toHaveLength(3);
  });

  it("an assignee deactivated since the macro was saved is refused by PATCH (400), nothing changes", async () => {
    const leaver = await createUser(org.id, org.slug, `leaver-${Date.now()}`, "agent");
    const macro = await createOk(c.agent, { changes: { assigneeId: leaver.id, priority: "urgent" } });
    await db().update(users).set({ active: false }).where(eq(users.id, leaver.id));
    const ticket = await createTicketAs(c.requester, { title: "Stale assignee" });
    const { changes } = (await render(ticket.id, macro.id, c.agent)).body;
    const res = await callJson("PATCH", `/api/tickets/${ticket.id}`, { cookie: c.agent, body: changes });
    expect(res.status).toBe(400);
    expect(res.body.error.details[0].path).toBe("assigneeId");
    const row = (await db().select().from(tickets).where(eq(tickets.id, ticket.id)))[0]!;
    expect(row).toMatchObject({ assigneeId: null, priority: "normal", version: 1 });
  });

  it("a team deleted since the macro was saved is refused by PATCH (400)", async () => {
    const team = await callJson("POST", "/api/admin/teams", { cookie: c.admin, body: { name: uniqueName("Short-lived") } });
    const macro = await createOk(c.agent, { changes: { teamId: team.body.id } });
    expect((await callJson("DELETE", `/api/admin/teams/${team.body.id}`, { cookie: c.admin })).status).toBe(200);
    const ticket = await createTicketAs(c.requester, { title: "Stale team" });
    const { changes } = (await render(ticket.id, macro.id, c.agent)).body;
    const res = await callJson("PATCH", `/api/tickets/${ticket.id}`, { cookie: c.agent, body: changes });
    expect(res.status).toBe(400);
    expect((await db().select().from(tickets).where(eq(tickets.id, ticket.id)))[0]!.teamId).toBeNull();
  });

  it("a requester replaying a macro's changes on their own ticket is refused by PATCH (403), and a stale page by If-Match (412)", async () => {
    const ticket = await createTicketAs(c.requester, { title: "Replay" });
    const macro = await createOk(c.agent, { changes: { priority: "urgent", assigneeId: "me", status: "on_hold" } });
    const { changes } = (await render(ticket.id, macro.id, c.agent)).body;
    for (const body of [{ priority: changes.priority }, { assigneeId: changes.assigneeId }, { status: changes.status }]) {
      expect((await callJson("PATCH", `/api/tickets/${ticket.id}`, { cookie: c.requester, body })).status, JSON.stringify(body)).toBe(403);
    }
    const etag = (await callJson("GET", `/api/tickets/${ticket.id}`, { cookie: c.agent })).headers.get("etag")!;
    expect((await callJson("PATCH", `/api/tickets/${ticket.id}`, { cookie: c.agent2, body: { priority: "low" } })).status).toBe(200);
    const stale = await callJson("PATCH", `/api/tickets/${ticket.id}`, { cookie: c.agent, body: changes, headers: { "if-match": etag } });
    expect(stale.status).toBe(412);
    expect((await db().select().from(tickets).where(eq(tickets.id, ticket.id)))[0]).toMatchObject({ priority: "low", assigneeId: null, status: "open" });
  });
});
