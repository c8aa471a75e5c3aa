// Control characters at every boundary, and logs that never carry what the user typed (S13, S21; issue 9
// item 11). A NUL byte in a ticket, comment, team, organization or search field used to reach
// PostgreSQL and answer 500, and the error log line carried the query's parameters (e-mails, ticket
// text). Every API route with a body or query is swept here: each string field with a NUL, an escape
// sequence, a C1 control or a lone surrogate must be a 400 naming that field, never a 500.
import { readFileSync } from "node:fs";
import { randomUUID } from "node:crypto";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { logger } from "@/lib/logger";
import { API_ROUTES, call, callJson } from "../support/api";
import { createOrg, signIn, type TestOrg } from "../support/factory";
import { createTicketAs } from "../support/tickets";

let org: TestOrg;
let admin = "";
let requester = "";
let ticketId = "";
let macroId = "";
let viewId = "";
let mailboxId = "";

type Case = { method: string; route: string; path: () => string; kind: "body" | "query"; sample: () => Record<string, unknown>; cookie?: () => string };

let slaConfig: Record<string, unknown> = {};
const CASES: Case[] = [
  { method: "POST", route: "/api/tickets", path: () => "/api/tickets", kind: "body", sample: () => ({ title: "Printer", descriptionMd: "It is\non fire\n" }) },
  {
    method: "GET",
    route: "/api/tickets",
    path: () => "/api/tickets",
    kind: "query",
    sample: () => ({ q: "printer", status: "open", priority: "low", assignee: "me", sort: "created", sla: "breached", mine: "1", tag: "vip" }),
  },
  {
    method: "PATCH",
    route: "/api/tickets/[id]",
    path: () => `/api/tickets/${ticketId}`,
    kind: "body",
    sample: () => ({ title: "Printer 2", descriptionMd: "still\r\non fire", tags: ["billing", "needs reply"] }),
  },
  {
    method: "POST",
    route: "/api/tickets/bulk",
    path: () => "/api/tickets/bulk",
    kind: "body",
    sample: () => ({ ids: [ticketId], changes: { status: "pending", addTags: ["vip"], removeTags: ["old"] } }),
  },
  { method: "GET", route: "/api/tags", path: () => "/api/tags", kind: "query", sample: () => ({ q: "bil", limit: "5" }) },
  { method: "GET", route: "/api/views", path: () => "/api/views", kind: "query", sample: () => ({ counts: "1" }) },
  {
    method: "POST",
    route: "/api/views",
    path: () => "/api/views",
    kind: "body",
    sample: () => ({
      name: "Urgent",
      filters: { status: "open", priority: "urgent", assignee: "me", team: "none", tag: "vip", q: "printer", sla: "breached", sort: "due" },
    }),
  },
  {
    method: "PATCH",
    route: "/api/views/[id]",
    path: () => `/api/views/${viewId}`,
    kind: "body",
    sample: () => ({ name: "Renamed", filters: { q: "printer", tag: "vip" } }),
  },
  { method: "GET", route: "/api/tickets/[id]/comments", path: () => `/api/tickets/${ticketId}/comments`, kind: "query", sample: () => ({ limit: "5" }) },
  { method: "GET", route: "/api/tickets/[id]/activity", path: () => `/api/tickets/${ticketId}/activity`, kind: "query", sample: () => ({ limit: "5" }) },
  {
    method: "POST",
    route: "/api/tickets/[id]/comments",
    path: () => `/api/tickets/${ticketId}/comments`,
    kind: "body",
    sample: () => ({ bodyMd: "a reply\n\twith a tab" }),
  },
  { method: "GET", route: "/api/admin/users", path: () => "/api/admin/users", kind: "query", sample: () => ({ q: "ada", role: "agent", active: "true" }) },
  {
    method: "POST",
    route: "/api/admin/users/invites",
    path: () => "/api/admin/users/invites",
    kind: "body",
    sample: () => ({ name: "New Person", email: `new-${randomUUID().slice(0, 6)}@${org.slug}.test`, role: "agent" }),
  },
  {
    method: "GET",
    route: "/api/admin/audit",
    path: () => "/api/admin/audit",
    kind: "query",
    sample: () => ({ action: "ticket.created", targetType: "ticket", targetId: "x" }),
  },
  { method: "POST", route: "/api/admin/teams", path: () => "/api/admin/teams", kind: "body", sample: () => ({ name: `Ops ${randomUUID().slice(0, 6)}` }) },
  {
    method: "PATCH",
    route: "/api/admin/teams/[id]",
    path: () => `/api/admin/teams/${org.teamId}`,
    kind: "body",
    sample: () => ({ name: `Support ${randomUUID().slice(0, 6)}` }),
  },
  {
    method: "PUT",
    route: "/api/admin/teams/[id]/members",
    path: () => `/api/admin/teams/${org.teamId}/members`,
    kind: "body",
    sample: () => ({ userIds: [org.agent.id] }),
  },
  { method: "PATCH", route: "/api/admin/organization", path: () => "/api/admin/organization", kind: "body", sample: () => ({ name: "Acme" }) },
  { method: "PATCH", route: "/api/admin/users/[id]", path: () => `/api/admin/users/${org.agent2.id}`, kind: "body", sample: () => ({ role: "agent" }) },
  {
    method: "PUT",
    route: "/api/admin/webhook",
    path: () => "/api/admin/webhook",
    kind: "body",
    sample: () => ({ url: "https://example.com/hook", secret: "0123456789abcdef0123", active: false }),
  },
  { method: "PUT", route: "/api/admin/sla-policies", path: () => "/api/admin/sla-policies", kind: "body", sample: () => structuredClone(slaConfig) },
  {
    method: "POST",
    route: "/api/admin/sla-policies/preview",
    path: () => "/api/admin/sla-policies/preview",
    kind: "body",
    sample: () => structuredClone(slaConfig),
  },
  { method: "POST", route: "/api/exports", path: () => "/api/exports", kind: "body", sample: () => ({ format: "csv", from: "2026-01-01", to: "2026-02-01" }) },
  {
    method: "GET",
    route: "/api/exports/[id]/download",
    path: () => `/api/exports/${randomUUID()}/download`,
    kind: "query",
    sample: () => ({ expires: "1", sig: "a".repeat(64) }),
  },
  {
    method: "POST",
    route: "/api/macros",
    path: () => "/api/macros",
    kind: "body",
    sample: () => ({ name: `Macro ${randomUUID().slice(0, 6)}`, bodyMd: "Hi {{requester.name}},\n\tthanks", changes: { status: "pending", assigneeId: "me" } }),
  },
  {
    method: "PATCH",
    route: "/api/macros/[id]",
    path: () => `/api/macros/${macroId}`,
    kind: "body",
    sample: () => ({ name: `Macro ${randomUUID().slice(0, 6)}`, bodyMd: "Hello\r\nagain", changes: { priority: "high", teamId: org.teamId } }),
  },
  { method: "GET", route: "/api/notifications", path: () => "/api/notifications", kind: "query", sample: () => ({ unread: "1" }) },
  {
    method: "POST",
    route: "/api/notifications/read-all",
    path: () => "/api/notifications/read-all",
    kind: "body",
    sample: () => ({ ticketId }),
  },
  { method: "GET", route: "/api/events", path: () => "/api/events", kind: "query", sample: () => ({ lastEventId: "e1.AAAA" }) },
  { method: "POST", route: "/api/tickets/[id]/presence", path: () => `/api/tickets/${ticketId}/presence`, kind: "body", sample: () => ({ state: "viewing" }) },
  { method: "GET", route: "/api/attachments/download", path: () => "/api/attachments/download", kind: "query", sample: () => ({ token: "abc" }) },
  {
    method: "POST",
    route: "/api/invites/[token]/accept",
    path: () => `/api/invites/${"a".repeat(43)}/accept`,
    kind: "body",
    sample: () => ({ password: "a long enough password 1", name: "Invited" }),
    cookie: () => "",
  },
  {
    method: "POST",
    route: "/api/admin/mailboxes",
    path: () => "/api/admin/mailboxes",
    kind: "body",
    sample: () => ({
      address: `box-${randomUUID().slice(0, 6)}@ctrl.test`,
      imapHost: "imap.example.com",
      imapUser: "user",
      imapPassword: "a password",
      imapFolder: "INBOX",
    }),
  },
  {
    method: "PATCH",
    route: "/api/admin/mailboxes/[id]",
    path: () => `/api/admin/mailboxes/${mailboxId}`,
    kind: "body",
    sample: () => ({ imapUser: "user", imapPassword: "a password", imapFolder: "INBOX" }),
  },
  {
    method: "PUT",
    route: "/api/admin/mail-settings",
    path: () => "/api/admin/mail-settings",
    kind: "body",
    sample: () => ({ acceptance: "known_domains", knownDomains: ["customer.test"] }),
  },
  { method: "GET", route: "/api/admin/held-mails", path: () => "/api/admin/held-mails", kind: "query", sample: () => ({ status: "held", limit: "5" }) },
  {
    method: "POST",
    route: "/api/admin/mail-domains/verify",
    path: () => "/api/admin/mail-domains/verify",
    kind: "body",
    sample: () => ({ domain: "ctrl.test" }),
  },
  // Issue 13: reports, preferences and the satisfaction answers.
  {
    method: "GET",
    route: "/api/reports",
    path: () => "/api/reports",
    kind: "query",
    sample: () => ({ from: "2026-01-01", to: "2026-01-31", priority: "high", granularity: "week" }),
  },
  {
    method: "GET",
    route: "/api/reports/csv",
    path: () => "/api/reports/csv",
    kind: "query",
    sample: () => ({ section: "volume", from: "2026-01-01", to: "2026-01-31" }),
  },
  {
    method: "PATCH",
    route: "/api/account/preferences",
    path: () => "/api/account/preferences",
    kind: "body",
    sample: () => ({ timeZone: "Europe/Berlin", locale: "de-DE", theme: "dark" }),
  },
  {
    method: "POST",
    route: "/api/satisfaction/[token]",
    path: () => `/api/satisfaction/${"A".repeat(43)}`,
    kind: "body",
    sample: () => ({ rating: "good", comment: "Quick and kind" }),
    cookie: () => requester,
  },
  {
    method: "GET",
    route: "/api/tickets/[id]/satisfaction",
    path: () => `/api/tickets/${ticketId}/satisfaction`,
    kind: "query",
    sample: () => ({ limit: "10" }),
  },
  {
    method: "POST",
    route: "/api/tickets/[id]/satisfaction",
    path: () => `/api/tickets/${ticketId}/satisfaction`,
    kind: "body",
    sample: () => ({ rating: "bad", comment: "Slow", resolution: 1 }),
    cookie: () => requester,
  },
];

