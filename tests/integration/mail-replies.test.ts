// Issue 12, outbound: an agent's public reply reaches the requester as a threaded e-mail — Message-ID stored
// with the comment, In-Reply-To/References chaining the ticket's earlier mails in both directions, Reply-To
// the signed reply address, HTML from the app's sanitizing Markdown renderer and plain text, a DKIM
// signature — through the outbox with retries and a delivery log. Internal notes never reach the requester
// through any door, and the recipient's rights are checked again when the mail is sent. Real routes,
// PostgreSQL and an SMTP sink; the DKIM signature is checked by an independent verifier (tests/support).
import type { KeyObject } from "node:crypto";
import { and, asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { comments, mailDeliveries, outboxMessages, ticketMailMessages, tickets, users } from "@/db/schema";
import { actorForUser } from "@/auth/system-actor";
import { scoped } from "@/db/scoped";
import { ingestNow } from "@/domain/mail/ingest-mail";
import { parseReplyAddress } from "@/domain/mail/reply-address";
import { storeInboundMail } from "@/domain/mail/store-mail";
import { unsafeOrganizationOfTicket } from "@/db/unsafe-ticket-organization";
import { deliverOutbox } from "@/jobs/deliver-outbox";
import { fixedClock, setClock } from "@/lib/clock";
import { callJson } from "../support/api";
import { testDkimKeys, verifyDkim } from "../support/dkim";
import { createOrg, setUserActive, signIn, type TestOrg } from "../support/factory";
import { buildMail, DnsStub, newMessageId } from "../support/mail";
import { type SinkMail, type SmtpSink, startSmtpSink } from "../support/smtp-sink";
import { createTicketAs } from "../support/tickets";
import { expectInertHtml, XSS_PAYLOADS } from "../support/xss-payloads";

let smtp: SmtpSink;
let org: TestOrg;
let other: TestOrg;
let publicKey: KeyObject;
const cookies: Record<string, string> = {};
let restoreDns: () => void;

beforeAll(async () => {
  restoreDns = new DnsStub().install();
  // Before anything reads the configuration (env() is parsed once, on first use).
  smtp = await startSmtpSink();
  const keys = testDkimKeys();
  publicKey = keys.publicKey;
  process.env.MAIL_FROM = "Acme Support <support@help.acme.test>";
  process.env.MAIL_DOMAIN = "help.acme.test";
  process.env.MAIL_DKIM_PRIVATE_KEY = keys.privateKeyPem.replaceAll("\n", "\\n");
  process.env.MAIL_DKIM_SELECTOR = "hd2026";
  process.env.MAIL_DKIM_DOMAIN = "help.acme.test";
  [org, other] = await Promise.all([createOrg("mail-out"), createOrg("mail-out-other")]);
  for (const [name, user] of Object.entries({ agent: org.agent, agent2: org.agent2, admin: org.admin, requester: org.requester, requester2: org.requester2 })) {
    cookies[name] = await signIn(user);
  }
});

afterAll(async () => {
  restoreDns();
  await smtp.close();
});

const deliver = () => deliverOutbox({ organizationId: org.id });
const to = (email: string) => smtp.received.filter((m) => m.rcptTo.includes(email));
const aboutTicket = (number: number) => (m: SinkMail) => m.parsed.subject?.startsWith(`[#${number}]`) ?? false;

async function comment(cookie: string, ticketId: string, body: Record<string, unknown>) {
  const res = await callJson("POST", `/api/tickets/${ticketId}/comments`, { cookie, body });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: string };
}

async function rowOf(commentId: string) {
  const [row] = await db().select().from(ticketMailMessages).where(eq(ticketMailMessages.commentId, commentId));
  return row!;
}

/** Everything a mail carries, decoded and raw: a secret must be in none of it. */
function everything(m: SinkMail): string {
  const headers = [...m.parsed.headers.entries()].map(([k, v]) => `${k}: ${typeof v === "string" ? v : JSON.stringify(v)}`).join("\n");
  return [m.raw, headers, m.parsed.subject ?? "", m.parsed.text ?? "", typeof m.parsed.html === "string" ? m.parsed.html : ""].join("\n");
}

