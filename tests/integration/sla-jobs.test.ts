// The SLA breach job and notification delivery on real services (S9): two pg-boss workers on this run's
// PostgreSQL notify each breach exactly once (also after a simulated restart), e-mail reaches an
// in-process SMTP sink with the right recipients and no internal note for requesters, and a local webhook
// receiver sees valid signatures and gets retries with backoff until it accepts.
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { ParsedMail } from "mailparser";
import type PgBoss from "pg-boss";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { auditEvents, notifications, outboxMessages, slaEvents, teamMembers, ticketSla } from "@/db/schema";
import { deliverOutbox } from "@/jobs/deliver-outbox";
import { runSlaScan } from "@/jobs/sla-breach-scan";
import { registerWorkers } from "@/jobs/worker";
import { fixedClock, setClock } from "@/lib/clock";
import { startBoss, stopBoss } from "@/jobs/boss";
import { sendJob } from "@/jobs/define-job";
import { JOBS } from "@/jobs/index";
import { verifyWebhook } from "@/lib/webhooks/sign";
import { callJson } from "../support/api";
import { type SmtpSink, startSmtpSink } from "../support/smtp-sink";
import { createOrg, signIn, type TestOrg } from "../support/factory";
import { createTicketAs } from "../support/tickets";

let org: TestOrg;
const cookies: Record<string, string> = {};
let mails: ParsedMail[] = [];
let smtp: SmtpSink;
let receiver: Server;
let receiverUrl = "";
const calls: { headers: IncomingHttpHeaders; body: string }[] = [];
// Each delivery (by its id) is refused this many times before the receiver accepts it.
let failuresPerDelivery = 0;
const seenDeliveries = new Map<string, number>();
const bosses: PgBoss[] = [];

