// Attack pass 2 (D5; S13, S14, issue 13): a single-use link's token is its credential. Neither the request
// log nor the audit trail may keep it: before, every POST /api/satisfaction/{token} logged its path with the
// live token, and one refused because someone else was signed in (a colleague the mail was forwarded to)
// recorded it in the organization's audit trail as access.denied — where its admins could answer in the
// requester's name. The same held for /api/invites/{token}.
import { createHash, randomBytes } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { db } from "@/db/client";
import * as schema from "@/db/schema";
import { logger } from "@/lib/logger";
import { callJson } from "../support/api";
import { createOrg, signIn, type TestOrg } from "../support/factory";
import { createTicketAs } from "../support/tickets";

let org: TestOrg;
let other: TestOrg;
const cookies = {} as Record<"requester" | "agent" | "otherRequester", string>;

beforeAll(async () => {
  [org, other] = await Promise.all([createOrg("link-traces"), createOrg("link-traces-other")]);
  [cookies.requester, cookies.agent, cookies.otherRequester] = await Promise.all([signIn(org.requester), signIn(org.agent), signIn(other.requester)]);
});

describe("link tokens in logs and the audit trail", () => {
  it("a satisfaction link refused for another session, and one used, leave no token behind", async () => {
    const ticket = await createTicketAs(cookies.requester, { title: "Link traces", descriptionMd: "x" });
    expect((await callJson("PATCH", `/api/tickets/${ticket.id}`, { cookie: cookies.agent, body: { status: "resolved" } })).status).toBe(200);
    // The link as the e-mail carries it (its token is sealed in the outbox; here one we know).
    const token = randomBytes(32).toString("base64url");
    await db()
      .update(schema.satisfactionRequests)
      .set({ tokenHash: createHash("sha256").update(token).digest("hex") })
      .where(eq(schema.satisfactionRequests.ticketId, ticket.id));

    const logged: string[] = [];
    vi.spyOn(logger, "info").mockImplementation(((obj: unknown) => {
      logged.push(JSON.stringify(obj));
    }) as never);
    try {
      // A colleague of the same organization and a person of another one, signed in, open it: refused.
      expect((await callJson("POST", `/api/satisfaction/${token}`, { cookie: cookies.agent, body: { rating: "bad" } })).status).toBe(403);
      expect((await callJson("POST", `/api/satisfaction/${token}`, { cookie: cookies.otherRequester, body: { rating: "bad" } })).status).toBe(404);
      // A malformed answer leaves the link usable; then the requester answers.
      expect((await callJson("POST", `/api/satisfaction/${token}`, { body: { rating: "meh" } })).status).toBe(400);
      expect((await callJson("POST", `/api/satisfaction/${token}`, { body: { rating: "good" } })).status).toBe(201);
    } finally {
      vi.restoreAllMocks();
    }
    expect(logged.some((l) => l.includes("/api/satisfaction/[token]"))).toBe(true);
    expect(logged.filter((l) => l.includes(token))).toEqual([]);

    const denied = await db()
      .select({ targetId: schema.auditEvents.targetId, org: schema.auditEvents.organizationId })
      .from(schema.auditEvents)
      .where(and(eq(schema.auditEvents.action, "access.denied")));
    const here = denied.filter((d) => d.org === org.id || d.org === other.id);
    expect(here.map((d) => d.targetId)).toContain("/api/satisfaction/[token]");
    expect(denied.filter((d) => d.targetId?.includes(token))).toEqual([]);
  });

  it("an invite link's token is not logged either", async () => {
    const token = randomBytes(32).toString("base64url");
    const logged: string[] = [];
    vi.spyOn(logger, "info").mockImplementation(((obj: unknown) => {
      logged.push(JSON.stringify(obj));
    }) as never);
    try {
      await callJson("GET", `/api/invites/${token}`);
      await callJson("POST", `/api/invites/${token}/accept`, { body: { password: "Some-long-password-2026" } });
    } finally {
      vi.restoreAllMocks();
    }
    expect(logged.filter((l) => l.includes("/api/invites/")).length).toBeGreaterThan(0);
    expect(logged.filter((l) => l.includes(token))).toEqual([]);
  });
});
