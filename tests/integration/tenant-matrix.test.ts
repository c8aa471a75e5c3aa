// S10: every API route × method × role, aimed at another organization's data. Foreign ids must be a 404
// with no data (or, for ids inside a write body, a 400/403 that links nothing). The route list is read
// from src/app/api, so a new route without a row here fails the coverage test below.
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { comments, organizations, sessions, tickets, users } from "@/db/schema";
import { attachmentDownloadTokens, attachments } from "@/db/schema";
import { randomBytes } from "node:crypto";
import { runQueuedExports } from "@/domain/exports/run-export";
import { API_ROUTES, call, callJson } from "../support/api";
import { createOrg, signIn, type TestOrg } from "../support/factory";
import { teamMembers, teams } from "@/db/schema";
import { SseClient } from "../support/sse";
import { createTicketAs } from "../support/tickets";
import { and as sqlAnd, count as sqlCount, gte as sqlGte, isNull as sqlIsNull } from "drizzle-orm";
import { macros, notifications, outboxMessages, savedViews, slaPolicies, tags, ticketTags, webhookEndpoints } from "@/db/schema";
import { heldMails, inboundMails, mailboxes, mailDomains, mailSettings } from "@/db/schema";
import { satisfactionRatings, satisfactionRequests } from "@/db/schema";
import { newLinkToken } from "@/lib/link-token";
import { DnsStub } from "../support/mail";

const ROLES = ["admin", "agent", "requester"] as const;
type Role = (typeof ROLES)[number];

let home: TestOrg;
let foreign: TestOrg;
let foreignTicket: { id: string; title: string };
let foreignAgentCookie: string;
let foreignExportId: string;
let foreignMacroIds: string[];
let homeMacroId: string;
let foreignTagId: string;
let foreignSharedViewId: string;
let foreignPersonalViewId: string;
const SECRET = `FOREIGN-SECRET-${Math.random().toString(36).slice(2)}`;
const cookies = {} as Record<Role, string>;

beforeAll(async () => {
  [home, foreign] = await Promise.all([createOrg("matrix-home"), createOrg("matrix-foreign")]);
  const foreignAgent = await signIn(foreign.agent);
  foreignAgentCookie = foreignAgent;
  const foreignRequester = await signIn(foreign.requester);
  foreignTicket = await createTicketAs(foreignRequester, { title: SECRET, descriptionMd: `body ${SECRET}` });
  await callJson("POST", `/api/tickets/${foreignTicket.id}/comments`, { cookie: foreignAgent, body: { bodyMd: `note ${SECRET}`, internal: true } });
  await callJson("POST", `/api/tickets/${foreignTicket.id}/comments`, { cookie: foreignAgent, body: { bodyMd: `reply ${SECRET}` } });
  const foreignExport = await callJson("POST", "/api/exports", {
    cookie: await signIn(foreign.admin),
    body: { format: "csv", from: "2025-06-01", to: "2027-06-01" },
  });
  foreignExportId = foreignExport.body.id;
  await runQueuedExports();
  // A shared macro of the foreign organization and a personal one of its agent, and a shared one at home.
  const foreignMacros = await db()
    .insert(macros)
    .values([
      { organizationId: foreign.id, ownerId: null, name: `shared ${SECRET}`, bodyMd: `body ${SECRET} {{requester.email}}` },
      { organizationId: foreign.id, ownerId: foreign.agent.id, name: `personal ${SECRET}`, bodyMd: `body ${SECRET}` },
    ])
    .returning({ id: macros.id });
  foreignMacroIds = foreignMacros.map((m) => m.id);
  const [homeMacro] = await db()
    .insert(macros)
    .values({ organizationId: home.id, ownerId: null, name: "home shared", bodyMd: "Hi {{requester.name}} {{ticket.title}}" })
    .returning({ id: macros.id });
  homeMacroId = homeMacro!.id;
  // Issue 11: a tag on the foreign ticket, a shared view of its admin and a personal view of its agent.
  await callJson("PATCH", `/api/tickets/${foreignTicket.id}`, { cookie: foreignAgent, body: { tags: [SECRET.toLowerCase()] } });
  foreignTagId = (await db().select({ id: tags.id }).from(tags).where(eq(tags.organizationId, foreign.id)))[0]!.id;
  const foreignAdmin = await signIn(foreign.admin);
  foreignSharedViewId = (
    await callJson("POST", "/api/views", { cookie: foreignAdmin, body: { name: `shared ${SECRET}`, shared: true, filters: { q: SECRET } } })
  ).body.id;
  foreignPersonalViewId = (await callJson("POST", "/api/views", { cookie: foreignAgent, body: { name: `personal ${SECRET}`, filters: {} } })).body.id;
  for (const role of ROLES) cookies[role] = await signIn(home[role]);
});

async function foreignMacroRows() {
  return db().select().from(macros).where(eq(macros.organizationId, foreign.id));
}

async function foreignViews() {
  return db().select().from(savedViews).where(eq(savedViews.organizationId, foreign.id));
}

async function foreignState() {
  const [t] = await db().select().from(tickets).where(eq(tickets.id, foreignTicket.id));
  const c = await db().select().from(comments).where(eq(comments.ticketId, foreignTicket.id));
  return { status: t!.status, priority: t!.priority, assigneeId: t!.assigneeId, title: t!.title, version: t!.version, comments: c.length };
}

type Attack = (role: Role) => Promise<void>;

/** A clean attachment on the foreign ticket, written directly (its bytes are never needed here). */
let foreignAttachmentRow: Promise<string> | undefined;
function foreignAttachment(): Promise<string> {
  foreignAttachmentRow ??= db()
    .insert(attachments)
    .values({
      organizationId: foreign.id,
      ticketId: foreignTicket.id,
      uploaderId: foreign.requester.id,
      filename: `${SECRET}.txt`,
      mimeType: "text/plain",
      sizeBytes: 5,
      sha256: "0".repeat(64),
      storageKey: randomBytes(16).toString("hex"),
      status: "clean",
    })
    .returning({ id: attachments.id })
    .then(([row]) => row!.id);
  return foreignAttachmentRow;
}

/** The foreign organization's mailbox, settings and a held mail (issue 12), written directly. */
let foreignMailRows: Promise<{ mailboxId: string; heldId: string }> | undefined;
function foreignMail() {
  foreignMailRows ??= (async () => {
    const [box] = await db()
      .insert(mailboxes)
      .values({ organizationId: foreign.id, address: `support@${foreign.slug}.test`, imapHost: "imap.example.com", imapUser: SECRET })
      .returning({ id: mailboxes.id });
    await db().insert(mailSettings).values({ organizationId: foreign.id, acceptance: "existing_users", knownDomains: [] });
    const [mail] = await db()
      .insert(inboundMails)
      .values({
        organizationId: foreign.id,
        source: "smtp",
        messageId: `<${SECRET}@x.test>`,
        subject: SECRET,
        sizeBytes: 1,
        sha256: "0".repeat(64),
        status: "held",
      })
      .returning({ id: inboundMails.id });
    const [held] = await db()
      .insert(heldMails)
      .values({ organizationId: foreign.id, inboundMailId: mail!.id, reason: "staff_sender", reasonText: SECRET, subject: SECRET })
      .returning({ id: heldMails.id });
    return { mailboxId: box!.id, heldId: held!.id };
  })();
  return foreignMailRows;
}