describe("a public reply reaches the requester as a threaded e-mail (issue 12)", () => {
  it("carries the stored Message-ID, Reply-To the signed address, HTML and text, and a valid DKIM signature", async () => {
    const t = await createTicketAs(cookies.requester!, { title: "Printer jams on page 2", descriptionMd: "It jams." });
    const reply = await comment(cookies.agent!, t.id, { bodyMd: "Try **tray 2** and [the guide](https://docs.example/printer)." });
    await deliver();

    const got = to(org.requester.email).filter(aboutTicket(t.number));
    expect(got).toHaveLength(1);
    const mail = got[0]!;
    const row = await rowOf(reply.id);
    expect(row).toMatchObject({ organizationId: org.id, ticketId: t.id, direction: "outbound" });
    expect(mail.parsed.messageId).toBe(row.messageId);
    expect(row.messageId).toMatch(/^<[0-9a-f]{32}@help\.acme\.test>$/);
    expect(mail.parsed.subject).toBe(`[#${t.number}] Printer jams on page 2`);
    expect(mail.parsed.from?.text).toContain("support@help.acme.test");
    // The first mail of the ticket answers nothing.
    expect(mail.parsed.inReplyTo).toBeUndefined();

    const replyTo = mail.parsed.replyTo?.value[0]?.address ?? "";
    expect(replyTo).toMatch(/^support\+[a-z2-7]{42}@help\.acme\.test$/);
    expect(await parseReplyAddress(replyTo, unsafeOrganizationOfTicket)).toEqual({ organizationId: org.id, ticketId: t.id });

    expect(mail.parsed.text).toContain("Try **tray 2**");
    expect(mail.parsed.text).toContain(`/app/tickets/${t.id}`);
    const html = String(mail.parsed.html);
    expect(html).toContain("<strong>tray 2</strong>");
    expect(html).toContain('href="https://docs.example/printer"');
    expect(mail.parsed.headers.get("auto-submitted")).toBeUndefined();

    const dkim = verifyDkim(mail.raw, publicKey);
    expect(dkim, JSON.stringify(dkim)).toMatchObject({ ok: true, tags: { d: "help.acme.test", s: "hd2026" } });
    expect(dkim.tags!.h!.toLowerCase().split(":")).toEqual(expect.arrayContaining(["from", "subject", "message-id", "reply-to"]));
    // A changed byte anywhere the signature covers breaks it (the check is real).
    const bodyAt = mail.raw.indexOf("\r\n\r\n") + 8;
    const tamperedBody = mail.raw.slice(0, bodyAt) + (mail.raw[bodyAt] === "x" ? "y" : "x") + mail.raw.slice(bodyAt + 1);
    expect(verifyDkim(tamperedBody, publicKey)).toMatchObject({ ok: false, reason: "body hash mismatch" });
    expect(verifyDkim(mail.raw.replace(/^Subject: .*$/m, "Subject: [#1] Send money"), publicKey).ok).toBe(false);
  });

  it("chains In-Reply-To and References through every earlier mail of the ticket, inbound ones too", async () => {
    const t = await createTicketAs(cookies.requester!, { title: "Threading" });
    const first = await comment(cookies.agent!, t.id, { bodyMd: "First answer" });
    // A mail the inbound side took in (it records its Message-ID the same way), then two more replies.
    const inboundId = `<CAF=inbound.${Date.now()}@mail.customer.test>`;
    const [ticketRow] = await db().select().from(tickets).where(eq(tickets.id, t.id));
    await db().insert(ticketMailMessages).values({ organizationId: org.id, ticketId: ticketRow!.id, messageId: inboundId, direction: "inbound" });
    const second = await comment(cookies.agent2!, t.id, { bodyMd: "Second answer" });
    const third = await comment(cookies.agent!, t.id, { bodyMd: "Third answer", status: "pending" });
    await deliver();

    const [m1, m2, m3] = await Promise.all([first, second, third].map((c) => rowOf(c.id)));
    const byId = (id: string) => to(org.requester.email).find((m) => m.parsed.messageId === id)!;
    const mail2 = byId(m2!.messageId);
    const mail3 = byId(m3!.messageId);
    expect(byId(m1!.messageId).parsed.inReplyTo).toBeUndefined();
    expect(mail2.parsed.inReplyTo).toBe(inboundId);
    expect(mail2.parsed.references).toEqual([m1!.messageId, inboundId]);
    expect(mail3.parsed.inReplyTo).toBe(m2!.messageId);
    expect(mail3.parsed.references).toEqual([m1!.messageId, inboundId, m2!.messageId]);
    // One subject for the whole conversation, one reply address per ticket.
    expect(new Set([m1, m2, m3].map((r) => byId(r!.messageId).parsed.subject))).toEqual(new Set([`[#${t.number}] Threading`]));
    expect(new Set([m1, m2, m3].map((r) => byId(r!.messageId).parsed.replyTo?.text)).size).toBe(1);
  });

  it("renders the whole XSS payload set inert in the HTML part", async () => {
    const t = await createTicketAs(cookies.requester!, { title: "Hostile reply" });
    for (const payload of XSS_PAYLOADS) await comment(cookies.agent!, t.id, { bodyMd: `Payload: ${payload}` });
    await deliver();
    const got = to(org.requester.email).filter(aboutTicket(t.number));
    expect(got).toHaveLength(XSS_PAYLOADS.length);
    for (const m of got) {
      expect(typeof m.parsed.html).toBe("string");
      expectInertHtml(String(m.parsed.html), { wholeDocument: true });
    }
  });
});

