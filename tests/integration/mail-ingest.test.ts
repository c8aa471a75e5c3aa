// Issue 12, inbound: each rule of the ingestion path run as the attack it stops, on real PostgreSQL, real
// clamd and mailauth against a local DNS stub. Mails are built and DKIM-signed by nodemailer.
import { and, eq } from "drizzle-orm";
import { renderToStaticMarkup } from "react-dom/server";
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from "vitest";
import { createElement } from "react";
import { Markdown } from "@/components/markdown";
import { db } from "@/db/client";
import { attachments, comments, heldMails, inboundMails, notifications, ticketMailMessages, tickets, users } from "@/db/schema";
import { ingestNow, ingestPendingMails } from "@/domain/mail/ingest-mail";
import { pruneRawMail } from "@/domain/mail/prune-raw-mail";
import { replyAddressFor } from "@/domain/mail/reply-address";
import { type Envelope, storeInboundMail } from "@/domain/mail/store-mail";
import { actorForUser } from "@/auth/system-actor";
import { callJson } from "../support/api";
import { exe, png } from "../support/attachment-files";
import { EICAR } from "../support/clamd";
import { createOrg, signIn, type TestOrg, type TestUser } from "../support/factory";
import { buildMail, DnsStub, dkimKey, type MailOptions, newMessageId } from "../support/mail";
import { createTicketAs } from "../support/tickets";
import { expectInertHtml, XSS_PAYLOADS } from "../support/xss-payloads";

process.env.CLAMD_HOST = inject("clamdHost");
process.env.CLAMD_PORT = String(inject("clamdPort"));
process.env.STORAGE_DIR = inject("storageDir");
process.env.MAIL_SENDER_MAX_PER_HOUR = "8";

const dns = new DnsStub();
const bankKey = dkimKey("bank.test");
const customerKey = dkimKey("customer.test");
let restoreDns: () => void;
let org: TestOrg;

beforeAll(() => {
  dns.publishDkim(bankKey).publishDmarc("bank.test", "reject");
  dns.publishDkim(customerKey).publishDmarc("customer.test", "none");
  dns.publishDmarc("quarantine.test", "quarantine");
  restoreDns = dns.install();
});
afterAll(() => restoreDns());
// A fresh organization per test: the loop limit counts mails per address, and tests must not share it.
beforeEach(async () => {
  org = await createOrg("mail-in");
});

async function deliver(target: TestOrg, options: MailOptions, envelope?: Envelope & { source?: "smtp" | "imap" }) {
  const raw = await buildMail({ to: `support@${target.slug}.test`, ...options });
  return deliverRaw(target, raw, envelope);
}

async function deliverRaw(target: TestOrg, raw: Buffer, envelope?: Envelope & { source?: "smtp" | "imap" }) {
  const id = await storeInboundMail({ organizationId: target.id, mailboxId: null }, envelope?.source ?? "imap", raw, envelope);
  if (!id) return null;
  const result = await ingestNow(id);
  const [row] = await db().select().from(inboundMails).where(eq(inboundMails.id, id));
  return { ...result!, row: row! };
}

const ticketsOf = (orgId: string) => db().select().from(tickets).where(eq(tickets.organizationId, orgId));
const commentsOf = (ticketId: string) => db().select().from(comments).where(eq(comments.ticketId, ticketId));