/** The foreign organization's verified mailbox domain (issue 12 follow-up), written directly. */
let foreignDomainRow: Promise<string> | undefined;
function foreignMailDomain() {
  foreignDomainRow ??= (async () => {
    await foreignMail();
    const domain = `${foreign.slug}.test`;
    await db().insert(mailDomains).values({ organizationId: foreign.id, domain, verifiedAt: new Date(), lastCheckedAt: new Date(), lastCheckMessage: SECRET });
    return domain;
  })();
  return foreignDomainRow;
}
const foreignDomainState = async () => (await db().select().from(mailDomains).where(eq(mailDomains.organizationId, foreign.id)))[0]!;

const foreignMailbox = async () => (await db().select().from(mailboxes).where(eq(mailboxes.organizationId, foreign.id)))[0]!;
const foreignHeld = async () => (await db().select().from(heldMails).where(eq(heldMails.organizationId, foreign.id)))[0]!;

/** Both organizations' webhooks, set through their own admins (the foreign one carries the secret marker). */
async function foreignWebhook() {
  const foreignAdmin = await signIn(foreign.admin);
  await callJson("PUT", "/api/admin/webhook", { cookie: foreignAdmin, body: { url: `http://127.0.0.1:9/${SECRET}`, secret: `${SECRET}-signing-key` } });
}
async function homeWebhook() {
  await callJson("PUT", "/api/admin/webhook", { cookie: cookies.admin, body: { url: "http://127.0.0.1:9/home", secret: "home-secret-0123456789" } });
}

/** An open "How did we do?" of the foreign ticket's requester (issue 13), with its link token, written directly. */
let foreignSatisfactionRow: Promise<string> | undefined;
function foreignSatisfactionToken(): Promise<string> {
  foreignSatisfactionRow ??= (async () => {
    const { token, tokenHash } = newLinkToken();
    await db()
      .insert(satisfactionRequests)
      .values({
        organizationId: foreign.id,
        ticketId: foreignTicket.id,
        resolution: 1,
        requesterId: foreign.requester.id,
        priority: "normal",
        tokenHash,
        resolvedAt: new Date(),
        expiresAt: new Date(Date.now() + 86_400_000),
      });
    return token;
  })();
  return foreignSatisfactionRow;
}
const foreignRatings = () => db().select().from(satisfactionRatings).where(eq(satisfactionRatings.organizationId, foreign.id));