/** Every string leaf of a sample, by path, with a setter that returns a copy holding `value` there. */
function stringLeaves(sample: unknown, path: (string | number)[] = []): { path: string; set: (v: string) => unknown }[] {
  if (typeof sample === "string") return [{ path: path.join("."), set: (v) => v }];
  if (Array.isArray(sample))
    return sample.flatMap((x, i) =>
      stringLeaves(x, [...path, i]).map((l) => ({ path: l.path, set: (v: string) => sample.map((y, j) => (j === i ? l.set(v) : y)) })),
    );
  if (sample && typeof sample === "object") {
    return Object.entries(sample).flatMap(([k, x]) =>
      stringLeaves(x, [...path, k]).map((l) => ({ path: l.path, set: (v: string) => ({ ...sample, [k]: l.set(v) }) })),
    );
  }
  return [];
}

function send(c: Case, input: Record<string, unknown>) {
  const cookie = c.cookie ? c.cookie() : admin;
  if (c.kind === "body") return callJson(c.method, c.path(), { cookie, body: input });
  const qs = new URLSearchParams(input as Record<string, string>).toString();
  return callJson(c.method, `${c.path()}?${qs}`, { cookie });
}

// A NUL, an ANSI escape, a C1 "next line" and DEL everywhere; a lone surrogate where JSON can carry one.
const INJECTIONS = ["\u0000", "x\u001b[31mred", "a\u0085b", "\u007f"];