describe("a reply to a ticket opened by e-mail reaches the address that wrote in (issue 12)", () => {
  it("a new contact mails in, an agent answers publicly: the answer is delivered to that address, threaded", async () => {
    const customer = `new-contact-${org.slug}@customer.test`;
    const inboundId = newMessageId();
    const raw = await buildMail({
      from: `Nora New <${customer}>`,
      to: `support@${org.slug}.test`,
      subject: "Where is my order?",
      text: "Order 1234 never came.",
      messageId: inboundId,
    });
    const stored = await storeInboundMail({ organizationId: org.id, mailboxId: null }, "imap", raw);
    const made = await ingestNow(stored!);
    expect(made?.status).toBe("done");
    const [t] = await db().select().from(tickets).where(eq(tickets.id, made!.ticketId!));
    const [contact] = await db().select().from(users).where(eq(users.id, t!.requesterId));
    expect(t).toMatchObject({ viaEmail: true });
    expect(contact).toMatchObject({ email: customer, emailVerified: false, invitePending: true });

    const reply = await comment(cookies.agent!, t!.id, { bodyMd: "MAIL-CONTACT-ANSWER it ships today" });
    const totals = await deliver();
    expect(totals.withheld).toBe(0);
    const got = to(customer).filter(aboutTicket(t!.number));
    expect(got).toHaveLength(1);
    const mail = got[0]!;
    expect(mail.parsed.text).toContain("MAIL-CONTACT-ANSWER");
    expect(mail.parsed.messageId).toBe((await rowOf(reply.id)).messageId);
    // Threaded under the customer's own mail, and answerable through the signed reply address.
    expect(mail.parsed.inReplyTo).toBe(inboundId);
    expect(mail.parsed.references).toEqual(inboundId);
    const replyTo = mail.parsed.replyTo?.value[0]?.address ?? "";
    expect(await parseReplyAddress(replyTo, unsafeOrganizationOfTicket)).toEqual({ organizationId: org.id, ticketId: t!.id });
    const log = await db()
      .select()
      .from(mailDeliveries)
      .where(eq(mailDeliveries.outboxId, (await rowOf(reply.id)).outboxMessageId!));
    expect(log.map((l) => l.outcome)).toEqual(["sent"]);

    // The address got the answer; a web session of the unproven contact still sees nothing mail-made.
    const asWebContact = scoped(actorForUser(contact!, org.id));
    expect(await asWebContact.tickets.find(t!.id)).toBeNull();
    const [after] = await db().select({ emailVerified: users.emailVerified }).from(users).where(eq(users.id, contact!.id));
    expect(after!.emailVerified).toBe(false);
  });
});

