// Issue 13, customer satisfaction: each resolution asks the requester "How did we do?" once, through a
// single-use link e-mailed to them (signed out) or on their ticket page (signed in). The attacks on the
// link run here against the real pipeline and PostgreSQL: reuse, another person's session, another
// organization, tampered and truncated tokens, a link of an earlier resolution after a reopen, two answers
// at once, cross-site POSTs (S4), and the comment as data on the staff page (S5). The token lives only in
// the mailbox: the database keeps its SHA-256 (request row) and a sealed copy (outbox) only.
import { createHash } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { renderToStaticMarkup } from "react-dom/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { actorForUser } from "@/auth/system-actor";
import { translator } from "@/components/messages/define";
import { SATISFACTION_MESSAGES } from "@/components/messages/satisfaction";
import { SatisfactionAnswerList } from "@/components/satisfaction/satisfaction-answers";
import { db } from "@/db/client";
import { auditEvents, notifications, organizations, outboxMessages, satisfactionRatings, satisfactionRequests } from "@/db/schema";
import { countSatisfactionByDay } from "@/domain/satisfaction/count-satisfaction";
import { describeSatisfactionLink } from "@/domain/satisfaction/get-satisfaction";
import { deliverOutbox } from "@/jobs/deliver-outbox";
import { callJson, ORIGIN } from "../support/api";
import { createOrg, setUserActive, signIn, type TestOrg, type TestUser } from "../support/factory";
import { type SmtpSink, startSmtpSink } from "../support/smtp-sink";
import { createTicketAs } from "../support/tickets";
import { XSS_PAYLOADS, expectInertHtml } from "../support/xss-payloads";

let smtp: SmtpSink;
let org: TestOrg;
let other: TestOrg;
const cookie = {} as Record<"agent" | "admin" | "requester" | "requester2" | "otherRequester" | "otherAgent", string>;

beforeAll(async () => {
  smtp = await startSmtpSink();
  [org, other] = await Promise.all([createOrg("csat"), createOrg("csat-other")]);
  [cookie.agent, cookie.admin, cookie.requester, cookie.requester2, cookie.otherRequester, cookie.otherAgent] = await Promise.all([
    signIn(org.agent),
    signIn(org.admin),
    signIn(org.requester),
    signIn(org.requester2),
    signIn(other.requester),
    signIn(other.agent),
  ]);
});

afterAll(async () => {
  await smtp.close();
});

const actorOf = (u: TestUser) => actorForUser({ id: u.id, role: u.role, name: u.email }, u.orgId);
const TOKEN_IN_MAIL = /\/app\/satisfaction\/([A-Za-z0-9_-]{43})\b/;

/** A ticket of `org.requester`, assigned to the agent and the team, then resolved by the agent. */
async function resolvedTicket(title = "Printer on fire") {
  const t = await createTicketAs(cookie.requester, { title, descriptionMd: "It smokes" });
  const triage = await callJson("PATCH", `/api/tickets/${t.id}`, {
    cookie: cookie.agent,
    body: { assigneeId: org.agent.id, teamId: org.teamId, priority: "high" },
  });
  expect(triage.status).toBe(200);
  await setStatus(t.id, "resolved");
  return t;
}

async function setStatus(ticketId: string, status: string, as = cookie.agent) {
  const res = await callJson("PATCH", `/api/tickets/${ticketId}`, { cookie: as, body: { status } });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
}

/** Delivers the outbox and returns the token of the newest satisfaction mail about the ticket. */
async function mailedToken(ticket: { number: number }): Promise<string> {
  await deliverOutbox({ organizationId: org.id });
  const mail = smtp.received.filter((m) => m.rcptTo.includes(org.requester.email) && m.parsed.subject?.startsWith(`[#${ticket.number}] How did we do?`)).at(-1);
  const token = TOKEN_IN_MAIL.exec(mail?.parsed.text ?? "")?.[1];
  if (!token) throw new Error("no satisfaction mail");
  return token;
}

const answer = (token: string, body: Record<string, unknown>, opts: { cookie?: string; headers?: Record<string, string> } = {}) =>
  callJson("POST", `/api/satisfaction/${token}`, { body, ...opts });