beforeAll(async () => {
  org = await createOrg("ctrl-chars");
  [admin, requester] = await Promise.all([signIn(org.admin), signIn(org.requester)]);
  ticketId = (await createTicketAs(requester, { title: "Base ticket" })).id;
  macroId = (await callJson("POST", "/api/macros", { cookie: admin, body: { name: "Base macro", bodyMd: "x", shared: true } })).body.id;
  slaConfig = (await callJson("GET", "/api/admin/sla-policies", { cookie: admin })).body;
  viewId = (await callJson("POST", "/api/views", { cookie: admin, body: { name: "Swept", filters: {} } })).body.id;
  mailboxId = (await callJson("POST", "/api/admin/mailboxes", { cookie: admin, body: { address: `swept@${org.slug}.test` } })).body.id;
});

afterEach(() => vi.restoreAllMocks());

describe("control characters are refused at every API boundary (issue 9 item 11)", () => {
  it("the sweep covers every API route that takes a body or a query", () => {
    const declared: string[] = [];
    for (const r of API_ROUTES) {
      const src = readFileSync(r.file, "utf8");
      for (const m of src.matchAll(/export const (GET|POST|PUT|PATCH|DELETE) = route\(\s*\{([^}]*)\}/g)) {
        if (/\bbody:/.test(m[2]!)) declared.push(`${m[1]} ${r.pattern} body`);
        if (/\bquery:/.test(m[2]!)) declared.push(`${m[1]} ${r.pattern} query`);
      }
    }
    expect(declared.length).toBeGreaterThan(15);
    const covered = new Set(CASES.map((c) => `${c.method} ${c.route} ${c.kind}`));
    expect(declared.filter((d) => !covered.has(d))).toEqual([]);
  });

  for (const c of CASES) {
    it(`${c.method} ${c.route} (${c.kind}): every string field with a control character is a 400 naming it`, async () => {
      const leaves = stringLeaves(c.sample());
      expect(leaves.length).toBeGreaterThan(0);
      const injections = c.kind === "body" ? [...INJECTIONS, "\ud800 lone"] : INJECTIONS;
      for (const leaf of leaves) {
        for (const bad of injections) {
          const res = await send(c, leaf.set(`${bad}`) as Record<string, unknown>);
          const label = `${leaf.path} = ${JSON.stringify(bad)}: ${res.status} ${JSON.stringify(res.body)}`;
          expect(res.status, label).toBe(400);
          expect(res.body.error.code, label).toBe("invalid");
          expect(JSON.stringify(res.body.error.details ?? []), label).toContain(`"${leaf.path}`);
          // The error never echoes the raw control character back.
          expect(JSON.stringify(res.body), label).not.toMatch(/\\u0000|\\u001b/);
        }
      }
    });
  }

  it("single-line fields refuse line breaks; Markdown bodies keep them", async () => {
    for (const title of ["two\nlines", "carriage\rreturn", "tab\tin title", "line\u2028separator"]) {
      const res = await callJson("POST", "/api/tickets", { cookie: requester, body: { title, descriptionMd: "ok" } });
      expect(res.status, title).toBe(400);
    }
    expect((await callJson("POST", "/api/admin/teams", { cookie: admin, body: { name: 'Ops\n=HYPERLINK("x")' } })).status).toBe(400);
    expect((await callJson("GET", "/api/tickets?q=a%0Ab", { cookie: requester })).status).toBe(400);
    const ok = await callJson("POST", "/api/tickets", { cookie: requester, body: { title: "Fine title", descriptionMd: "line 1\r\nline 2\n\tindented" } });
    expect(ok.status).toBe(201);
    expect(ok.body.descriptionMd).toBe("line 1\r\nline 2\n\tindented");
  });
});