describe("internal notes never reach the requester, at any door (issue 12, D4)", () => {
  it("note POST, note with a status, a macro applied as a note, bulk and status-only changes send the requester nothing", async () => {
    const t = await createTicketAs(cookies.requester!, { title: "Doors" });
    const SECRET = "NOTE-SECRET-7f3a customer is under investigation";
    await comment(cookies.agent!, t.id, { bodyMd: `${SECRET} (plain note)`, internal: true });
    await comment(cookies.agent!, t.id, { bodyMd: `${SECRET} (note with status)`, internal: true, status: "on_hold" });
    // A macro's text applied as a note: rendered, then posted through the same comment door with internal.
    const macro = await callJson("POST", "/api/macros", { cookie: cookies.agent, body: { name: "Escalate", bodyMd: `${SECRET} for {{requester.name}}` } });
    expect(macro.status, JSON.stringify(macro.body)).toBe(201);
    const rendered = await callJson("POST", `/api/tickets/${t.id}/macros/${macro.body.id}/render`, { cookie: cookies.agent, body: {} });
    expect(rendered.status).toBe(200);
    await comment(cookies.agent!, t.id, { bodyMd: rendered.body.bodyMd, internal: true });
    // Status-only changes: PATCH and bulk.
    expect((await callJson("PATCH", `/api/tickets/${t.id}`, { cookie: cookies.agent, body: { status: "pending", priority: "high" } })).status).toBe(200);
    const bulk = await callJson("POST", "/api/tickets/bulk", { cookie: cookies.agent, body: { ids: [t.id], changes: { status: "open", addTags: ["vip"] } } });
    expect(bulk.status, JSON.stringify(bulk.body)).toBe(200);
    await deliver();
    expect(to(org.requester.email).filter(aboutTicket(t.number))).toHaveLength(0);
    expect(await db().select().from(ticketMailMessages).where(eq(ticketMailMessages.ticketId, t.id))).toHaveLength(0);

    // Then a public reply: exactly that one mail, and the note text in none of its bytes or headers.
    await comment(cookies.agent!, t.id, { bodyMd: "PUBLIC-ANSWER we are looking into it" });
    await deliver();
    const got = to(org.requester.email).filter(aboutTicket(t.number));
    expect(got).toHaveLength(1);
    expect(got[0]!.parsed.text).toContain("PUBLIC-ANSWER");
    for (const m of smtp.received.filter((r) => !r.rcptTo.some((a) => [org.agent.email, org.agent2.email, org.admin.email].includes(a)))) {
      expect(everything(m)).not.toContain("NOTE-SECRET-7f3a");
    }
    // Staff still heard of the notes (the control: the secret really was written and mailed somewhere).
    expect(smtp.received.some((m) => everything(m).includes("NOTE-SECRET-7f3a"))).toBe(true);
  });

  it("a public reply made internal before the worker sends it is withheld, and its text never goes out", async () => {
    const t = await createTicketAs(cookies.requester!, { title: "Second thoughts" });
    const c = await comment(cookies.agent!, t.id, { bodyMd: "OOPS-MEANT-AS-NOTE the customer is difficult" });
    await db().update(comments).set({ internal: true }).where(eq(comments.id, c.id));
    const totals = await deliver();
    expect(totals.withheld).toBeGreaterThanOrEqual(1);
    expect(to(org.requester.email).filter(aboutTicket(t.number))).toHaveLength(0);
    const row = await rowOf(c.id);
    const [msg] = await db().select().from(outboxMessages).where(eq(outboxMessages.id, row.outboxMessageId!));
    expect(msg).toMatchObject({ status: "withheld" });
    expect(JSON.stringify(msg!.payload)).not.toContain("OOPS-MEANT-AS-NOTE");
    const log = await db().select().from(mailDeliveries).where(eq(mailDeliveries.outboxId, msg!.id));
    expect(log).toEqual([expect.objectContaining({ outcome: "withheld", detail: "the reply is no longer one the recipient may read" })]);
  });
});