const ratingsOf = (ticketId: string) => db().select().from(satisfactionRatings).where(eq(satisfactionRatings.ticketId, ticketId));
const requestsOf = (ticketId: string) => db().select().from(satisfactionRequests).where(eq(satisfactionRequests.ticketId, ticketId));

describe("asking on resolution", () => {
  it("a resolution asks the requester in-app and by e-mail; the database holds only the token's hash and a sealed copy", async () => {
    const t = await resolvedTicket();
    const [request] = await requestsOf(t.id);
    expect(request).toMatchObject({ resolution: 1, requesterId: org.requester.id, assigneeId: org.agent.id, teamId: org.teamId, priority: "high" });
    const mine = await db()
      .select()
      .from(notifications)
      .where(and(eq(notifications.ticketId, t.id), eq(notifications.type, "satisfaction.requested")));
    expect(mine.map((n) => n.userId)).toEqual([org.requester.id]);

    const token = await mailedToken(t);
    expect(request!.tokenHash).toBe(createHash("sha256").update(token).digest("hex"));
    // Nowhere in clear: not in the request, the outbox (sealed), nor the in-app notification.
    const outbox = await db().select().from(outboxMessages).where(eq(outboxMessages.organizationId, org.id));
    const stored = JSON.stringify([request, outbox, mine]);
    expect(stored).not.toContain(token);
    // The mail leads to the answer page: opening it answers nothing (scanners prefetch links).
    expect((await ratingsOf(t.id)).length).toBe(0);
  });

  it("the requester reads the question in their notifications, staff do not; the mail renders a hostile title inert", async () => {
    const title = `${XSS_PAYLOADS[1]} and ${XSS_PAYLOADS[0]}`;
    const t = await resolvedTicket(title);
    const mine = await callJson("GET", "/api/notifications?limit=100", { cookie: cookie.requester });
    expect(mine.body.items.some((n: { type: string; ticketId: string }) => n.type === "satisfaction.requested" && n.ticketId === t.id)).toBe(true);
    const staff = await callJson("GET", "/api/notifications?limit=100", { cookie: cookie.agent });
    expect(staff.body.items.some((n: { type: string }) => n.type === "satisfaction.requested")).toBe(false);
    await mailedToken(t);
    const mail = smtp.received.filter((m) => m.parsed.subject?.startsWith(`[#${t.number}] How did we do?`)).at(-1)!;
    expect(mail.rcptTo).toEqual([org.requester.email]);
    expect(mail.parsed.headers.get("auto-submitted")).toBe("auto-generated");
    expectInertHtml(String(mail.parsed.html), { wholeDocument: true });
    // The mail tells nothing of the conversation either.
    expect(mail.raw).not.toContain("It smokes");
  });

  it("staff resolving their own ticket, and moves that are not a resolution, ask nobody", async () => {
    const own = await createTicketAs(cookie.agent, { title: "Mine", descriptionMd: "x" });
    await setStatus(own.id, "resolved");
    expect(await requestsOf(own.id)).toHaveLength(0);
    const t = await createTicketAs(cookie.requester, { title: "Pending only", descriptionMd: "x" });
    await setStatus(t.id, "pending");
    await setStatus(t.id, "closed");
    expect(await requestsOf(t.id)).toHaveLength(0);
  });
});