/** One row per (route, method): what an actor of the home organization tries against the foreign one. */
const MATRIX: Record<string, Attack | "public" | "auth-library"> = {
  // Issue 12: mailboxes and mail settings are admin-only; held mails are for staff.
  "GET /api/admin/mailboxes": async (role) => {
    await foreignMail();
    const res = await callJson("GET", "/api/admin/mailboxes", { cookie: cookies[role] });
    if (role !== "admin") return void expect(res.status).toBe(403);
    expect(res.status).toBe(200);
    expect(JSON.stringify(res.body)).not.toContain(SECRET);
    expect(JSON.stringify(res.body)).not.toContain(foreign.slug);
  },
  "POST /api/admin/mailboxes": async (role) => {
    await foreignMail();
    const res = await callJson("POST", "/api/admin/mailboxes", {
      cookie: cookies[role],
      body: { address: `box-${role}-${randomBytes(3).toString("hex")}@${home.slug}.test` },
    });
    expect(res.status).toBe(role === "admin" ? 201 : 403);
    expect(await db().select().from(mailboxes).where(eq(mailboxes.organizationId, foreign.id))).toHaveLength(1);
  },
  "GET /api/admin/mailboxes/[id]": async (role) => {
    const { mailboxId } = await foreignMail();
    const res = await callJson("GET", `/api/admin/mailboxes/${mailboxId}`, { cookie: cookies[role] });
    expect(res.status).toBe(role === "admin" ? 404 : 403);
    expect(JSON.stringify(res.body)).not.toContain(SECRET);
  },
  "PATCH /api/admin/mailboxes/[id]": async (role) => {
    const { mailboxId } = await foreignMail();
    const res = await callJson("PATCH", `/api/admin/mailboxes/${mailboxId}`, { cookie: cookies[role], body: { imapUser: "taken", active: false } });
    expect(res.status).toBe(role === "admin" ? 404 : 403);
    expect(await foreignMailbox()).toMatchObject({ imapUser: SECRET, active: true });
  },
  "DELETE /api/admin/mailboxes/[id]": async (role) => {
    const { mailboxId } = await foreignMail();
    const res = await callJson("DELETE", `/api/admin/mailboxes/${mailboxId}`, { cookie: cookies[role] });
    expect(res.status).toBe(role === "admin" ? 404 : 403);
    expect((await foreignMailbox()).id).toBe(mailboxId);
  },
  "POST /api/admin/mailboxes/[id]/check": async (role) => {
    const { mailboxId } = await foreignMail();
    const res = await callJson("POST", `/api/admin/mailboxes/${mailboxId}/check`, { cookie: cookies[role], body: {} });
    expect(res.status).toBe(role === "admin" ? 404 : 403);
    expect((await foreignMailbox()).lastPollAt).toBeNull();
  },
  "GET /api/admin/mail-settings": async (role) => {
    await foreignMail();
    const res = await callJson("GET", "/api/admin/mail-settings", { cookie: cookies[role] });
    if (role !== "admin") return void expect(res.status).toBe(403);
    expect(res.body.acceptance).not.toBe("existing_users");
  },
  "PUT /api/admin/mail-settings": async (role) => {
    await foreignMail();
    const res = await callJson("PUT", "/api/admin/mail-settings", {
      cookie: cookies[role],
      body: { acceptance: "known_domains", knownDomains: ["home.test"] },
    });
    expect(res.status).toBe(role === "admin" ? 200 : 403);
    const [f] = await db().select().from(mailSettings).where(eq(mailSettings.organizationId, foreign.id));
    expect(f).toMatchObject({ acceptance: "existing_users", knownDomains: [] });
  },
  // Issue 12 follow-up: mailbox domains proved by DNS are admin-only, and one organization's verified
  // domain cannot be taken by another while its record holds — even when the other publishes its own too.
  "GET /api/admin/mail-domains": async (role) => {
    await foreignMailDomain();
    const res = await callJson("GET", "/api/admin/mail-domains", { cookie: cookies[role] });
    if (role !== "admin") return void expect(res.status).toBe(403);
    expect(res.status).toBe(200);
    expect(JSON.stringify(res.body)).not.toContain(SECRET);
    expect(JSON.stringify(res.body)).not.toContain(foreign.slug);
  },
  "POST /api/admin/mail-domains/verify": async (role) => {
    const domain = await foreignMailDomain();
    const dns = new DnsStub().publishVerification(foreign.id, domain).publishVerification(home.id, domain);
    const restore = dns.install();
    try {
      const res = await callJson("POST", "/api/admin/mail-domains/verify", { cookie: cookies[role], body: { domain } });
      expect(res.status).toBe(role === "admin" ? 400 : 403);
      expect(JSON.stringify(res.body)).not.toContain(SECRET);
      expect(JSON.stringify(res.body)).not.toContain(foreign.id);
    } finally {
      restore();
    }
    expect(await foreignDomainState()).toMatchObject({ domain, lastCheckMessage: SECRET, verifiedAt: expect.any(Date) });
    expect(await db().select().from(mailDomains).where(eq(mailDomains.organizationId, home.id))).toHaveLength(0);
  },
  "GET /api/admin/held-mails": async (role) => {
    await foreignMail();
    const res = await callJson("GET", "/api/admin/held-mails?limit=100", { cookie: cookies[role] });
    if (role === "requester") return void expect(res.status).toBe(403);
    expect(res.status).toBe(200);
    expect(JSON.stringify(res.body)).not.toContain(SECRET);
  },
  "GET /api/admin/held-mails/[id]": async (role) => {
    const { heldId } = await foreignMail();
    const res = await callJson("GET", `/api/admin/held-mails/${heldId}`, { cookie: cookies[role] });
    expect(res.status).toBe(role === "requester" ? 403 : 404);
    expect(JSON.stringify(res.body)).not.toContain(SECRET);
  },
  "POST /api/admin/held-mails/[id]/accept": async (role) => {
    const { heldId } = await foreignMail();
    const res = await callJson("POST", `/api/admin/held-mails/${heldId}/accept`, { cookie: cookies[role], body: {} });
    expect(res.status).toBe(role === "requester" ? 403 : 404);
    expect((await foreignHeld()).status).toBe("held");
  },
  "POST /api/admin/held-mails/[id]/drop": async (role) => {
    const { heldId } = await foreignMail();
    const res = await callJson("POST", `/api/admin/held-mails/${heldId}/drop`, { cookie: cookies[role], body: {} });
    expect(res.status).toBe(role === "requester" ? 403 : 404);
    expect((await foreignHeld()).status).toBe("held");
  },

  "GET /api/health": "public",
  "GET /api/ready": "public",
  "GET /api/auth/[...all]": "auth-library",
  "POST /api/auth/[...all]": "auth-library",

  "GET /api/metrics": async (role) => {
    // Operator endpoint: a session is not enough, only the metrics bearer token opens it.
    const res = await callJson("GET", "/api/metrics", { cookie: cookies[role] });
    expect(res.status).toBe(404);
  },

  "GET /api/account/sessions": async (role) => {
    const res = await callJson("GET", "/api/account/sessions", { cookie: cookies[role] });
    expect(res.status).toBe(200);
    const own = await db().select({ id: sessions.id }).from(sessions).where(eq(sessions.userId, home[role].id));
    expect(res.body.items.length).toBeGreaterThan(0);
    for (const item of res.body.items) expect(own.map((o) => o.id)).toContain(item.id);
  },

  "DELETE /api/account/sessions/[id]": async (role) => {
    const [victim] = await db().select({ id: sessions.id }).from(sessions).where(eq(sessions.userId, foreign.agent.id)).limit(1);
    const res = await callJson("DELETE", `/api/account/sessions/${victim!.id}`, { cookie: cookies[role] });
    expect(res.status).toBe(404);
    expect((await callJson("GET", "/api/me", { cookie: foreignAgentCookie })).status).toBe(200);
  },

  "POST /api/account/sessions/revoke-others": async (role) => {
    // Uses a throwaway session so the shared cookie of this role stays valid for the other rows.
    const cookie = await signIn(home[role]);
    expect((await callJson("POST", "/api/account/sessions/revoke-others", { cookie, body: {} })).status).toBe(200);
    expect((await callJson("GET", "/api/me", { cookie: foreignAgentCookie })).status).toBe(200);
    cookies[role] = cookie;
  },

  "GET /api/account/preferences": async (role) => {
    // The caller's own choices and their own organization's defaults, never the other organization's.
    await db().update(organizations).set({ defaultTimeZone: "Pacific/Chatham" }).where(eq(organizations.id, foreign.id));
    const res = await callJson("GET", "/api/account/preferences", { cookie: cookies[role] });
    expect(res.status).toBe(200);
    expect(res.body.organization.timeZone).not.toBe("Pacific/Chatham");
    expect(res.body.effective.timeZone).not.toBe("Pacific/Chatham");
  },

  "PATCH /api/account/preferences": async (role) => {
    // Whatever else the body names (another person, another organization), only the caller's row changes.
    const [before] = await db().select({ timeZone: users.timeZone }).from(users).where(eq(users.id, foreign.agent.id));
    const sneaky = await callJson("PATCH", "/api/account/preferences", {
      cookie: cookies[role],
      body: { timeZone: "Pacific/Chatham", userId: foreign.agent.id, organizationId: foreign.id },
    });
    expect(sneaky.status).toBe(400);
    const res = await callJson("PATCH", "/api/account/preferences", { cookie: cookies[role], body: { timeZone: "Pacific/Chatham" } });
    expect(res.status).toBe(200);
    expect((await db().select({ timeZone: users.timeZone }).from(users).where(eq(users.id, home[role].id)))[0]!.timeZone).toBe("Pacific/Chatham");
    expect((await db().select({ timeZone: users.timeZone }).from(users).where(eq(users.id, foreign.agent.id)))[0]!.timeZone).toBe(before!.timeZone);
  },

  "GET /api/admin/organization": async (role) => {
    const res = await callJson("GET", "/api/admin/organization", { cookie: cookies[role] });
    if (role !== "admin") return void expect(res.status).toBe(403);
    expect(res.body.id).toBe(home.id);
  },

  "PATCH /api/admin/organization": async (role) => {
    const res = await callJson("PATCH", "/api/admin/organization", {
      cookie: cookies[role],
      body: { name: `renamed by ${role}`, closedTicketRetentionMonths: 120, closedTicketRetentionAction: "delete" },
    });
    expect(res.status).toBe(role === "admin" ? 200 : 403);
    const [f] = await db().select().from(organizations).where(eq(organizations.id, foreign.id));
    expect(f!.name).toBe("matrix-foreign");
    // Issue 14: a retention rule set at home never reaches the foreign organization's tickets.
    expect(f).toMatchObject({ closedTicketRetentionMonths: null, closedTicketRetentionAction: "anonymise" });
  },

  "PATCH /api/admin/users/[id]": async (role) => {
    const res = await callJson("PATCH", `/api/admin/users/${foreign.agent.id}`, { cookie: cookies[role], body: { role: "requester" } });
    expect(res.status).toBe(role === "admin" ? 404 : 403);
    const [u] = await db().select().from(users).where(eq(users.id, foreign.agent.id));
    expect(u!.role).toBe("agent");
    expect((await callJson("GET", "/api/me", { cookie: foreignAgentCookie })).status).toBe(200);
  },

  "GET /api/admin/audit": async (role) => {
    const res = await callJson("GET", "/api/admin/audit?limit=100", { cookie: cookies[role] });
    if (role !== "admin") return void expect(res.status).toBe(403);
    expect(res.status).toBe(200);
    expect(JSON.stringify(res.body)).not.toContain(foreignTicket.id);
  },

  "POST /api/admin/audit/verify": async (role) => {
    const res = await callJson("POST", "/api/admin/audit/verify", { cookie: cookies[role], body: {} });
    if (role !== "admin") return void expect(res.status).toBe(403);
    expect(res.body.organizationId).toBe(home.id);
  },

  // Admin area (S17): non-admins get 403; admins get 404 for the foreign organization's user and team ids.
  "GET /api/admin/users": async (role) => {
    const res = await callJson("GET", `/api/admin/users?limit=100&q=${encodeURIComponent(foreign.slug)}`, { cookie: cookies[role] });
    if (role !== "admin") return void expect(res.status).toBe(403);
    expect(res.status).toBe(200);
    expect(res.body.items).toEqual([]);
    const all = await callJson("GET", "/api/admin/users?limit=100", { cookie: cookies[role] });
    expect(all.body.items.length).toBeGreaterThan(0);
    expect(JSON.stringify(all.body)).not.toContain(foreign.slug);
  },

  "POST /api/admin/users/invites": async (role) => {
    const before = await db().select({ id: users.id }).from(users).where(eq(users.organizationId, foreign.id));
    const email = `invited-by-${role}-${randomBytes(4).toString("hex")}@${home.slug}.test`;
    const res = await callJson("POST", "/api/admin/users/invites", { cookie: cookies[role], body: { name: "Invitee", email, role: "admin" } });
    expect(res.status).toBe(role === "admin" ? 201 : 403);
    const taken = await callJson("POST", "/api/admin/users/invites", {
      cookie: cookies[role],
      body: { name: "Taken", email: foreign.agent.email, role: "admin" },
    });
    // Issue 9 item 13: another organization's address is invited like a fresh one (a pending row at home);
    // the foreign organization's user is untouched (below).
    expect(taken.status).toBe(role === "admin" ? 201 : 403);
    const [created] = await db().select().from(users).where(eq(users.email, email));
    if (role === "admin") expect(created!.organizationId).toBe(home.id);
    else expect(created).toBeUndefined();
    const [agent] = await db().select().from(users).where(eq(users.id, foreign.agent.id));
    expect(agent).toMatchObject({ organizationId: foreign.id, role: "agent", active: true });
    expect(await db().select({ id: users.id }).from(users).where(eq(users.organizationId, foreign.id))).toHaveLength(before.length);
  },

  "POST /api/admin/users/[id]/reset-mfa": async (role) => {
    const res = await callJson("POST", `/api/admin/users/${foreign.agent.id}/reset-mfa`, { cookie: cookies[role], body: {} });
    expect(res.status).toBe(role === "admin" ? 404 : 403);
    expect((await callJson("GET", "/api/me", { cookie: foreignAgentCookie })).status).toBe(200);
  },

  // Issue 14: erasing another organization's person is a 404 for an admin, a 403 for everyone else, and
  // leaves them whole: name, address, credentials.
  "POST /api/admin/users/[id]/erase": async (role) => {
    const res = await callJson("POST", `/api/admin/users/${foreign.requester.id}/erase`, { cookie: cookies[role], body: {} });
    expect(res.status).toBe(role === "admin" ? 404 : 403);
    expect(JSON.stringify(res.body)).not.toContain(foreign.requester.email);
    const [u] = await db().select().from(users).where(eq(users.id, foreign.requester.id));
    expect(u).toMatchObject({ email: foreign.requester.email, erasedAt: null, active: true });
    expect((await callJson("GET", `/api/tickets/${foreignTicket.id}`, { cookie: foreignAgentCookie })).body.descriptionMd).toBe(`body ${SECRET}`);
  },

  "GET /api/admin/teams": async (role) => {
    const res = await callJson("GET", "/api/admin/teams", { cookie: cookies[role] });
    if (role !== "admin") return void expect(res.status).toBe(403);
    const ids = res.body.items.map((t: { id: string }) => t.id);
    expect(ids).toContain(home.teamId);
    expect(ids).not.toContain(foreign.teamId);
  },

  "POST /api/admin/teams": async (role) => {
    const res = await callJson("POST", "/api/admin/teams", { cookie: cookies[role], body: { name: `Team by ${role}` } });
    expect(res.status).toBe(role === "admin" ? 201 : 403);
    const foreignTeams = await db().select().from(teams).where(eq(teams.organizationId, foreign.id));
    expect(foreignTeams.map((t) => t.name)).toEqual(["Support"]);
  },

  "PATCH /api/admin/teams/[id]": async (role) => {
    const res = await callJson("PATCH", `/api/admin/teams/${foreign.teamId}`, { cookie: cookies[role], body: { name: `owned by ${role}` } });
    expect(res.status).toBe(role === "admin" ? 404 : 403);
    const [t] = await db().select().from(teams).where(eq(teams.id, foreign.teamId));
    expect(t!.name).toBe("Support");
  },

  "DELETE /api/admin/teams/[id]": async (role) => {
    const res = await callJson("DELETE", `/api/admin/teams/${foreign.teamId}`, { cookie: cookies[role] });
    expect(res.status).toBe(role === "admin" ? 404 : 403);
    expect(await db().select().from(teams).where(eq(teams.id, foreign.teamId))).toHaveLength(1);
  },

  "PUT /api/admin/teams/[id]/members": async (role) => {
    const before = await db().select().from(teamMembers).where(eq(teamMembers.teamId, foreign.teamId));
    const res = await callJson("PUT", `/api/admin/teams/${foreign.teamId}/members`, { cookie: cookies[role], body: { userIds: [home.agent.id] } });
    expect(res.status).toBe(role === "admin" ? 404 : 403);
    // The other direction: a foreign user into one's own team is a 400 that links nothing.
    const pull = await callJson("PUT", `/api/admin/teams/${home.teamId}/members`, { cookie: cookies[role], body: { userIds: [foreign.agent.id] } });
    expect(pull.status).toBe(role === "admin" ? 400 : 403);
    expect(await db().select().from(teamMembers).where(eq(teamMembers.teamId, foreign.teamId))).toEqual(before);
    expect(await db().select().from(teamMembers).where(eq(teamMembers.userId, foreign.agent.id))).toEqual([]);
  },

  // Public: the one-time token is the credential; covered in tests/integration/admin.test.ts.
  "POST /api/invites/[token]/accept": "public",

  // Issue 13: the satisfaction link is public (it is the credential), but never in another tenant's session.
  "POST /api/satisfaction/[token]": async (role) => {
    const token = await foreignSatisfactionToken();
    const res = await callJson("POST", `/api/satisfaction/${token}`, { cookie: cookies[role], body: { rating: "bad", comment: "from elsewhere" } });
    expect(res.status).toBe(404);
    expect(JSON.stringify(res.body)).not.toContain(SECRET);
    expect(await foreignRatings()).toHaveLength(0);
  },
  "GET /api/tickets/[id]/satisfaction": async (role) => {
    await foreignSatisfactionToken();
    const res = await callJson("GET", `/api/tickets/${foreignTicket.id}/satisfaction`, { cookie: cookies[role] });
    expect(res.status).toBe(404);
    expect(JSON.stringify(res.body)).not.toContain(SECRET);
  },
  "POST /api/tickets/[id]/satisfaction": async (role) => {
    await foreignSatisfactionToken();
    const res = await callJson("POST", `/api/tickets/${foreignTicket.id}/satisfaction`, { cookie: cookies[role], body: { rating: "bad", resolution: 1 } });
    expect(res.status).toBe(404);
    expect(await foreignRatings()).toHaveLength(0);
  },

  "GET /api/exports": async (role) => {
    const res = await callJson("GET", "/api/exports", { cookie: cookies[role] });
    if (role === "requester") return void expect(res.status).toBe(403);
    expect(res.status).toBe(200);
    expect(res.body.items.map((e: { id: string }) => e.id)).not.toContain(foreignExportId);
  },

  "POST /api/exports": async (role) => {
    const res = await callJson("POST", "/api/exports", { cookie: cookies[role], body: { format: "json", from: "2025-06-01", to: "2027-06-01" } });
    expect(res.status).toBe(role === "admin" ? 202 : 403);
    if (role !== "admin") return;
    await runQueuedExports();
    const status = await callJson("GET", `/api/exports/${res.body.id}`, { cookie: cookies[role] });
    const file = await call("GET", status.body.download.url, { cookie: cookies[role] });
    expect(await file.text()).not.toContain(SECRET);
  },

  "GET /api/exports/[id]": async (role) => {
    const res = await callJson("GET", `/api/exports/${foreignExportId}`, { cookie: cookies[role] });
    expect(res.status).toBe(role === "requester" ? 403 : 404);
  },

  "GET /api/exports/[id]/download": async (role) => {
    const res = await call("GET", `/api/exports/${foreignExportId}/download?expires=9999999999&sig=${"a".repeat(64)}`, { cookie: cookies[role] });
    expect([403, 404]).toContain(res.status);
    expect(await res.text()).not.toContain(SECRET);
  },

  // Issue 13: reports read only the caller's organization's rollups; another organization's team is a 404.
  "GET /api/reports": async (role) => {
    const res = await callJson("GET", "/api/reports", { cookie: cookies[role] });
    if (role !== "admin") return void expect(res.status).toBe(403);
    expect(res.status).toBe(200);
    const [own] = await db()
      .select({ n: sqlCount() })
      .from(tickets)
      .where(sqlAnd(eq(tickets.organizationId, home.id), sqlGte(tickets.createdAt, new Date(`${res.body.range.from}T00:00:00Z`))));
    expect(res.body.totals.created).toBe(own!.n);
    expect(JSON.stringify(res.body)).not.toContain(foreign.teamId);
    expect(JSON.stringify(res.body)).not.toContain(foreign.agent.id);
    const probe = await callJson("GET", `/api/reports?teamId=${foreign.teamId}`, { cookie: cookies[role] });
    expect(probe.status).toBe(404);
    expect(JSON.stringify(probe.body)).not.toContain(SECRET);
  },

  "GET /api/reports/csv": async (role) => {
    const res = await call("GET", "/api/reports/csv?section=agents", { cookie: cookies[role] });
    if (role !== "admin") return void expect(res.status).toBe(403);
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).not.toContain(foreign.agent.id);
    expect(text).not.toContain(foreign.slug);
    expect((await call("GET", `/api/reports/csv?section=teams&teamId=${foreign.teamId}`, { cookie: cookies[role] })).status).toBe(404);
  },

  "GET /api/admin/sla-policies": async (role) => {
    const foreignAdmin = await signIn(foreign.admin);
    const marked = { timeZone: "Asia/Tokyo", alwaysOpen: true, weeklyHours: {}, holidays: [], warningLeadMinutes: 17, policies: [] };
    expect((await callJson("PUT", "/api/admin/sla-policies", { cookie: foreignAdmin, body: marked })).status).toBe(200);
    const res = await callJson("GET", "/api/admin/sla-policies", { cookie: cookies[role] });
    if (role !== "admin") return void expect(res.status).toBe(403);
    expect(res.status).toBe(200);
    expect(res.body.timeZone).not.toBe("Asia/Tokyo");
    expect(res.body.warningLeadMinutes).not.toBe(17);
  },

  "PUT /api/admin/sla-policies": async (role) => {
    const before = await db().select().from(slaPolicies).where(eq(slaPolicies.organizationId, foreign.id));
    const body = {
      timeZone: "UTC",
      alwaysOpen: true,
      weeklyHours: {},
      holidays: [],
      warningLeadMinutes: 5,
      policies: [{ priority: "urgent", firstResponseMinutes: 1, nextReplyMinutes: 1, resolutionMinutes: 2, pauseWhenPending: false }],
    };
    const res = await callJson("PUT", "/api/admin/sla-policies", { cookie: cookies[role], body });
    expect(res.status).toBe(role === "admin" ? 200 : 403);
    expect(await db().select().from(slaPolicies).where(eq(slaPolicies.organizationId, foreign.id))).toEqual(before);
  },

  "GET /api/admin/webhook": async (role) => {
    const foreignAdmin = await signIn(foreign.admin);
    await callJson("PUT", "/api/admin/webhook", { cookie: foreignAdmin, body: { url: `http://127.0.0.1:9/${SECRET}`, secret: `${SECRET}-signing-key` } });
    const res = await callJson("GET", "/api/admin/webhook", { cookie: cookies[role] });
    if (role !== "admin") return void expect(res.status).toBe(403);
    expect(res.status).toBe(200);
    expect(JSON.stringify(res.body)).not.toContain(SECRET);
  },

  "PUT /api/admin/webhook": async (role) => {
    const before = await db().select().from(webhookEndpoints).where(eq(webhookEndpoints.organizationId, foreign.id));
    const res = await callJson("PUT", "/api/admin/webhook", {
      cookie: cookies[role],
      body: { url: "http://127.0.0.1:9/home", secret: "home-secret-0123456789" },
    });
    expect(res.status).toBe(role === "admin" ? 200 : 403);
    if (role === "admin") expect(JSON.stringify(res.body)).not.toContain("home-secret");
    expect(await db().select().from(webhookEndpoints).where(eq(webhookEndpoints.organizationId, foreign.id))).toEqual(before);
  },

  // Issue 13: the SLA preview is a read of the draft in the body; it reads and writes nothing of anyone's.
  "POST /api/admin/sla-policies/preview": async (role) => {
    const before = await db().select().from(slaPolicies).where(eq(slaPolicies.organizationId, foreign.id));
    const body = {
      timeZone: "UTC",
      alwaysOpen: true,
      weeklyHours: {},
      holidays: [],
      warningLeadMinutes: 5,
      policies: [{ priority: "urgent", firstResponseMinutes: 1, nextReplyMinutes: null, resolutionMinutes: 2, pauseWhenPending: false }],
    };
    const res = await callJson("POST", "/api/admin/sla-policies/preview", { cookie: cookies[role], body });
    expect(res.status).toBe(role === "admin" ? 200 : 403);
    if (role === "admin") expect(res.body.items).toHaveLength(1);
    expect(await db().select().from(slaPolicies).where(eq(slaPolicies.organizationId, foreign.id))).toEqual(before);
  },

  "POST /api/admin/webhook/secret": async (role) => {
    await foreignWebhook();
    await homeWebhook();
    const before = await db().select().from(webhookEndpoints).where(eq(webhookEndpoints.organizationId, foreign.id));
    const res = await callJson("POST", "/api/admin/webhook/secret", { cookie: cookies[role] });
    expect(res.status).toBe(role === "admin" ? 200 : 403);
    if (role === "admin") {
      const [mine] = await db().select().from(webhookEndpoints).where(eq(webhookEndpoints.organizationId, home.id));
      expect(mine!.secret).toBe(res.body.secret);
    }
    expect(await db().select().from(webhookEndpoints).where(eq(webhookEndpoints.organizationId, foreign.id))).toEqual(before);
  },

  "POST /api/admin/webhook/test": async (role) => {
    await foreignWebhook();
    await homeWebhook();
    const res = await callJson("POST", "/api/admin/webhook/test", { cookie: cookies[role] });
    expect(res.status).toBe(role === "admin" ? 202 : 403);
    const foreignTests = await db()
      .select()
      .from(outboxMessages)
      .where(sqlAnd(eq(outboxMessages.organizationId, foreign.id), eq(outboxMessages.eventType, "webhook.test")));
    expect(foreignTests).toHaveLength(0);
  },

  "GET /api/notifications": async (role) => {
    // The foreign agent's public reply notified the foreign requester.
    const foreignRows = await db().select().from(notifications).where(eq(notifications.organizationId, foreign.id));
    expect(foreignRows.length).toBeGreaterThan(0);
    const res = await callJson("GET", "/api/notifications?limit=100", { cookie: cookies[role] });
    expect(res.status).toBe(200);
    expect(JSON.stringify(res.body)).not.toContain(SECRET);
    expect(res.body.items.map((n: { id: string }) => n.id)).not.toEqual(expect.arrayContaining([foreignRows[0]!.id]));
  },

  "POST /api/notifications/[id]/read": async (role) => {
    const [victim] = await db()
      .select()
      .from(notifications)
      .where(sqlAnd(eq(notifications.organizationId, foreign.id), sqlIsNull(notifications.readAt)))
      .limit(1);
    const res = await callJson("POST", `/api/notifications/${victim!.id}/read`, { cookie: cookies[role], body: {} });
    expect(res.status).toBe(404);
    const [after] = await db().select().from(notifications).where(eq(notifications.id, victim!.id));
    expect(after!.readAt).toBeNull();
  },

  "POST /api/notifications/read-all": async (role) => {
    const unreadForeign = () =>
      db()
        .select({ id: notifications.id })
        .from(notifications)
        .where(sqlAnd(eq(notifications.organizationId, foreign.id), sqlIsNull(notifications.readAt)));
    const before = await unreadForeign();
    expect(before.length).toBeGreaterThan(0);
    for (const body of [{}, { ticketId: foreignTicket.id }]) {
      const res = await callJson("POST", "/api/notifications/read-all", { cookie: cookies[role], body });
      expect(res.status).toBe(200);
      expect(res.body.marked).toBe(0);
    }
    expect(await unreadForeign()).toEqual(before);
  },

  // Issue 11: the live stream. A home stream while the foreign organization works receives nothing of
  // it; a foreign event id as Last-Event-ID replays nothing (only "reset").
  "GET /api/events": async (role) => {
    const foreignAgent = foreignAgentCookie;
    const foreignEventSource = await SseClient.connect(foreignAgent);
    const stream = await SseClient.connect(cookies[role]);
    await callJson("POST", `/api/tickets/${foreignTicket.id}/comments`, { cookie: foreignAgent, body: { bodyMd: `live note ${SECRET}`, internal: true } });
    const reply = await callJson("POST", `/api/tickets/${foreignTicket.id}/comments`, { cookie: foreignAgent, body: { bodyMd: `live ${SECRET}` } });
    const foreignId = (await foreignEventSource.waitFor((e) => e.event === "comment.created" && e.data.comment.id === reply.body.id)).id!;
    await new Promise((r) => setTimeout(r, 300));
    expect(stream.dataEvents()).toEqual([]);
    expect(stream.text).not.toContain(SECRET);
    expect(stream.text).not.toContain(foreignTicket.id);
    const resumed = await SseClient.connect(cookies[role], { lastEventId: foreignId });
    await new Promise((r) => setTimeout(r, 200));
    expect(resumed.events.map((e) => e.event)).toEqual(["reset", "ready"]);
    expect(resumed.text).not.toContain(SECRET);
    await Promise.all([stream.close(), resumed.close(), foreignEventSource.close()]);
  },

  "POST /api/tickets/[id]/presence": async (role) => {
    const watcher = await SseClient.connect(foreignAgentCookie);
    // The foreign agent has the ticket open, so a presence on it would reach them if it got through.
    await callJson("POST", `/api/tickets/${foreignTicket.id}/presence`, { cookie: foreignAgentCookie, body: { state: "viewing" } });
    for (const state of ["viewing", "replying", "left"]) {
      const res = await callJson("POST", `/api/tickets/${foreignTicket.id}/presence`, { cookie: cookies[role], body: { state } });
      expect(res.status).toBe(404);
      expect(JSON.stringify(res.body)).not.toContain(SECRET);
    }
    await new Promise((r) => setTimeout(r, 300));
    expect(watcher.dataEvents().filter((e) => e.event === "presence")).toEqual([]);
    await watcher.close();
  },

  // Macros (issue 11): requesters have none (403); staff get 404 for the foreign organization's macros
  // (shared or personal), 400 for foreign team/agent ids in a macro's changes, and nothing of its text.
  "GET /api/macros": async (role) => {
    const res = await callJson("GET", "/api/macros", { cookie: cookies[role] });
    if (role === "requester") return void expect(res.status).toBe(403);
    expect(res.status).toBe(200);
    expect(res.body.items.map((m: { id: string }) => m.id)).toContain(homeMacroId);
    expect(JSON.stringify(res.body)).not.toContain(SECRET);
  },

  "POST /api/macros": async (role) => {
    const before = await foreignMacroRows();
    for (const changes of [{ teamId: foreign.teamId }, { assigneeId: foreign.agent.id }]) {
      const res = await callJson("POST", "/api/macros", { cookie: cookies[role], body: { name: `link by ${role}`, bodyMd: "x", changes } });
      expect(res.status, JSON.stringify(changes)).toBe(role === "requester" ? 403 : 400);
    }
    const res = await callJson("POST", "/api/macros", { cookie: cookies[role], body: { name: `own by ${role}`, bodyMd: "x" } });
    expect(res.status).toBe(role === "requester" ? 403 : 201);
    const home_ = await db().select().from(macros).where(eq(macros.organizationId, home.id));
    expect(home_.every((m) => m.changes.teamId !== foreign.teamId && m.changes.assigneeId !== foreign.agent.id)).toBe(true);
    expect(await foreignMacroRows()).toEqual(before);
  },

  "PATCH /api/macros/[id]": async (role) => {
    const before = await foreignMacroRows();
    for (const id of foreignMacroIds) {
      const res = await callJson("PATCH", `/api/macros/${id}`, { cookie: cookies[role], body: { bodyMd: `owned by ${role}` } });
      expect(res.status).toBe(role === "requester" ? 403 : 404);
      expect(JSON.stringify(res.body)).not.toContain(SECRET);
    }
    expect(await foreignMacroRows()).toEqual(before);
  },

  "DELETE /api/macros/[id]": async (role) => {
    for (const id of foreignMacroIds) {
      const res = await callJson("DELETE", `/api/macros/${id}`, { cookie: cookies[role] });
      expect(res.status).toBe(role === "requester" ? 403 : 404);
    }
    expect(await foreignMacroRows()).toHaveLength(2);
  },

  "POST /api/tickets/[id]/macros/[macroId]/render": async (role) => {
    const own = await createTicketAs(cookies.requester, { title: "home ticket" });
    const attempts = [[foreignTicket.id, homeMacroId], ...foreignMacroIds.map((id) => [own.id, id]), ...foreignMacroIds.map((id) => [foreignTicket.id, id])];
    for (const [ticketId, macroId] of attempts) {
      const res = await callJson("POST", `/api/tickets/${ticketId}/macros/${macroId}/render`, { cookie: cookies[role], body: {} });
      expect(res.status).toBe(role === "requester" ? 403 : 404);
      expect(JSON.stringify(res.body)).not.toContain(SECRET);
      expect(JSON.stringify(res.body)).not.toContain(foreign.requester.email);
    }
  },

  "GET /api/me": async (role) => {
    const res = await callJson("GET", "/api/me", { cookie: cookies[role] });
    expect(res.body.organizationId).toBe(home.id);
  },

  "GET /api/directory": async (role) => {
    const res = await callJson("GET", "/api/directory", { cookie: cookies[role] });
    if (role === "requester") return void expect(res.status).toBe(403);
    expect(res.status).toBe(200);
    const ids = [...res.body.agents, ...res.body.teams].map((x: { id: string }) => x.id);
    expect(ids).not.toContain(foreign.agent.id);
    expect(ids).not.toContain(foreign.teamId);
    expect(ids).toContain(home.agent.id);
  },

  "GET /api/tickets": async (role) => {
    for (const q of ["", `?q=${SECRET}`, `?requester=${foreign.requester.id}`, `?assignee=${foreign.agent.id}`, `?team=${foreign.teamId}`]) {
      const res = await callJson("GET", `/api/tickets${q}`, { cookie: cookies[role] });
      expect(JSON.stringify(res.body)).not.toContain(SECRET);
      // Assignee and team filters are staff-only (issue 11 F6): a requester's is refused outright.
      if (role === "requester" && /assignee|team/.test(q)) {
        expect(res.status).toBe(403);
        continue;
      }
      expect(res.status).toBe(200);
      expect(res.body.items.map((t: { id: string }) => t.id)).not.toContain(foreignTicket.id);
    }
  },

  "POST /api/tickets": async (role) => {
    const attempts = [{ requesterId: foreign.requester.id }, { assigneeId: foreign.agent.id }, { teamId: foreign.teamId }, { followUpOf: foreignTicket.id }];
    for (const link of attempts) {
      const res = await callJson("POST", "/api/tickets", { cookie: cookies[role], body: { title: "link attempt", ...link } });
      expect([400, 403], JSON.stringify(link)).toContain(res.status);
    }
    const linked = await db().select().from(tickets).where(eq(tickets.organizationId, home.id));
    expect(
      linked.every((t) => t.requesterId !== foreign.requester.id && t.assigneeId !== foreign.agent.id && t.teamId !== foreign.teamId && t.followUpOf === null),
    ).toBe(true);
  },

  "GET /api/tickets/[id]": async (role) => {
    const res = await callJson("GET", `/api/tickets/${foreignTicket.id}`, { cookie: cookies[role] });
    expect(res.status).toBe(404);
    expect(JSON.stringify(res.body)).not.toContain(SECRET);
  },

  "PATCH /api/tickets/[id]": async (role) => {
    const before = await foreignState();
    for (const body of [{ status: "closed" }, { priority: "urgent" }, { title: "owned" }, { assigneeId: home.agent.id }]) {
      const res = await callJson("PATCH", `/api/tickets/${foreignTicket.id}`, { cookie: cookies[role], body });
      // 404 for everyone: a requester must not learn the id exists from a 403 either.
      expect(res.status, `${role} ${JSON.stringify(body)}`).toBe(404);
      expect(JSON.stringify(res.body)).not.toContain(SECRET);
    }
    expect(await foreignState()).toEqual(before);
  },

  "GET /api/tickets/[id]/comments": async (role) => {
    const res = await callJson("GET", `/api/tickets/${foreignTicket.id}/comments`, { cookie: cookies[role] });
    expect(res.status).toBe(404);
    expect(JSON.stringify(res.body)).not.toContain(SECRET);
  },

  "POST /api/tickets/[id]/comments": async (role) => {
    const before = await foreignState();
    const res = await callJson("POST", `/api/tickets/${foreignTicket.id}/comments`, { cookie: cookies[role], body: { bodyMd: "hello" } });
    expect(res.status).toBe(404);
    expect(await foreignState()).toEqual(before);
  },

  "GET /api/tickets/[id]/activity": async (role) => {
    const res = await callJson("GET", `/api/tickets/${foreignTicket.id}/activity`, { cookie: cookies[role] });
    expect(res.status).toBe(404);
    expect(JSON.stringify(res.body)).not.toContain(foreign.agent.id);
  },

  "POST /api/tickets/bulk": async (role) => {
    const before = await foreignState();
    const own = await createTicketAs(cookies[role], { title: `bulk by ${role}` });
    const res = await callJson("POST", "/api/tickets/bulk", {
      cookie: cookies[role],
      body: { ids: [foreignTicket.id, own.id], changes: { status: "pending", addTags: ["bulk-owned"] } },
    });
    if (role === "requester") return void expect(res.status).toBe(403);
    expect(res.status).toBe(200);
    // The foreign id is "not_found" with nothing else said about it; the caller's own ticket is changed.
    expect(res.body.items).toEqual([
      { id: foreignTicket.id, status: "not_found" },
      { id: own.id, status: "updated", version: expect.any(Number) },
    ]);
    expect(JSON.stringify(res.body)).not.toContain(SECRET);
    // Foreign assignee or team in the changes: a 400 for the whole request.
    for (const changes of [{ assigneeId: foreign.agent.id }, { teamId: foreign.teamId }]) {
      expect((await callJson("POST", "/api/tickets/bulk", { cookie: cookies[role], body: { ids: [own.id], changes } })).status).toBe(400);
    }
    expect(await foreignState()).toEqual(before);
    const foreignTags = await db().select().from(ticketTags).where(eq(ticketTags.ticketId, foreignTicket.id));
    expect(foreignTags).toHaveLength(1);
  },

  "GET /api/tags": async (role) => {
    const res = await callJson("GET", `/api/tags?q=${SECRET.slice(0, 10).toLowerCase()}`, { cookie: cookies[role] });
    if (role === "requester") return void expect(res.status).toBe(403);
    expect(res.status).toBe(200);
    expect(res.body.items.map((t: { id: string }) => t.id)).not.toContain(foreignTagId);
    expect(JSON.stringify(res.body)).not.toContain(SECRET.toLowerCase());
    const all = await callJson("GET", "/api/tags?limit=50", { cookie: cookies[role] });
    expect(JSON.stringify(all.body)).not.toContain(SECRET.toLowerCase());
  },

  "DELETE /api/tags/[id]": async (role) => {
    const res = await callJson("DELETE", `/api/tags/${foreignTagId}`, { cookie: cookies[role] });
    expect(res.status).toBe(role === "admin" ? 404 : 403);
    expect(await db().select().from(tags).where(eq(tags.id, foreignTagId))).toHaveLength(1);
    expect(await db().select().from(ticketTags).where(eq(ticketTags.tagId, foreignTagId))).toHaveLength(1);
  },

  "GET /api/views": async (role) => {
    const res = await callJson("GET", "/api/views?counts=1", { cookie: cookies[role] });
    if (role === "requester") return void expect(res.status).toBe(403);
    expect(res.status).toBe(200);
    const ids = res.body.items.map((v: { id: string }) => v.id);
    expect(ids).not.toContain(foreignSharedViewId);
    expect(ids).not.toContain(foreignPersonalViewId);
    expect(JSON.stringify(res.body)).not.toContain(SECRET);
  },

  "POST /api/views": async (role) => {
    const before = await foreignViews();
    const res = await callJson("POST", "/api/views", { cookie: cookies[role], body: { name: `view by ${role}`, filters: { assignee: foreign.agent.id } } });
    // A foreign assignee in the filters is a 400 naming it (requesters have no views at all).
    expect(res.status).toBe(role === "requester" ? 403 : 400);
    const team = await callJson("POST", "/api/views", { cookie: cookies[role], body: { name: "team view", filters: { team: foreign.teamId } } });
    expect(team.status).toBe(role === "requester" ? 403 : 400);
    const ok = await callJson("POST", "/api/views", { cookie: cookies[role], body: { name: `own view ${role}`, filters: { tag: SECRET.toLowerCase() } } });
    expect(ok.status).toBe(role === "requester" ? 403 : 201);
    if (role !== "requester") {
      const [row] = await db().select().from(savedViews).where(eq(savedViews.id, ok.body.id));
      expect(row!.organizationId).toBe(home.id);
      // The foreign organization's tag of that name counts nothing here.
      expect((await callJson("GET", `/api/views/${ok.body.id}`, { cookie: cookies[role] })).body.count).toEqual({ value: 0, more: false });
    }
    expect(await foreignViews()).toEqual(before);
  },

  "GET /api/views/[id]": async (role) => {
    for (const id of [foreignSharedViewId, foreignPersonalViewId]) {
      const res = await callJson("GET", `/api/views/${id}`, { cookie: cookies[role] });
      expect(res.status).toBe(role === "requester" ? 403 : 404);
      expect(JSON.stringify(res.body)).not.toContain(SECRET);
    }
  },

  "PATCH /api/views/[id]": async (role) => {
    const before = await foreignViews();
    for (const id of [foreignSharedViewId, foreignPersonalViewId]) {
      const res = await callJson("PATCH", `/api/views/${id}`, { cookie: cookies[role], body: { name: "owned" } });
      expect(res.status).toBe(role === "requester" ? 403 : 404);
    }
    expect(await foreignViews()).toEqual(before);
  },

  "DELETE /api/views/[id]": async (role) => {
    for (const id of [foreignSharedViewId, foreignPersonalViewId]) {
      const res = await callJson("DELETE", `/api/views/${id}`, { cookie: cookies[role] });
      expect(res.status).toBe(role === "requester" ? 403 : 404);
    }
    expect(await foreignViews()).toHaveLength(2);
  },

  "GET /api/tickets/[id]/attachments": async (role) => {
    await foreignAttachment();
    const res = await callJson("GET", `/api/tickets/${foreignTicket.id}/attachments`, { cookie: cookies[role] });
    expect(res.status).toBe(404);
    expect(JSON.stringify(res.body)).not.toContain(SECRET);
  },

  "POST /api/tickets/[id]/attachments": async (role) => {
    const form = new FormData();
    form.append("file", new Blob(["hello"]), "hello.txt");
    const res = await callJson("POST", `/api/tickets/${foreignTicket.id}/attachments`, { cookie: cookies[role], rawBody: form });
    expect(res.status).toBe(404);
    const rows = await db().select().from(attachments).where(eq(attachments.ticketId, foreignTicket.id));
    expect(rows.every((a) => a.uploaderId !== home[role].id)).toBe(true);
  },

  "GET /api/attachments/[id]/url": async (role) => {
    const id = await foreignAttachment();
    const res = await callJson("GET", `/api/attachments/${id}/url`, { cookie: cookies[role] });
    expect(res.status).toBe(404);
    expect(JSON.stringify(res.body)).not.toContain(SECRET);
  },

  "GET /api/attachments/download": async (role) => {
    // A link issued to the foreign agent is useless in the hands of another tenant's user, and stays unused.
    const id = await foreignAttachment();
    const issued = await callJson("GET", `/api/attachments/${id}/url`, { cookie: foreignAgentCookie });
    expect(issued.status).toBe(200);
    const res = await call("GET", issued.body.url, { cookie: cookies[role] });
    expect(res.status).toBe(403);
    expect(await res.text()).not.toContain(SECRET);
    const tokens = await db().select().from(attachmentDownloadTokens).where(eq(attachmentDownloadTokens.attachmentId, id));
    expect(tokens.every((t) => t.usedAt === null)).toBe(true);
  },
};