describe("logs never carry query parameters, bodies or values from error messages (issue 9 item 11)", () => {
  function captureLogs() {
    const lines: string[] = [];
    for (const level of ["info", "warn", "error"] as const) {
      vi.spyOn(logger, level).mockImplementation(((obj: unknown, msg?: string) => {
        lines.push(JSON.stringify(obj) + (msg ?? ""));
      }) as never);
    }
    return lines;
  }

  it("search terms, e-mails and ticket text in queries and bodies never reach a log line, on success or failure", async () => {
    const lines = captureLogs();
    const secret = `ada.secret-${randomUUID().slice(0, 8)}@example.com`;
    await call("GET", `/api/tickets?q=${encodeURIComponent(secret)}`, { cookie: requester });
    await call("GET", `/api/tickets?q=${encodeURIComponent(secret)}%00`, { cookie: requester });
    await call("GET", `/api/admin/users?q=${encodeURIComponent(secret)}%00&role=agent`, { cookie: admin });
    await call("POST", "/api/tickets", { cookie: requester, body: { title: `${secret}\u0000`, descriptionMd: secret } });
    await call("POST", `/api/tickets/${ticketId}/comments`, { cookie: requester, body: { bodyMd: `${secret}\u0000` } });
    await call("POST", `/api/auth/sign-in/email?email=${encodeURIComponent(secret)}`, { body: { email: secret, password: "wrong password 123" } });
    expect(lines.length).toBeGreaterThan(5);
    for (const l of lines) expect(l).not.toContain(secret.split("@")[0]);
    expect(lines.some((l) => l.includes('"path":"/api/tickets"'))).toBe(true);
  });

  it("an unexpected database error is logged with its kind and code, never its parameters or quoted values", async () => {
    const { db } = await import("@/db/client");
    const { tickets } = await import("@/db/schema");
    const { eq } = await import("drizzle-orm");
    const { safeErrorSummary } = await import("@/lib/log-safe");
    const secret = `bob.leak-${randomUUID().slice(0, 8)}@example.com`;
    // A real Drizzle query error: the uuid column refuses an e-mail, and Drizzle appends the parameters.
    const error = await db()
      .select()
      .from(tickets)
      .where(eq(tickets.id, secret))
      .then(
        () => null,
        (e: unknown) => e,
      );
    expect(String((error as Error).message)).toContain(secret); // what used to be logged
    const summary = JSON.stringify(safeErrorSummary(error));
    expect(summary).not.toContain(secret.split("@")[0]);
    expect(summary).toContain("22P02"); // invalid_text_representation: the kind is kept
  });
});