describe("answering through the e-mailed link", () => {
  it("a signed-out requester answers once: stored with what reports need, audited, and nobody is signed in", async () => {
    const t = await resolvedTicket();
    const token = await mailedToken(t);
    const res = await answer(token, { rating: "good", comment: "Quick and kind" });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.headers.getSetCookie()).toEqual([]);
    expect(res.body).toMatchObject({ ticketId: t.id, resolution: 1, rating: "good", comment: "Quick and kind" });
    // The answer says nothing of the conversation.
    expect(JSON.stringify(res.body)).not.toContain("It smokes");
    const [rating] = await ratingsOf(t.id);
    expect(rating).toMatchObject({
      organizationId: org.id,
      resolution: 1,
      rating: "good",
      requesterId: org.requester.id,
      assigneeId: org.agent.id,
      teamId: org.teamId,
      priority: "high",
    });
    const [event] = await db()
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.targetId, t.id), eq(auditEvents.action, "satisfaction.answered")));
    expect(event).toMatchObject({ actorId: org.requester.id, organizationId: org.id });
    expect(event!.data).toEqual({ resolution: 1, rating: "good", comment: true, via: "link" });
  });

  it("reuse of a spent link is refused with 409, and the first answer stands", async () => {
    const t = await resolvedTicket();
    const token = await mailedToken(t);
    expect((await answer(token, { rating: "bad" })).status).toBe(201);
    const again = await answer(token, { rating: "good", comment: "changed my mind" });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe("conflict");
    // The signed-in door is closed for that resolution too.
    const page = await callJson("POST", `/api/tickets/${t.id}/satisfaction`, { cookie: cookie.requester, body: { rating: "good", resolution: 1 } });
    expect(page.status).toBe(409);
    expect((await ratingsOf(t.id)).map((r) => r.rating)).toEqual(["bad"]);
  });

  it("another person's session with the link is refused (same organization 403, another organization 404)", async () => {
    const t = await resolvedTicket();
    const token = await mailedToken(t);
    for (const who of [cookie.requester2, cookie.agent, cookie.admin]) {
      const res = await answer(token, { rating: "bad" }, { cookie: who });
      expect(res.status).toBe(403);
    }
    for (const who of [cookie.otherRequester, cookie.otherAgent]) {
      const res = await answer(token, { rating: "bad" }, { cookie: who });
      expect(res.status).toBe(404);
      expect(JSON.stringify(res.body)).not.toContain(t.title);
    }
    expect(await describeSatisfactionLink(token, actorOf(other.agent))).toBeNull();
    expect(await describeSatisfactionLink(token, actorOf(org.requester2))).toEqual({ state: "someone_else" });
    expect(await ratingsOf(t.id)).toHaveLength(0);
    // The link still works for its requester, signed in.
    expect((await answer(token, { rating: "good" }, { cookie: cookie.requester })).status).toBe(201);
  });

  it("tampered, truncated, padded and hash-for-token links name nothing (404)", async () => {
    const t = await resolvedTicket();
    const token = await mailedToken(t);
    const flipped = `${token.slice(0, 20)}${token[20] === "A" ? "B" : "A"}${token.slice(21)}`;
    const hash = createHash("sha256").update(token).digest("hex");
    for (const bad of [flipped, token.slice(0, 42), `${token}A`, token.toLowerCase() === token ? token.toUpperCase() : token.toLowerCase(), hash, "x"]) {
      const res = await answer(encodeURIComponent(bad), { rating: "bad" });
      expect(res.status, bad).toBe(404);
    }
    expect(await ratingsOf(t.id)).toHaveLength(0);
  });

  it("a link of an earlier resolution stops working after a reopen; the new resolution asks again", async () => {
    const t = await resolvedTicket();
    const first = await mailedToken(t);
    await setStatus(t.id, "open", cookie.requester); // the requester reopens
    const stale = await answer(first, { rating: "bad" });
    expect(stale.status).toBe(409);
    expect(await describeSatisfactionLink(first, null)).toEqual({ state: "closed" });
    await setStatus(t.id, "resolved");
    const second = await mailedToken(t);
    expect(second).not.toBe(first);
    expect((await answer(first, { rating: "bad" })).status).toBe(409);
    // The ticket page cannot answer the old resolution either.
    const old = await callJson("POST", `/api/tickets/${t.id}/satisfaction`, { cookie: cookie.requester, body: { rating: "bad", resolution: 1 } });
    expect(old.status).toBe(409);
    const res = await answer(second, { rating: "good" });
    expect(res.status).toBe(201);
    expect(res.body.resolution).toBe(2);
    expect((await requestsOf(t.id)).map((r) => [r.resolution, r.withdrawnAt !== null, r.answeredAt !== null]).sort()).toEqual([
      [1, true, false],
      [2, false, true],
    ]);
  });

  it("an expired link is refused on both doors, and its e-mail is withheld when still queued", async () => {
    const t = await resolvedTicket();
    const token = await mailedToken(t);
    const expire = (ticketId: string) =>
      db()
        .update(satisfactionRequests)
        .set({ expiresAt: new Date(Date.now() - 1000) })
        .where(eq(satisfactionRequests.ticketId, ticketId));
    await expire(t.id);
    expect((await answer(token, { rating: "good" })).status).toBe(409);
    const page = await callJson("POST", `/api/tickets/${t.id}/satisfaction`, { cookie: cookie.requester, body: { rating: "good", resolution: 1 } });
    expect(page.status).toBe(409);
    expect(await describeSatisfactionLink(token, null)).toEqual({ state: "closed" });
    expect(await ratingsOf(t.id)).toHaveLength(0);

    const queued = await resolvedTicket();
    await expire(queued.id);
    const before = smtp.received.length;
    await deliverOutbox({ organizationId: org.id });
    expect(smtp.received.slice(before).some((m) => m.parsed.subject?.startsWith(`[#${queued.number}]`))).toBe(false);
  });

  it("a deactivated requester's link names nothing", async () => {
    const t = await resolvedTicket();
    const token = await mailedToken(t);
    await setUserActive(org.requester.id, false);
    try {
      expect((await answer(token, { rating: "bad" })).status).toBe(404);
    } finally {
      await setUserActive(org.requester.id, true);
    }
    cookie.requester = await signIn(org.requester);
  });

  it("two answers at once through both doors: exactly one wins", async () => {
    const t = await resolvedTicket();
    const token = await mailedToken(t);
    const results = await Promise.all([
      ...Array.from({ length: 4 }, (_, i) => answer(token, { rating: i % 2 ? "good" : "bad", comment: `link ${i}` })),
      ...Array.from({ length: 2 }, () =>
        callJson("POST", `/api/tickets/${t.id}/satisfaction`, { cookie: cookie.requester, body: { rating: "good", resolution: 1, comment: "page" } }),
      ),
    ]);
    const statuses = results.map((r) => r.status).sort();
    expect(statuses).toEqual([201, 409, 409, 409, 409, 409]);
    expect(await ratingsOf(t.id)).toHaveLength(1);
  });

  it("a cross-site POST with the requester's cookie is refused before anything is recorded (S4)", async () => {
    const t = await resolvedTicket();
    const token = await mailedToken(t);
    const evil = await answer(token, { rating: "bad" }, { cookie: cookie.requester, headers: { origin: "https://evil.example" } });
    expect(evil.status).toBe(403);
    const site = await answer(token, { rating: "bad" }, { cookie: cookie.requester, headers: { "sec-fetch-site": "cross-site" } });
    expect(site.status).toBe(403);
    const page = await callJson("POST", `/api/tickets/${t.id}/satisfaction`, {
      cookie: cookie.requester,
      body: { rating: "bad", resolution: 1 },
      headers: { origin: "https://evil.example" },
    });
    expect(page.status).toBe(403);
    expect(await ratingsOf(t.id)).toHaveLength(0);
    expect((await answer(token, { rating: "good" }, { cookie: cookie.requester, headers: { origin: ORIGIN } })).status).toBe(201);
  });

  it("bad bodies are 400 with the field named", async () => {
    const t = await resolvedTicket();
    const token = await mailedToken(t);
    for (const body of [
      { rating: "meh" },
      {},
      { rating: "good", comment: "x".repeat(2001) },
      { rating: "good", extra: 1 },
      { rating: "good", comment: "a\u0000b" },
    ]) {
      const res = await answer(token, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.code).toBe("invalid");
    }
    expect(await ratingsOf(t.id)).toHaveLength(0);
  });
});