describe("mail → ticket or comment", () => {
  it("a new mail from a known requester opens a ticket in their name, from the mail's text", async () => {
    const r = await deliver(org, { from: `Req <${org.requester.email}>`, subject: "Re: Printer on fire", text: "It is smoking.\n\n-- \nReq" });
    expect(r?.status).toBe("done");
    const [t] = await db().select().from(tickets).where(eq(tickets.id, r!.ticketId!));
    expect(t).toMatchObject({ requesterId: org.requester.id, title: "Printer on fire", descriptionMd: "It is smoking.", viaEmail: true, status: "open" });
    expect(r!.outcome).toMatch(/^Opened ticket #\d+/);
    const [link] = await db().select().from(ticketMailMessages).where(eq(ticketMailMessages.ticketId, t!.id));
    expect(link).toMatchObject({ direction: "inbound", messageId: r!.row.messageId, commentId: null });
  });

  it("threads a reply by its signed reply address, and by In-Reply-To/References", async () => {
    const first = await deliver(org, { from: org.requester.email, subject: "VPN", text: "VPN down" });
    const ticketId = first!.ticketId!;
    const byToken = await deliver(org, {
      from: org.requester.email,
      to: replyAddressFor({ organizationId: org.id, ticketId }),
      subject: "Re: VPN",
      text: "Still down",
    });
    expect(byToken).toMatchObject({ status: "done", ticketId });
    expect(byToken!.outcome).toMatch(/reply address/);
    // Headers: an answer to the first mail, and an answer naming an outbound Message-ID deep in References.
    const byInReplyTo = await deliver(org, { from: org.requester.email, subject: "Re: VPN", text: "And now?", inReplyTo: first!.row.messageId });
    expect(byInReplyTo).toMatchObject({ status: "done", ticketId });
    const outbound = newMessageId("help.localhost");
    await db().insert(ticketMailMessages).values({ organizationId: org.id, ticketId, messageId: outbound, direction: "outbound" });
    const byReferences = await deliver(org, { from: org.requester.email, subject: "x", text: "Fixed", references: [newMessageId(), outbound, newMessageId()] });
    expect(byReferences).toMatchObject({ status: "done", ticketId });
    const thread = await commentsOf(ticketId);
    expect(thread.map((c) => c.bodyMd).sort()).toEqual(["And now?", "Fixed", "Still down"]);
    expect(thread.every((c) => c.viaEmail && c.authorId === org.requester.id && !c.internal)).toBe(true);
  });

  it("a forged, altered or foreign reply address threads nothing: a new ticket instead", async () => {
    const victim = await deliver(org, { from: org.requester.email, subject: "Account", text: "secret ticket" });
    const genuine = replyAddressFor({ organizationId: org.id, ticketId: victim!.ticketId! });
    const [local, domain] = genuine.split("@") as [string, string];
    const other = await createOrg("mail-in-other");
    const flip = (s: string, i: number) => s.slice(0, i) + (s[i] === "a" ? "b" : "a") + s.slice(i + 1);
    const forgeries = [
      `${flip(local, local.length - 1)}@${domain}`, // MAC altered
      `${flip(local, 10)}@${domain}`, // ticket id altered
      replyAddressFor({ organizationId: other.id, ticketId: victim!.ticketId! }), // signed for another organization
      `support+${"a".repeat(42)}@${domain}`, // made up
    ];
    for (const to of forgeries) {
      const r = await deliver(org, { from: org.requester.email, to, subject: "Re: Account", text: "hijack" });
      expect(r?.status, to).toBe("done");
      expect(r!.ticketId, to).not.toBe(victim!.ticketId);
      expect(r!.outcome, to).toMatch(/not genuine/);
    }
    expect(await commentsOf(victim!.ticketId!)).toHaveLength(0);
  });

  it("a reply from someone who is not on the ticket becomes their own new ticket, never a comment", async () => {
    const mine = await deliver(org, { from: org.requester.email, subject: "Invoice", text: "mine" });
    const ticketId = mine!.ticketId!;
    const stranger = "attacker@elsewhere.test";
    const variants: MailOptions[] = [
      { from: org.requester2.email, to: replyAddressFor({ organizationId: org.id, ticketId }), subject: "Re: Invoice", text: "by token" },
      { from: org.requester2.email, subject: "Re: Invoice", text: "by header", inReplyTo: mine!.row.messageId },
      { from: stranger, subject: "Re: Invoice", text: "stranger by header", references: [mine!.row.messageId] },
    ];
    for (const v of variants) {
      const r = await deliver(org, v);
      expect(r?.status).toBe("done");
      expect(r!.ticketId).not.toBe(ticketId);
      expect(r!.outcome).toMatch(/not a participant/);
    }
    expect(await commentsOf(ticketId)).toHaveLength(0);
  });

  it("a reply to a closed ticket opens a follow-up", async () => {
    const first = await deliver(org, { from: org.requester.email, subject: "Old", text: "old" });
    await db().update(tickets).set({ status: "closed" }).where(eq(tickets.id, first!.ticketId!));
    const r = await deliver(org, { from: org.requester.email, subject: "Re: Old", text: "again", inReplyTo: first!.row.messageId });
    const [t] = await db().select().from(tickets).where(eq(tickets.id, r!.ticketId!));
    expect(t!.followUpOf).toBe(first!.ticketId);
  });
});

describe("the same mail twice is one ticket", () => {
  it("a repeated delivery, in other spellings of its Message-ID, is stored once", async () => {
    const raw = await buildMail({ from: org.requester.email, to: "support@x.test", subject: "Dup", text: "once", messageId: "<Dup-1@Customer.Test>" });
    const first = await deliverRaw(org, raw);
    expect(first?.status).toBe("done");
    expect(await deliverRaw(org, raw)).toBeNull();
    // The same Message-ID with other bytes (another relay's headers) is still the same mail.
    const again = Buffer.from(`Message-ID:   <Dup-1@Customer.Test>  \r\nFrom: ${org.requester.email}\r\nSubject: Dup (resent)\r\n\r\ntwice\r\n`);
    expect(await deliverRaw(org, again)).toBeNull();
    expect((await ticketsOf(org.id)).filter((t) => t.title.startsWith("Dup"))).toHaveLength(1);
  });

  it("ten deliveries racing store one row and make one ticket; two workers racing make one ticket", async () => {
    const raw = await buildMail({ from: org.requester.email, to: "support@x.test", subject: "Race", text: "race" });
    const ids = await Promise.all(Array.from({ length: 10 }, () => storeInboundMail({ organizationId: org.id, mailboxId: null }, "smtp", raw, {})));
    expect(ids.filter(Boolean)).toHaveLength(1);
    const results = await Promise.all([ingestPendingMails({ organizationId: org.id }), ingestPendingMails({ organizationId: org.id })]);
    expect(
      results.flat().filter((r) => r.status === "done"),
      JSON.stringify(results),
    ).toHaveLength(1);
    expect((await ticketsOf(org.id)).filter((t) => t.title === "Race")).toHaveLength(1);
  });

  it("a mail without a Message-ID is deduplicated by its bytes", async () => {
    const raw = Buffer.from(`From: ${org.requester.email}\r\nTo: support@x.test\r\nSubject: No id\r\n\r\nbody\r\n`);
    expect(await deliverRaw(org, raw)).not.toBeNull();
    expect(await deliverRaw(org, raw)).toBeNull();
  });
});

describe("sender authenticity", () => {
  const heldFor = async (inboundId: string) => (await db().select().from(heldMails).where(eq(heldMails.inboundMailId, inboundId)))[0];

  it("mail claiming a staff address is held with the reason, in every spelling of the address", async () => {
    const o = await createOrg("mail-staff");
    const spellings = [
      o.agent.email,
      o.admin.email.toUpperCase(),
      `"Helpdesk Agent" <${o.agent2.email}>`,
      // Attack pass C7: a trailing dot on the domain, invisible characters, fullwidth letters.
      `"Helpdesk Agent" <${o.agent.email}.>`,
      `${o.agent.email}\u200b`,
      `"Helpdesk Agent" <\u200b${o.admin.email}>`,
      `\uff41${o.agent.email.slice(1)}`,
    ];
    for (const from of spellings) {
      const r = await deliver(o, { from, subject: "Please reset my MFA", text: "urgent" });
      expect(r?.status, from).toBe("held");
      expect((await heldFor(r!.row.id))!.reason).toBe("staff_sender");
      expect(r!.outcome).toMatch(/staff address/);
    }
    expect(await ticketsOf(o.id)).toHaveLength(0);
  });

  it("DMARC failing under p=reject or p=quarantine is held; under p=none, or signed by the domain, it is not", async () => {
    const o = await createOrg("mail-dmarc");
    const unsigned = await deliver(o, { from: "ceo@bank.test", subject: "Wire money", text: "now" });
    expect(unsigned?.status).toBe("held");
    expect((await heldFor(unsigned!.row.id))!.reason).toBe("dmarc_fail");
    expect(unsigned!.outcome).toMatch(/DMARC failed for bank\.test.*reject/);
    // Signed, but by a key bank.test never published (an attacker's own key for the same selector).
    const forgedKey = { ...dkimKey("bank.test"), record: bankKey.record };
    const badSig = await deliver(o, { from: "ceo@bank.test", subject: "Wire", text: "now", dkim: forgedKey });
    expect(badSig?.status).toBe("held");
    // Over SMTP from an address SPF does not allow.
    dns.publishSpf("quarantine.test", "v=spf1 ip4:192.0.2.1 -all");
    const spfFail = await deliver(
      o,
      { from: "x@quarantine.test", subject: "Hi", text: "hi" },
      { source: "smtp", remoteIp: "127.0.0.1", helo: "evil.test", mailFrom: "x@quarantine.test" },
    );
    expect(spfFail?.status).toBe("held");
    expect(spfFail!.outcome).toMatch(/quarantine/);

    const genuine = await deliver(o, { from: "ceo@bank.test", subject: "Statement", text: "fine", dkim: bankKey });
    expect(genuine?.status).toBe("done");
    expect(genuine!.row.authResults).toMatchObject({ dkim: "pass", dmarc: "pass" });
    const policyNone = await deliver(o, { from: "someone@customer.test", subject: "Hello", text: "unsigned" });
    expect(policyNone?.status).toBe("done");
  });

  it("held mail is listed for agents with its reason; accepting processes it, dropping keeps it ignored", async () => {
    const o = await createOrg("mail-review");
    const a = await deliver(o, { from: o.agent.email, subject: "Held A", text: "a" });
    const b = await deliver(o, { from: "ceo@bank.test", subject: "Held B", text: "b" });
    const agentCookie = await signIn(o.agent);
    const list = await callJson("GET", "/api/admin/held-mails?status=held", { cookie: agentCookie });
    expect(list.status).toBe(200);
    expect(list.body.items.map((i: { subject: string }) => i.subject).sort()).toEqual(["Held A", "Held B"]);
    const requester = await callJson("GET", "/api/admin/held-mails", { cookie: await signIn(o.requester) });
    expect(requester.status).toBe(403);

    const heldB = list.body.items.find((i: { subject: string }) => i.subject === "Held B");
    const accepted = await callJson("POST", `/api/admin/held-mails/${heldB.id}/accept`, { cookie: agentCookie, body: {} });
    expect(accepted.status).toBe(200);
    expect(accepted.body.result).toMatchObject({ status: "done" });
    const heldA = list.body.items.find((i: { subject: string }) => i.subject === "Held A");
    const dropped = await callJson("POST", `/api/admin/held-mails/${heldA.id}/drop`, { cookie: agentCookie, body: {} });
    expect(dropped.body.status).toBe("dropped");
    const [rowA] = await db().select().from(inboundMails).where(eq(inboundMails.id, a!.row.id));
    expect(rowA).toMatchObject({ status: "ignored", ticketId: null });
    // Decided once: a second decision on either is a 404.
    expect((await callJson("POST", `/api/admin/held-mails/${heldA.id}/accept`, { cookie: agentCookie, body: {} })).status).toBe(404);
    expect((await callJson("POST", `/api/admin/held-mails/${heldB.id}/drop`, { cookie: agentCookie, body: {} })).status).toBe(404);
    expect(b!.row.id).toBeTruthy();
  });

  it("a held mail's review shows the sending server, the SPF/DKIM/DMARC verdicts and the text as plain text (attack pass B8)", async () => {
    const o = await createOrg("mail-review-detail");
    dns.publishSpf("quarantine.test", "v=spf1 ip4:192.0.2.1 -all");
    const hostile = XSS_PAYLOADS.slice(0, 5).join("\n");
    const held = await deliver(
      o,
      {
        from: "Boss <boss@quarantine.test>",
        subject: "Urgent transfer",
        html: `<p>Pay <a href="https://phish.test/pay">here</a></p>${hostile}`,
        attachments: [{ filename: "invoice.png", content: png() }],
      },
      { source: "smtp", remoteIp: "127.0.0.1", helo: "evil.test", mailFrom: "boss@quarantine.test" },
    );
    expect(held?.status).toBe("held");
    const heldId = (await heldFor(held!.row.id))!.id;
    const [agentCookie, requesterCookie] = await Promise.all([signIn(o.agent), signIn(o.requester)]);

    const detail = await callJson("GET", `/api/admin/held-mails/${heldId}`, { cookie: agentCookie });
    expect(detail.status).toBe(200);
    expect(detail.body).toMatchObject({
      id: heldId,
      reason: "dmarc_fail",
      from: "boss@quarantine.test",
      subject: "Urgent transfer",
      source: "smtp",
      remoteIp: "127.0.0.1",
      helo: "evil.test",
      envelopeFrom: "boss@quarantine.test",
      auth: { spf: "fail", dmarc: "fail", dmarcPolicy: "quarantine", dmarcDomain: "quarantine.test" },
      files: [{ filename: "invoice.png", inline: false }],
    });
    expect(detail.body.recipients).toContain(`support@${o.slug}.test`);
    // The text as text: the link's address is visible, and nothing of it is markup the API hands out.
    expect(detail.body.text).toContain("https://phish.test/pay");
    expect(detail.body.text).not.toMatch(/<script|onerror=/i);
    // The same view is for staff only, and a mail of another organization is not there at all.
    expect((await callJson("GET", `/api/admin/held-mails/${heldId}`, { cookie: requesterCookie })).status).toBe(403);
    const other = await createOrg("mail-review-other");
    expect((await callJson("GET", `/api/admin/held-mails/${heldId}`, { cookie: await signIn(other.admin) })).status).toBe(404);
    expect((await callJson("GET", "/api/admin/held-mails/not-a-uuid", { cookie: agentCookie })).status).toBe(404);

    // After raw retention the row stays and says the text is gone, instead of failing.
    await db().update(inboundMails).set({ raw: null }).where(eq(inboundMails.id, held!.row.id));
    const pruned = await callJson("GET", `/api/admin/held-mails/${heldId}`, { cookie: agentCookie });
    expect(pruned.body).toMatchObject({ text: null, files: [], auth: { dmarc: "fail" } });
  });

  it("mail in a staff member's name is accepted by an admin only: an agent gets 403 and nothing is posted (attack pass B8)", async () => {
    const o = await createOrg("mail-review-staff");
    const forged = await deliver(o, { from: o.admin.email, subject: "Please pay this", text: "https://phish.test/pay" });
    const [agentCookie, adminCookie] = await Promise.all([signIn(o.agent), signIn(o.admin)]);
    const held = (await callJson("GET", "/api/admin/held-mails?status=held", { cookie: agentCookie })).body.items[0];
    expect(held.reason).toBe("staff_sender");
    for (let i = 0; i < 2; i++) {
      const refused = await callJson("POST", `/api/admin/held-mails/${held.id}/accept`, { cookie: agentCookie, body: {} });
      expect(refused.status).toBe(403);
    }
    const [row] = await db().select().from(inboundMails).where(eq(inboundMails.id, forged!.row.id));
    expect(row!.ticketId).toBeNull();
    expect((await callJson("GET", "/api/admin/held-mails?status=held", { cookie: agentCookie })).body.items).toHaveLength(1);
    const accepted = await callJson("POST", `/api/admin/held-mails/${held.id}/accept`, { cookie: adminCookie, body: {} });
    expect(accepted.status).toBe(200);
    // The agent may still drop what an admin has not decided.
    const second = await deliver(o, { from: o.agent.email.toUpperCase(), subject: "Another", text: "x" });
    const heldAgain = (await callJson("GET", "/api/admin/held-mails?status=held", { cookie: agentCookie })).body.items[0];
    expect((await callJson("POST", `/api/admin/held-mails/${heldAgain.id}/drop`, { cookie: agentCookie, body: {} })).status).toBe(200);
    expect(second!.row.id).toBeTruthy();
  });
});

describe("no loops, no noise", () => {
  const automated: [string, MailOptions, Envelope?][] = [
    ["Auto-Submitted: auto-replied", { headers: { "Auto-Submitted": "auto-replied" } }],
    ["Precedence: bulk", { headers: { Precedence: "bulk" } }],
    ["X-Autoreply", { headers: { "X-Autoreply": "yes" } }],
    ["X-Autorespond", { headers: { "X-Autorespond": "Out of office" } }],
    ["List-Id", { headers: { "List-Id": "<news.customer.test>" } }],
    ["MAILER-DAEMON bounce", { from: "MAILER-DAEMON@mx.customer.test" }],
    ["null envelope sender", {}, { mailFrom: "" }],
  ];
  for (const [name, options, envelope] of automated) {
    it(`${name} creates no ticket, comment or notification`, async () => {
      const o = await createOrg("mail-auto");
      const first = await deliver(o, { from: o.requester.email, subject: "Real", text: "real" });
      const before = await db().select().from(notifications).where(eq(notifications.organizationId, o.id));
      const r = await deliver(
        o,
        { from: o.requester.email, subject: "Automatic reply: Real", text: "I am away", inReplyTo: first!.row.messageId, ...options },
        envelope ? { ...envelope, source: "smtp" } : undefined,
      );
      expect(r?.status).toBe("ignored");
      expect(await ticketsOf(o.id)).toHaveLength(1);
      expect(await commentsOf(first!.ticketId!)).toHaveLength(0);
      expect(await db().select().from(notifications).where(eq(notifications.organizationId, o.id))).toHaveLength(before.length);
    });
  }

  it("an address that keeps writing (another helpdesk answering ours) is cut off after the hourly limit", async () => {
    const o = await createOrg("mail-loop");
    const results = [];
    for (let i = 0; i < 11; i++) results.push(await deliver(o, { from: "robot@otherdesk.test", subject: `Ticket received #${i}`, text: "We got your mail" }));
    expect(results.filter((r) => r?.status === "done")).toHaveLength(8);
    expect(results.slice(8).every((r) => r?.status === "ignored" && /loop protection/.test(r.outcome))).toBe(true);
    // Other senders are not affected.
    expect((await deliver(o, { from: o.requester.email, subject: "Me", text: "me" }))?.status).toBe("done");
  });
});

describe("content", () => {
  it("hostile HTML mail stays inert through sanitize-html, turndown and the renderer", async () => {
    const html = `<html><head><style>*{}</style><script>alert(1)</script></head><body><p>Hi</p>${XSS_PAYLOADS.join("<br>")}</body></html>`;
    const r = await deliver(org, { from: org.requester.email, subject: "<img src=x onerror=alert(1)>", html });
    const [t] = await db().select().from(tickets).where(eq(tickets.id, r!.ticketId!));
    expectInertHtml(renderToStaticMarkup(createElement(Markdown, { source: t!.descriptionMd })));
    expect(t!.descriptionMd).toContain("Hi");
    // The ticket API answers it as data, and the title is text.
    const res = await callJson("GET", `/api/tickets/${t!.id}`, { cookie: await signIn(org.agent) });
    expect(res.body.title).toBe("<img src=x onerror=alert(1)>");
  });

  it("attachments go through the upload pipeline: EICAR quarantined, a clean file and an inline image kept, an executable refused", async () => {
    const o = await createOrg("mail-files");
    const r = await deliver(o, {
      from: o.requester.email,
      subject: "Files",
      html: '<p>See <img src="cid:shot@x"></p>',
      attachments: [
        { filename: "notes.txt", content: "plain notes" },
        { filename: "eicar.txt", content: EICAR },
        { filename: "setup.exe", content: exe() },
        { filename: "shot.png", content: png(), cid: "shot@x" },
      ],
    });
    expect(r?.status, r?.outcome).toBe("done");
    const files = await db().select().from(attachments).where(eq(attachments.ticketId, r!.ticketId!));
    const byName = Object.fromEntries(files.map((f) => [f.filename, f.status]));
    expect(byName).toEqual({ "notes.txt": "clean", "eicar.txt": "infected", "shot.png": "clean" });
    expect(r!.outcome).toMatch(/setup\.exe refused/);
    // A requester never lists the quarantined file.
    const list = await callJson("GET", `/api/tickets/${r!.ticketId}/attachments`, { cookie: await signIn(o.requester) });
    expect(list.body.items.map((i: { filename: string }) => i.filename).sort()).toEqual(["notes.txt", "shot.png"]);
  });
});

describe("no Ticket Trick", () => {
  it("an unknown sender becomes an unverified contact who cannot sign in", async () => {
    const o = await createOrg("mail-contact");
    const r = await deliver(o, { from: '"Slack" <no-reply@slack.test>', subject: "Confirm your e-mail: 123-456", text: "code 123-456" });
    expect(r?.status).toBe("done");
    const [contact] = await db()
      .select()
      .from(users)
      .where(and(eq(users.organizationId, o.id), eq(users.email, "no-reply@slack.test")));
    expect(contact).toMatchObject({ role: "requester", emailVerified: false, invitePending: true, signInEmail: null, name: "Slack" });
    for (const password of ["", "correct-horse-battery-staple"]) {
      const res = await callJson("POST", "/api/auth/sign-in/email", { body: { email: "no-reply@slack.test", password } });
      expect(res.status).not.toBe(200);
    }
  });

  it("a requester who has not proven their address sees none of the mail-made tickets, replies, files or notifications", async () => {
    const o = await createOrg("mail-trick");
    await db().update(users).set({ emailVerified: false }).where(eq(users.id, o.requester.id));
    const cookie = await signIn(o.requester);
    const mailed = await deliver(o, {
      from: o.requester.email,
      subject: "Your verification code",
      text: "code 987654",
      attachments: [{ filename: "code.txt", content: "987654" }],
    });
    // Their own web ticket gets a reply by mail (through its reply address) with a file.
    const web = await createTicketAs(cookie, { title: "Web ticket", descriptionMd: "typed in the browser" });
    await deliver(o, {
      from: o.requester.email,
      to: replyAddressFor({ organizationId: o.id, ticketId: web.id }),
      subject: "Re: Web ticket",
      text: "mailed code 987654",
      attachments: [{ filename: "reply.txt", content: "987654" }],
    });
    // Staff answer the mailed ticket (a notification to the requester).
    await callJson("POST", `/api/tickets/${mailed!.ticketId}/comments`, { cookie: await signIn(o.agent), body: { bodyMd: "Here is code 987654 again" } });

    const expectHidden = async (c: string) => {
      expect((await callJson("GET", `/api/tickets/${mailed!.ticketId}`, { cookie: c })).status).toBe(404);
      expect((await callJson("GET", `/api/tickets/${mailed!.ticketId}/comments`, { cookie: c })).status).toBe(404);
      const list = await callJson("GET", "/api/tickets?limit=100", { cookie: c });
      expect(list.body.items.map((t: { id: string }) => t.id)).toEqual([web.id]);
      const thread = await callJson("GET", `/api/tickets/${web.id}/comments`, { cookie: c });
      expect(JSON.stringify(thread.body)).not.toContain("987654");
      const files = await callJson("GET", `/api/tickets/${web.id}/attachments`, { cookie: c });
      expect(files.body.items).toEqual([]);
      const bell = await callJson("GET", "/api/notifications", { cookie: c });
      expect(JSON.stringify(bell.body)).not.toContain("987654");
      const search = await callJson("GET", "/api/tickets?q=verification", { cookie: c });
      expect(search.body.items).toEqual([]);
    };
    await expectHidden(cookie);
    // Staff see everything.
    expect((await callJson("GET", `/api/tickets/${mailed!.ticketId}`, { cookie: await signIn(o.agent) })).status).toBe(200);
    // Once the address is proven, the same session sees it on its next request.
    await db().update(users).set({ emailVerified: true }).where(eq(users.id, o.requester.id));
    expect((await callJson("GET", `/api/tickets/${mailed!.ticketId}`, { cookie })).status).toBe(200);
    const thread = await callJson("GET", `/api/tickets/${web.id}/comments`, { cookie });
    expect(JSON.stringify(thread.body)).toContain("987654");
  });

  it("e-mail notifications still reach the address itself (delivery to the owner is not a web view)", async () => {
    const o = await createOrg("mail-notify");
    const r = await deliver(o, { from: "new.customer@customer.test", subject: "Help", text: "help" });
    const [contact] = await db()
      .select()
      .from(users)
      .where(and(eq(users.organizationId, o.id), eq(users.email, "new.customer@customer.test")));
    const { decideEmailDelivery } = await import("@/domain/notifications/email-recipient");
    const decision = await decideEmailDelivery(o.id, "comment.created", {
      to: contact!.email,
      subject: "s",
      text: "t",
      recipientId: contact!.id,
      ticketId: r!.ticketId!,
    });
    expect(decision).toHaveProperty("send");
    // The web view of the same person is still refused.
    const { scoped } = await import("@/db/scoped");
    expect(await scoped(actorForUser(contact!, o.id)).tickets.find(r!.ticketId!)).toBeNull();
  });
});

describe("acceptance rule and retention", () => {
  it("known domains only / existing users only ignore other new addresses, and take known people", async () => {
    const o = await createOrg("mail-rule");
    const admin = await signIn(o.admin);
    const set = await callJson("PUT", "/api/admin/mail-settings", { cookie: admin, body: { acceptance: "known_domains", knownDomains: ["Customer.test"] } });
    expect(set.status).toBe(200);
    expect((await deliver(o, { from: "a@customer.test", subject: "ok", text: "x" }))?.status).toBe("done");
    const stranger = await deliver(o, { from: "a@stranger.test", subject: "no", text: "x" });
    expect(stranger).toMatchObject({ status: "ignored" });
    expect(stranger!.outcome).toMatch(/known domains/);
    await callJson("PUT", "/api/admin/mail-settings", { cookie: admin, body: { acceptance: "existing_users", knownDomains: [] } });
    expect((await deliver(o, { from: "b@customer.test", subject: "no", text: "x" }))?.status).toBe("ignored");
    expect((await deliver(o, { from: o.requester.email, subject: "yes", text: "x" }))?.status).toBe("done");
  });

  it("raw mail is emptied after the retention, the row stays and still deduplicates", async () => {
    const o = await createOrg("mail-retention");
    const raw = await buildMail({ from: o.requester.email, to: "support@x.test", subject: "Old mail", text: "x" });
    const r = await deliverRaw(o, raw);
    await db()
      .update(inboundMails)
      .set({ receivedAt: new Date(Date.now() - 40 * 86_400_000) })
      .where(eq(inboundMails.id, r!.row.id));
    expect(await pruneRawMail()).toBeGreaterThanOrEqual(1);
    const [row] = await db().select().from(inboundMails).where(eq(inboundMails.id, r!.row.id));
    expect(row).toMatchObject({ raw: null, status: "done" });
    expect(row!.rawPrunedAt).not.toBeNull();
    expect(await deliverRaw(o, raw)).toBeNull();
  });
});

export type { TestUser };