const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;

async function exportedEndpoints(): Promise<string[]> {
  const out: string[] = [];
  for (const route of API_ROUTES) {
    const mod = (await import(route.file)) as Record<string, unknown>;
    for (const m of METHODS) if (typeof mod[m] === "function") out.push(`${m} ${route.pattern}`);
  }
  return out.sort();
}

describe("tenant isolation matrix (S10)", () => {
  it("covers every API endpoint that exists", async () => {
    expect(await exportedEndpoints()).toEqual(Object.keys(MATRIX).sort());
  });

  for (const [endpoint, attack] of Object.entries(MATRIX)) {
    if (typeof attack !== "function") continue;
    for (const role of ROLES) {
      it(`${endpoint} as ${role} of another organization sees and changes nothing`, () => attack(role));
    }
  }

  it("every non-public endpoint refuses a request without a session (401)", async () => {
    for (const [endpoint, attack] of Object.entries(MATRIX)) {
      if (typeof attack !== "function" || endpoint === "GET /api/metrics") continue;
      const [method, pattern] = endpoint.split(" ") as [string, string];
      const path = pattern.replace("[id]", foreignTicket.id);
      if (pattern.startsWith("/api/exports/[id]/download")) continue; // its query is checked before the session
      if (pattern.includes("[token]")) continue; // public: the link is the credential (its own test above)
      const res = await callJson(method, path, method === "GET" ? {} : { body: { title: "x", bodyMd: "x", status: "closed" } });
      expect(res.status, endpoint).toBe(401);
    }
  });

  it("the auth library's session list shows only the caller's own sessions", async () => {
    const res = await callJson("GET", "/api/auth/list-sessions", { cookie: cookies.agent });
    expect(res.status).toBe(200);
    expect(res.body.length).toBeGreaterThan(0);
    expect(res.body.every((s: { userId: string }) => s.userId === home.agent.id)).toBe(true);
  });
});