async function waitFor<T>(what: string, probe: () => Promise<T | undefined | false>, timeoutMs = 25_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

beforeAll(async () => {
  smtp = await startSmtpSink();
  mails = smtp.mails;

  receiver = createServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      calls.push({ headers: req.headers, body });
      const id = String(req.headers["x-helpdesk-delivery"]);
      const n = (seenDeliveries.get(id) ?? 0) + 1;
      seenDeliveries.set(id, n);
      res.statusCode = n <= failuresPerDelivery ? 500 : 204;
      res.end();
    });
  });
  await new Promise<void>((r) => receiver.listen(0, "127.0.0.1", r));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks/helpdesk`;

  org = await createOrg("sla-jobs");
  // The team has one member: the first agent. agent2 is the assignee.
  await db().insert(teamMembers).values({ teamId: org.teamId, userId: org.agent.id, organizationId: org.id });
  for (const k of ["admin", "agent", "agent2", "requester"] as const) cookies[k] = await signIn(org[k]);
});

afterAll(async () => {
  for (const b of bosses) await stopBoss(b).catch(() => undefined);
  await smtp.close();
  await new Promise((r) => receiver.close(() => r(undefined)));
});

const mailsTo = (email: string, ticketNumber: number) =>
  mails.filter((m) => m.subject?.startsWith(`[#${ticketNumber}]`) && JSON.stringify(m.to).includes(email));

describe("breach scan (S9)", () => {
  it("two concurrent pg-boss workers notify each breach and warning exactly once, also after a restart", async () => {
    // Opened 3.5 h ago as urgent: first response (30 min) is 3 h overdue, resolution (4 h) due in 30 min,
    // inside the default 60-minute warning lead.
    const restore = setClock(fixedClock(new Date(Date.now() - 3.5 * 3_600_000)));
    let t: { id: string; number: number };
    try {
      t = await createTicketAs(cookies.agent!, {
        title: "Payments failing",
        priority: "urgent",
        assigneeId: org.agent2.id,
        teamId: org.teamId,
        requesterId: org.requester.id,
      });
    } finally {
      restore();
    }

    for (let i = 0; i < 2; i++) {
      const boss = await startBoss(process.env.DATABASE_URL!, { schedule: false });
      bosses.push(boss);
      await registerWorkers(boss);
    }
    const jobs: [PgBoss, string][] = [];
    for (let i = 0; i < 6; i++) {
      const boss = bosses[i % 2]!;
      jobs.push([boss, (await sendJob(boss, JOBS.slaScan, {}))!]);
    }
    await waitFor("six scan jobs to complete", async () => {
      const states = await Promise.all(jobs.map(([b, id]) => b.getJobById(JOBS.slaScan.name, id)));
      return states.every((j) => j?.state === "completed");
    });

    const expectOnce = async () => {
      const events = await db().select().from(slaEvents).where(eq(slaEvents.ticketId, t.id));
      expect(events.map((e) => `${e.type}:${e.kind}`).sort()).toEqual(["breach:first_response", "warning:resolution"]);
      const inApp = await db().select().from(notifications).where(eq(notifications.ticketId, t.id));
      expect(inApp.map((n) => `${n.userId === org.agent2.id ? "assignee" : n.userId === org.agent.id ? "team" : n.userId}:${n.type}`).sort()).toEqual([
        "assignee:sla.breached",
        "assignee:sla.warning",
        "team:sla.breached",
        "team:sla.warning",
      ]);
      const breachAudits = await db()
        .select()
        .from(auditEvents)
        .where(and(eq(auditEvents.targetId, t.id), eq(auditEvents.action, "sla.breached")));
      expect(breachAudits).toHaveLength(1);
      const emails = await db()
        .select()
        .from(outboxMessages)
        .where(and(eq(outboxMessages.organizationId, org.id), eq(outboxMessages.channel, "email"), eq(outboxMessages.eventType, "sla.breached")));
      expect(emails.map((e) => (e.payload as { to: string }).to).sort()).toEqual([org.agent.email, org.agent2.email].sort());
    };
    await expectOnce();
    const [clock] = await db().select().from(ticketSla).where(eq(ticketSla.ticketId, t.id));
    expect(clock!.firstResponseBreachedAt).not.toBeNull();
    // The scan asked for delivery: both breach e-mails arrive through the workers' outbox job.
    await waitFor("breach e-mails", async () => mailsTo(org.agent.email, t.number).length + mailsTo(org.agent2.email, t.number).length >= 4);
    expect(mailsTo(org.agent2.email, t.number).filter((m) => m.subject?.includes("SLA breached"))).toHaveLength(1);

    // A restart that lost the clock's bookkeeping (marks and next check): the database still says no.
    await db()
      .update(ticketSla)
      .set({ firstResponseBreachedAt: null, nextCheckAt: new Date(Date.now() - 3_600_000) })
      .where(eq(ticketSla.ticketId, t.id));
    await Promise.all([runSlaScan(), runSlaScan()]);
    await expectOnce();
    const [again] = await db().select().from(ticketSla).where(eq(ticketSla.ticketId, t.id));
    expect(again!.firstResponseBreachedAt).not.toBeNull();
  });
});

describe("e-mail (S9, D4)", () => {
  it("reaches the assignee, the team and the requester as it applies; internal notes never reach the requester", async () => {
    const t = await createTicketAs(cookies.requester!, { title: "Invoice wrong" });
    await callJson("PATCH", `/api/tickets/${t.id}`, { cookie: cookies.agent, body: { assigneeId: org.agent2.id, teamId: org.teamId } });
    await callJson("POST", `/api/tickets/${t.id}/comments`, {
      cookie: cookies.agent,
      body: { bodyMd: "INTERNAL-NOTE customer is on the fraud list", internal: true },
    });
    await callJson("POST", `/api/tickets/${t.id}/comments`, { cookie: cookies.agent, body: { bodyMd: "PUBLIC-REPLY we corrected the invoice" } });
    await callJson("POST", `/api/tickets/${t.id}/comments`, { cookie: cookies.requester, body: { bodyMd: "REQUESTER-REPLY thanks" } });
    await deliverOutbox({ organizationId: org.id });
    // Each recipient's mails, not a total: under load one recipient's can arrive well after the others'.
    await waitFor(
      "comment e-mails",
      async () =>
        mailsTo(org.requester.email, t.number).length >= 1 && mailsTo(org.agent2.email, t.number).length >= 3 && mailsTo(org.agent.email, t.number).length >= 1,
    );

    const toRequester = mailsTo(org.requester.email, t.number);
    expect(toRequester.map((m) => m.text)).toEqual([expect.stringContaining("PUBLIC-REPLY")]);
    expect(JSON.stringify(toRequester)).not.toContain("INTERNAL-NOTE");
    // The assignee hears of everything; the team member wrote both staff comments and hears of the reply.
    const toAssignee = mailsTo(org.agent2.email, t.number).map((m) => m.text ?? "");
    expect(toAssignee).toHaveLength(3);
    expect(toAssignee.join()).toContain("INTERNAL-NOTE");
    expect(mailsTo(org.agent.email, t.number).map((m) => m.text)).toEqual([expect.stringContaining("REQUESTER-REPLY")]);
    for (const m of toRequester) expect(m.from?.text).toContain("helpdesk@localhost");
    expect(mailsTo(org.admin.email, t.number)).toHaveLength(0);
  });
});

describe("webhooks (S9)", () => {
  it("are signed over timestamp.body, retried with backoff when the receiver fails, and logged", async () => {
    const secret = "whsec-0123456789abcdef-test";
    const put = await callJson("PUT", "/api/admin/webhook", { cookie: cookies.admin, body: { url: receiverUrl, secret } });
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    expect(JSON.stringify(put.body)).not.toContain(secret);

    const t = await createTicketAs(cookies.requester!, { title: "Webhook me" });
    await callJson("POST", `/api/tickets/${t.id}/comments`, { cookie: cookies.agent, body: { bodyMd: "HIDDEN-NOTE", internal: true } });
    await callJson("POST", `/api/tickets/${t.id}/comments`, { cookie: cookies.requester, body: { bodyMd: "hello" } });
    const ours = (c: { body: string }) => JSON.parse(c.body).ticket.id === t.id && JSON.parse(c.body).event === "comment.created";

    failuresPerDelivery = 2;
    const clock = fixedClock(new Date());
    const restore = setClock(clock);
    try {
      await deliverOutbox({ organizationId: org.id });
      expect(calls.filter(ours)).toHaveLength(1);
      const [row] = await db()
        .select()
        .from(outboxMessages)
        .where(and(eq(outboxMessages.organizationId, org.id), eq(outboxMessages.channel, "webhook"), eq(outboxMessages.eventType, "comment.created")));
      expect(row).toMatchObject({ status: "pending", attempts: 1, lastError: "HTTP 500" });
      expect(row!.nextAttemptAt.getTime() - clock.now().getTime()).toBe(30_000);

      await deliverOutbox({ organizationId: org.id }); // not due yet: the backoff is honoured
      expect(calls.filter(ours)).toHaveLength(1);
      clock.advance(31_000);
      await deliverOutbox({ organizationId: org.id });
      expect(calls.filter(ours)).toHaveLength(2);
      clock.advance(61_000); // the second wait doubles
      await deliverOutbox({ organizationId: org.id });
    } finally {
      restore();
    }
    const mine = calls.filter(ours);
    expect(mine).toHaveLength(3);
    for (const c of mine) {
      const headers = { signature: String(c.headers["x-helpdesk-signature"]), timestamp: String(c.headers["x-helpdesk-timestamp"]) };
      const ts = Number(headers.timestamp);
      expect(verifyWebhook(secret, headers, c.body, ts)).toBe(true);
      expect(verifyWebhook("another-secret-0123456789", headers, c.body, ts)).toBe(false);
      expect(verifyWebhook(secret, headers, `${c.body} `, ts)).toBe(false);
    }
    expect(new Set(mine.map((c) => c.headers["x-helpdesk-delivery"])).size).toBe(1);
    // The internal note produced a call too, but without its text.
    const internal = calls.find((c) => JSON.parse(c.body).ticket.id === t.id && JSON.parse(c.body).event === "comment.internal_created");
    expect(internal?.body).not.toContain("HIDDEN-NOTE");

    const log = await callJson("GET", "/api/admin/webhook", { cookie: cookies.admin });
    const attempts = log.body.deliveries.filter((d: { messageId: string }) => d.messageId === mine[0]!.headers["x-helpdesk-delivery"]);
    expect(attempts.map((d: { attempt: number; statusCode: number }) => `${d.attempt}:${d.statusCode}`)).toEqual(["3:204", "2:500", "1:500"]);
    const [sent] = await db()
      .select()
      .from(outboxMessages)
      .where(eq(outboxMessages.id, String(mine[0]!.headers["x-helpdesk-delivery"])));
    expect(sent).toMatchObject({ status: "sent", attempts: 3 });
  });
});