describe("the ticket page's door and the reads", () => {
  it("the signed-in requester answers on the ticket page once; staff cannot answer for them", async () => {
    const t = await resolvedTicket();
    const mine = await callJson("GET", `/api/tickets/${t.id}/satisfaction`, { cookie: cookie.requester });
    expect(mine.status).toBe(200);
    expect(mine.body.pending).toMatchObject({ resolution: 1, forYou: true });
    expect((await callJson("GET", `/api/tickets/${t.id}`, { cookie: cookie.admin })).body.satisfaction).toEqual({
      latest: null,
      pending: { resolution: 1, expiresAt: expect.any(String) },
    });
    const staff = await callJson("POST", `/api/tickets/${t.id}/satisfaction`, { cookie: cookie.agent, body: { rating: "good", resolution: 1 } });
    expect(staff.status).toBe(403);
    const stranger = await callJson("POST", `/api/tickets/${t.id}/satisfaction`, { cookie: cookie.requester2, body: { rating: "bad", resolution: 1 } });
    expect(stranger.status).toBe(404);
    const res = await callJson("POST", `/api/tickets/${t.id}/satisfaction`, {
      cookie: cookie.requester,
      body: { rating: "bad", resolution: 1, comment: "Slow" },
    });
    expect(res.status).toBe(201);
    const again = await callJson("POST", `/api/tickets/${t.id}/satisfaction`, { cookie: cookie.requester, body: { rating: "good", resolution: 1 } });
    expect(again.status).toBe(409);
    // The e-mail still queued for that resolution is withheld: its question was answered.
    const before = smtp.received.length;
    await deliverOutbox({ organizationId: org.id });
    expect(smtp.received.slice(before).some((m) => m.parsed.subject?.startsWith(`[#${t.number}]`))).toBe(false);
    const after = await callJson("GET", `/api/tickets/${t.id}/satisfaction`, { cookie: cookie.requester });
    expect(after.body.pending).toBeNull();
    expect(after.body.items).toHaveLength(1);
  });

  it("staff read every answer through the API; other requesters and other organizations get 404", async () => {
    const t = await resolvedTicket();
    expect((await answer(await mailedToken(t), { rating: "good", comment: "Thanks Alex" })).status).toBe(201);
    for (const who of [cookie.agent, cookie.admin]) {
      const res = await callJson("GET", `/api/tickets/${t.id}/satisfaction`, { cookie: who });
      expect(res.status).toBe(200);
      expect(res.body.items).toEqual([expect.objectContaining({ rating: "good", comment: "Thanks Alex", resolution: 1, requesterId: org.requester.id })]);
      expect(res.body.nextCursor).toBeNull();
    }
    // GET on the ticket itself carries the latest answer for staff, and nothing of it for the requester.
    const detail = await callJson("GET", `/api/tickets/${t.id}`, { cookie: cookie.agent });
    expect(detail.body.satisfaction).toEqual({ latest: expect.objectContaining({ rating: "good", comment: "Thanks Alex" }), pending: null });
    const own = await callJson("GET", `/api/tickets/${t.id}`, { cookie: cookie.requester });
    expect(own.status).toBe(200);
    expect(own.body.satisfaction).toBeUndefined();
    for (const who of [cookie.requester2, cookie.otherRequester, cookie.otherAgent]) {
      const res = await callJson("GET", `/api/tickets/${t.id}/satisfaction`, { cookie: who });
      expect(res.status).toBe(404);
      expect(JSON.stringify(res.body)).not.toContain("Thanks Alex");
    }
  });

  it("the comment is data: every XSS payload is stored as typed and renders inert on the staff ticket page (S5)", async () => {
    const t = await resolvedTicket();
    await setStatus(t.id, "open");
    const payloads = XSS_PAYLOADS.slice(0, 12);
    // One resolution per payload: each resolution takes one answer.
    for (const [i, payload] of payloads.entries()) {
      if (i > 0) await setStatus(t.id, "open");
      await setStatus(t.id, "resolved");
      const res = await callJson("POST", `/api/tickets/${t.id}/satisfaction`, {
        cookie: cookie.requester,
        body: { rating: "bad", resolution: i + 2, comment: payload },
      });
      expect(res.status, payload).toBe(201);
    }
    const read = await callJson("GET", `/api/tickets/${t.id}/satisfaction?limit=100`, { cookie: cookie.agent });
    expect(read.body.items.map((r: { comment: string }) => r.comment).sort()).toEqual([...payloads].sort());
    const html = renderToStaticMarkup(
      SatisfactionAnswerList({ items: read.body.items, pending: null, t: translator(SATISFACTION_MESSAGES, "en"), time: (iso) => iso }),
    );
    expectInertHtml(html);
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
  });

  it("lists page by resolution under the cap (S7)", async () => {
    const t = await resolvedTicket();
    expect((await answer(await mailedToken(t), { rating: "good" })).status).toBe(201);
    await setStatus(t.id, "open");
    await setStatus(t.id, "resolved");
    expect((await answer(await mailedToken(t), { rating: "bad" })).status).toBe(201);
    const first = await callJson("GET", `/api/tickets/${t.id}/satisfaction?limit=1`, { cookie: cookie.agent });
    expect(first.body.items.map((r: { resolution: number }) => r.resolution)).toEqual([2]);
    const second = await callJson("GET", `/api/tickets/${t.id}/satisfaction?limit=1&cursor=${first.body.nextCursor}`, { cookie: cookie.agent });
    expect(second.body.items.map((r: { resolution: number }) => r.resolution)).toEqual([1]);
    expect(second.body.nextCursor).toBeNull();
    const bad = await callJson("GET", `/api/tickets/${t.id}/satisfaction?cursor=garbage`, { cookie: cookie.agent });
    expect(bad.status).toBe(400);
  });
});