describe("the recipient's rights are checked when the mail is sent (issue 12, issue 9 item 6)", () => {
  it("a deactivated requester, a requester who lost the ticket, and the requester of another ticket get nothing", async () => {
    const [a, b] = [
      await createTicketAs(cookies.requester!, { title: "Deactivated later" }),
      await createTicketAs(cookies.requester!, { title: "Moved later" }),
    ];
    // requester2 is the requester of other tickets of the organization.
    await createTicketAs(cookies.requester2!, { title: "Someone else's" });
    const gone = await createTicketAs(cookies.requester2!, { title: "Requester2 deactivated" });
    await comment(cookies.agent!, a.id, { bodyMd: "RIGHTS-A" });
    await comment(cookies.agent!, b.id, { bodyMd: "RIGHTS-B" });
    await comment(cookies.agent!, gone.id, { bodyMd: "RIGHTS-GONE" });
    // After queueing, before sending: the ticket changes hands; requester2 leaves.
    await db().update(tickets).set({ requesterId: org.requester2.id }).where(eq(tickets.id, b.id));
    await setUserActive(org.requester2.id, false);
    try {
      const totals = await deliver();
      expect(totals.withheld).toBeGreaterThanOrEqual(2);
      // Ticket A's requester gets A's reply only; nobody gets B's (the old requester lost it, the new one
      // was never its recipient and is gone anyway) or the deactivated requester's.
      expect(to(org.requester.email).map((m) => m.parsed.subject)).toContain(`[#${a.number}] Deactivated later`);
      const requesters = [org.requester.email, org.requester2.email];
      const toRequesters = smtp.received.filter((m) => m.rcptTo.some((r) => requesters.includes(r)));
      expect(toRequesters.filter(aboutTicket(b.number))).toHaveLength(0);
      expect(toRequesters.filter(aboutTicket(gone.number))).toHaveLength(0);
      // Replies on A never went to the requester of another ticket, in this organization or the other.
      for (const m of smtp.received.filter(aboutTicket(a.number))) {
        expect(m.rcptTo).not.toContain(org.requester2.email);
        expect(m.rcptTo).not.toContain(other.requester.email);
      }
      const reasons = await db()
        .select({ detail: mailDeliveries.detail })
        .from(mailDeliveries)
        .where(and(eq(mailDeliveries.organizationId, org.id), eq(mailDeliveries.outcome, "withheld")));
      expect(reasons.map((r) => r.detail)).toEqual(
        expect.arrayContaining(["recipient is no longer an active member of the organization", "recipient can no longer see the ticket"]),
      );
    } finally {
      await setUserActive(org.requester2.id, true);
    }
  });

  it("goes to the address the requester has when it is sent, not when it was queued", async () => {
    const t = await createTicketAs(cookies.requester!, { title: "Address changed" });
    await comment(cookies.agent!, t.id, { bodyMd: "ADDRESS-CHECK" });
    const [before] = await db().select({ email: users.email }).from(users).where(eq(users.id, org.requester.id));
    const moved = `moved-${org.slug}@elsewhere.test`;
    await db().update(users).set({ email: moved }).where(eq(users.id, org.requester.id));
    try {
      await deliver();
      expect(to(moved).filter(aboutTicket(t.number))).toHaveLength(1);
      expect(to(before!.email).filter(aboutTicket(t.number))).toHaveLength(0);
    } finally {
      await db().update(users).set({ email: before!.email }).where(eq(users.id, org.requester.id));
    }
  });
});

describe("delivery through the outbox: retries and the delivery log (issue 12, S9)", () => {
  it("a refused delivery is retried with backoff, with the same Message-ID, and every attempt is logged", async () => {
    const t = await createTicketAs(cookies.requester!, { title: "Retry me" });
    // Assigned to the replying agent: the reply is the only mail this test queues (no staff notification).
    expect((await callJson("PATCH", `/api/tickets/${t.id}`, { cookie: cookies.agent, body: { assigneeId: org.agent.id } })).status).toBe(200);
    await deliver();
    const c = await comment(cookies.agent!, t.id, { bodyMd: "RETRIED-REPLY" });
    const row = await rowOf(c.id);
    const clock = fixedClock(new Date());
    const restore = setClock(clock);
    try {
      smtp.failNext(2);
      expect(await deliver()).toMatchObject({ failed: 1, sent: 0 });
      const [pending] = await db().select().from(outboxMessages).where(eq(outboxMessages.id, row.outboxMessageId!));
      expect(pending).toMatchObject({ status: "pending", attempts: 1 });
      expect(pending!.lastError).toMatch(/451/);
      expect(await deliver()).toMatchObject({ failed: 0, sent: 0 }); // not due yet
      clock.advance(31_000);
      expect(await deliver()).toMatchObject({ failed: 1 });
      clock.advance(61_000);
      expect(await deliver()).toMatchObject({ sent: 1 });
    } finally {
      restore();
    }
    const got = to(org.requester.email).filter(aboutTicket(t.number));
    expect(got.map((m) => m.parsed.messageId)).toEqual([row.messageId]);
    const log = await db().select().from(mailDeliveries).where(eq(mailDeliveries.outboxId, row.outboxMessageId!)).orderBy(asc(mailDeliveries.attempt));
    expect(log.map((l) => [l.attempt, l.outcome])).toEqual([
      [1, "failed"],
      [2, "failed"],
      [3, "sent"],
    ]);
    expect(log[0]!.detail).toMatch(/451/);
    expect(log[2]!.detail).toMatch(/^250/);
    expect(log.every((l) => l.organizationId === org.id && l.eventType === "comment.created")).toBe(true);
  });

  it("the requester's own reply is not mailed back to them; staff still hear of it", async () => {
    const t = await createTicketAs(cookies.requester!, { title: "Own words" });
    const c = await comment(cookies.requester!, t.id, { bodyMd: "OWN-WORDS" });
    await deliver();
    expect(to(org.requester.email).filter(aboutTicket(t.number))).toHaveLength(0);
    expect(await db().select().from(ticketMailMessages).where(eq(ticketMailMessages.commentId, c.id))).toHaveLength(0);
  });
});