describe("counts for reports", () => {
  it("good and bad per day of the organization's zone, filtered by team and priority, never another organization's", async () => {
    const [fresh, foreign] = await Promise.all([createOrg("csat-report"), createOrg("csat-report-foreign")]);
    const [requester, agent] = await Promise.all([signIn(fresh.requester), signIn(fresh.agent)]);
    const plan = [
      { priority: "high", team: true, rating: "good" },
      { priority: "high", team: false, rating: "bad" },
      { priority: "low", team: true, rating: "good" },
      { priority: "low", team: true, rating: "bad" },
    ] as const;
    for (const p of plan) {
      const t = await createTicketAs(requester, { title: "r", descriptionMd: "x" });
      await callJson("PATCH", `/api/tickets/${t.id}`, { cookie: agent, body: { priority: p.priority, ...(p.team ? { teamId: fresh.teamId } : {}) } });
      await callJson("PATCH", `/api/tickets/${t.id}`, { cookie: agent, body: { status: "resolved" } });
      const res = await callJson("POST", `/api/tickets/${t.id}/satisfaction`, { cookie: requester, body: { rating: p.rating, resolution: 1 } });
      expect(res.status).toBe(201);
    }
    // Two answers moved to an earlier day, to see days apart.
    const moved = await db().select({ id: satisfactionRatings.id }).from(satisfactionRatings).where(eq(satisfactionRatings.organizationId, fresh.id)).limit(2);
    for (const m of moved)
      await db()
        .update(satisfactionRatings)
        .set({ answeredAt: new Date("2026-03-10T12:00:00Z") })
        .where(eq(satisfactionRatings.id, m.id));
    const from = new Date("2026-01-01T00:00:00Z");
    const to = new Date(Date.now() + 86_400_000);
    const all = await countSatisfactionByDay(actorOf(fresh.admin), { from, to });
    expect(all.reduce((n, d) => n + d.good + d.bad, 0)).toBe(4);
    expect(all[0]!.day).toBe("2026-03-10");
    expect(all[0]!.good + all[0]!.bad).toBe(2);
    const team = await countSatisfactionByDay(actorOf(fresh.agent), { from, to, teamId: fresh.teamId });
    expect(team.reduce((n, d) => n + d.good + d.bad, 0)).toBe(3);
    const low = await countSatisfactionByDay(actorOf(fresh.admin), { from, to, priority: "low" });
    expect(low.reduce((acc, d) => ({ good: acc.good + d.good, bad: acc.bad + d.bad }), { good: 0, bad: 0 })).toEqual({ good: 1, bad: 1 });
    expect(await countSatisfactionByDay(actorOf(foreign.admin), { from, to })).toEqual([]);
    await expect(countSatisfactionByDay(actorOf(fresh.requester), { from, to })).rejects.toMatchObject({ kind: "forbidden" });
    // The day follows the organization's time zone: 23:30 UTC is the next day in Auckland.
    await db()
      .update(satisfactionRatings)
      .set({ answeredAt: new Date("2026-03-10T23:30:00Z") })
      .where(eq(satisfactionRatings.id, moved[0]!.id));
    await db().update(organizations).set({ defaultTimeZone: "Pacific/Auckland" }).where(eq(organizations.id, fresh.id));
    const zoned = await countSatisfactionByDay(actorOf(fresh.admin), { from, to });
    expect(zoned.map((d) => d.day)).toContain("2026-03-11");
  });
});
