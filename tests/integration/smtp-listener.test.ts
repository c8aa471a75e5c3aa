// Issue 12: the app's own SMTP listener, spoken to by nodemailer over real TCP. It takes only mail it can
// route, within its size and rate limits, and stores each mail once before it says 250.
import { connect } from "node:net";
import { and, eq } from "drizzle-orm";
import nodemailer, { type SendMailOptions } from "nodemailer";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { comments, inboundMails, mailboxes, tickets } from "@/db/schema";
import { ingestNow } from "@/domain/mail/ingest-mail";
import { replyAddressFor } from "@/domain/mail/reply-address";
import { CONNECTIONS_PER_ADDRESS, MAILS_PER_CONNECTION, REFUSED_RCPTS_PER_CONNECTION, startSmtpListener, type SmtpListener } from "@/server/smtp-listener";
import { createOrg, type TestOrg } from "../support/factory";
import { DnsStub, newMessageId, verifyDomainOf } from "../support/mail";

process.env.MAIL_MAX_BYTES = "200000";
process.env.SMTP_LISTEN_PER_SENDER_PER_MIN = "3";
process.env.SMTP_LISTEN_PER_IP_PER_MIN = "40";
process.env.SMTP_LISTEN_MAILS_PER_IP_PER_MIN = "25";
process.env.MAIL_DOMAIN = "help.test";
// Room for one message of MAIL_MAX_BYTES and a half arriving at once (the in-flight test fills it).
process.env.SMTP_INFLIGHT_MAX_BYTES = "300000";

let listener: SmtpListener;
let org: TestOrg;
let address: string;
const stored: string[] = [];
let restoreDns: () => void;

beforeAll(async () => {
  const dns = new DnsStub();
  restoreDns = dns.install();
  org = await createOrg("smtp");
  address = `support@${org.slug}.test`;
  await db().insert(mailboxes).values({ organizationId: org.id, address });
  // The listener routes a mailbox only once its organization proved the domain (mail-domains.ts).
  await verifyDomainOf(org, `${org.slug}.test`, dns);
  listener = await startSmtpListener({ port: 0, host: "127.0.0.1", onStored: (ids) => void stored.push(...ids) });
});
afterAll(async () => {
  await listener.close();
  restoreDns();
});

function send(mail: SendMailOptions, envelope?: { from: string; to: string[] }) {
  const transport = nodemailer.createTransport({ host: "127.0.0.1", port: listener.port, secure: false, ignoreTLS: true, name: "client.test" });
  return transport.sendMail({ messageId: newMessageId(), ...mail, ...(envelope ? { envelope } : {}) });
}

/**
 * A raw SMTP conversation from a chosen loopback address (each test its own, so budgets per client
 * address do not mix): every command waits for its one-line reply; `closed` says whether the server hung up.
 */
async function rawSession(localAddress: string) {
  const socket = connect({ port: listener.port, host: "127.0.0.1", localAddress });
  let buffer = "";
  let closed = false;
  const waiting: ((line: string) => void)[] = [];
  const lines: string[] = [];
  socket.on("data", (d) => {
    buffer += d.toString();
    for (let i = buffer.indexOf("\r\n"); i >= 0; i = buffer.indexOf("\r\n")) {
      const line = buffer.slice(0, i);
      buffer = buffer.slice(i + 2);
      if (!/^\d{3} /.test(line)) continue;
      const next = waiting.shift();
      if (next) next(line);
      else lines.push(line);
    }
  });
  socket.on("error", () => {});
  socket.on("close", () => {
    closed = true;
    for (const w of waiting.splice(0)) w("closed");
  });
  const reply = () => new Promise<string>((resolve) => (lines.length ? resolve(lines.shift()!) : closed ? resolve("closed") : waiting.push(resolve)));
  const cmd = (line: string) => {
    if (!closed) socket.write(`${line}\r\n`);
    return reply();
  };
  expect(await reply()).toMatch(/^220 /);
  expect(await cmd("HELO client.test")).toMatch(/^250 /);
  return {
    cmd,
    /** MAIL FROM, one RCPT, DATA: the code of each step, stopping at the first refusal. */
    async mail(from: string, to: string, subject: string): Promise<string[]> {
      const codes = [(await cmd(`MAIL FROM:<${from}>`)).slice(0, 3)];
      if (codes[0] !== "250") return codes;
      codes.push((await cmd(`RCPT TO:<${to}>`)).slice(0, 3));
      if (codes[1] !== "250") return codes;
      codes.push((await cmd("DATA")).slice(0, 3));
      const body = `From: <${from}>\r\nTo: <${to}>\r\nSubject: ${subject}\r\nMessage-ID: ${newMessageId()}\r\n\r\nx\r\n.`;
      codes.push((await cmd(body)).slice(0, 3));
      return codes;
    },
    get closed() {
      return closed;
    },
    /** Raw bytes, no reply awaited (the middle of a DATA section). */
    write: (data: string) => socket.write(data),
    reply,
    end: () => socket.end(),
  };
}

/** The first line the server says to a new connection from `localAddress` (220, or a 421 refusal), and the socket. */
async function greeting(localAddress: string): Promise<{ line: string; end: () => void }> {
  const socket = connect({ port: listener.port, host: "127.0.0.1", localAddress });
  socket.on("error", () => {});
  const line = await new Promise<string>((resolve) => {
    let buffer = "";
    socket.on("data", (d) => {
      buffer += d.toString();
      const i = buffer.indexOf("\r\n");
      if (i >= 0) resolve(buffer.slice(0, i));
    });
    socket.on("close", () => resolve("closed"));
  });
  return { line, end: () => socket.destroy() };
}

const storedFrom = async (ip: string) =>
  (
    await db()
      .select({ id: inboundMails.id })
      .from(inboundMails)
      .where(and(eq(inboundMails.organizationId, org.id), eq(inboundMails.remoteIp, ip)))
  ).length;

const failure = (p: Promise<unknown>) =>
  p.then(
    () => null,
    (e: { responseCode?: number }) => e.responseCode ?? -1,
  );

describe("SMTP listener (issue 12)", () => {
  it("accepts mail for a mailbox address, stores it once with its envelope, and the job makes the ticket", async () => {
    const before = stored.length;
    const info = await send({ from: org.requester.email, to: address, subject: "By SMTP", text: "hello over SMTP" });
    expect(info.accepted).toEqual([address]);
    const [id] = stored.slice(before);
    const [row] = await db().select().from(inboundMails).where(eq(inboundMails.id, id!));
    expect(row).toMatchObject({ source: "smtp", envelopeFrom: org.requester.email, remoteIp: "127.0.0.1", helo: "client.test", envelopeTo: [address] });
    const result = await ingestNow(id!);
    expect(result?.status).toBe("done");
    const [t] = await db().select().from(tickets).where(eq(tickets.id, result!.ticketId!));
    expect(t).toMatchObject({ title: "By SMTP", requesterId: org.requester.id });
  });

  it("refuses recipients it cannot route: unknown, another domain, a made-up or altered reply address (550)", async () => {
    const t = await db()
      .insert(tickets)
      .values({ organizationId: org.id, number: 9001, title: "t", descriptionMd: "", requesterId: org.requester.id })
      .returning();
    const genuine = replyAddressFor({ organizationId: org.id, ticketId: t[0]!.id });
    const altered = genuine.replace(/(.)@/, (_m, c: string) => `${c === "a" ? "b" : "a"}@`);
    const refused = [
      `nobody@${org.slug}.test`,
      "support@elsewhere.test",
      `support+${"a".repeat(42)}@help.test`,
      altered,
      genuine.replace("@help.test", "@evil.test"),
    ];
    for (const [i, to] of refused.entries()) {
      expect(await failure(send({ from: `x${i}@customer.test`, to, subject: "x", text: "x" })), to).toBe(550);
    }
    // The genuine reply address is accepted and threads onto its ticket.
    const before = stored.length;
    await send({ from: org.requester.email, to: genuine, subject: "Re: t", text: "threaded" });
    const result = await ingestNow(stored[before]!);
    expect(result).toMatchObject({ status: "done", ticketId: t[0]!.id });
    expect((await db().select().from(comments).where(eq(comments.ticketId, t[0]!.id))).map((c) => c.bodyMd)).toEqual(["threaded"]);
  });

  it("a mailbox row in the reply domain takes no mail: a reply whose +token was stripped is refused (550, B1)", async () => {
    await db().insert(mailboxes).values({ organizationId: org.id, address: "support@help.test" });
    for (const [i, to] of ["support@help.test", "Support@HELP.test"].entries()) {
      expect(await failure(send({ from: `stripped${i}@customer.test`, to, subject: "Re: x", text: "token stripped" })), to).toBe(550);
    }
  });

  it("refuses a message over the size limit (552) and stores nothing", async () => {
    const before = stored.length;
    const code = await failure(send({ from: "big@customer.test", to: address, subject: "big", text: "x".repeat(300_000) }));
    expect(code).toBe(552);
    expect(stored.length).toBe(before);
  });

  it("the same mail delivered twice is accepted twice and stored once", async () => {
    const messageId = newMessageId();
    const before = stored.length;
    await send({ from: "twice@customer.test", to: address, subject: "twice", text: "x", messageId });
    await send({ from: "twice@customer.test", to: address, subject: "twice", text: "x", messageId });
    expect(stored.length - before).toBe(1);
  });

  it("limits mails per envelope sender (450), whatever the From header says", async () => {
    const codes = [];
    for (let i = 0; i < 5; i++)
      codes.push(
        await failure(send({ from: `spoof${i}@customer.test`, to: address, subject: `s${i}`, text: "x" }, { from: "flood@customer.test", to: [address] })),
      );
    expect(codes).toEqual([null, null, null, 450, 450]);
    // Another sender still gets through.
    expect(await failure(send({ from: "calm@customer.test", to: address, subject: "calm", text: "x" }))).toBeNull();
  });

  it("limits connections per client address (421)", async () => {
    const banner = () =>
      new Promise<string>((resolve) => {
        const socket = connect(listener.port, "127.0.0.1");
        socket.once("data", (d) => {
          socket.end("QUIT\r\n");
          resolve(d.toString());
        });
        socket.on("error", () => resolve("error"));
      });
    const answers: string[] = [];
    for (let i = 0; i < 45; i++) answers.push(await banner());
    const refused = answers.findIndex((a) => a.startsWith("421"));
    expect(refused).toBeGreaterThan(0);
    expect(answers.slice(refused).every((a) => a.startsWith("421"))).toBe(true);
    expect(await failure(send({ from: "late@customer.test", to: address, subject: "late", text: "x" }))).toBe(421);
  });

  it("one connection changing MAIL FROM per message: 421 and closed after the per-connection cap (B2)", async () => {
    const ip = "127.0.0.21";
    const smtp = await rawSession(ip);
    const answers: string[][] = [];
    for (let i = 0; i < 15 && answers.at(-1)?.[0] !== "421"; i++) answers.push(await smtp.mail(`flood${i}@rot${i}.test`, address, `flood ${i}`));
    expect(answers.slice(0, MAILS_PER_CONNECTION).every((a) => a.join() === "250,250,354,250")).toBe(true);
    expect(answers[MAILS_PER_CONNECTION]).toEqual(["421"]);
    expect(answers).toHaveLength(MAILS_PER_CONNECTION + 1);
    await expect.poll(() => smtp.closed).toBe(true);
    expect(await storedFrom(ip)).toBe(MAILS_PER_CONNECTION);
  });

  it("mails per client address are counted across connections and senders (450 past the budget) (B2)", async () => {
    const ip = "127.0.0.22";
    const codes: string[] = [];
    for (let c = 0; c < 6; c++) {
      const smtp = await rawSession(ip);
      for (let i = 0; i < 5; i++) codes.push((await smtp.mail(`rot${c}-${i}@many${c}-${i}.test`, address, `many ${c}/${i}`))[0]!);
      smtp.end();
    }
    expect(codes.slice(0, 25).every((c) => c === "250")).toBe(true);
    expect(codes.slice(25)).toEqual(["450", "450", "450", "450", "450"]);
    expect(await storedFrom(ip)).toBe(25);
    // Another client address has its own budget.
    const calm = await rawSession("127.0.0.23");
    expect(await calm.mail("calm@other.test", address, "calm")).toEqual(["250", "250", "354", "250"]);
    calm.end();
  });

  it("unknown-recipient probes: 550 up to the per-connection cap, then 421 and closed (B2)", async () => {
    const smtp = await rawSession("127.0.0.24");
    expect(await smtp.cmd("MAIL FROM:<probe@evil.test>")).toMatch(/^250 /);
    const answers: string[] = [];
    for (let i = 0; i < 150 && answers.at(-1) !== "421"; i++) {
      answers.push((await smtp.cmd(`RCPT TO:<user${i}@${org.slug}.test>`)).slice(0, 3));
      // A routable recipient in between is accepted and counts nothing.
      if (i === 3) expect(await smtp.cmd(`RCPT TO:<${address}>`)).toMatch(/^250 /);
    }
    expect(answers.slice(0, REFUSED_RCPTS_PER_CONNECTION)).toEqual(Array(REFUSED_RCPTS_PER_CONNECTION).fill("550"));
    expect(answers.slice(REFUSED_RCPTS_PER_CONNECTION)).toEqual(["421"]);
    await expect.poll(() => smtp.closed).toBe(true);
  });

  it("one address holds at most 5 connections open at once; the 6th is 421, and a closed one frees its place (attack pass B5)", async () => {
    const ip = "127.0.0.61";
    const open = await Promise.all(Array.from({ length: CONNECTIONS_PER_ADDRESS }, () => greeting(ip)));
    expect(open.map((g) => g.line.slice(0, 3))).toEqual(Array(CONNECTIONS_PER_ADDRESS).fill("220"));
    const refused = await greeting(ip);
    expect(refused.line).toMatch(/^421 /);
    refused.end();
    // Another address is not affected.
    const other = await greeting("127.0.0.62");
    expect(other.line).toMatch(/^220 /);
    other.end();
    open[0]!.end();
    await new Promise((r) => setTimeout(r, 200));
    const again = await greeting(ip);
    expect(again.line).toMatch(/^220 /);
    for (const g of [again, ...open.slice(1)]) g.end();
  });

  it("mail arriving at once past SMTP_INFLIGHT_MAX_BYTES is a 452 (try later), not held in memory; the first still arrives (attack pass B5)", async () => {
    const [a, b] = await Promise.all([rawSession("127.0.0.63"), rawSession("127.0.0.64")]);
    const senders = ["slow@inflight.test", "eager@inflight.test"];
    const header = (subject: string) => `From: <${senders[0]}>\r\nTo: <${address}>\r\nSubject: ${subject}\r\nMessage-ID: ${newMessageId()}\r\n\r\n`;
    const line = `${"y".repeat(998)}\r\n`;
    for (const [n, s] of [a, b].entries()) {
      expect(await s.cmd(`MAIL FROM:<${senders[n]}>`)).toMatch(/^250 /);
      expect(await s.cmd(`RCPT TO:<${address}>`)).toMatch(/^250 /);
      expect(await s.cmd("DATA")).toMatch(/^354 /);
    }
    // A sends 180 KB and pauses mid-message; B sends 180 KB and ends: together past 300 KB.
    a.write(header("first, slow") + line.repeat(180));
    await new Promise((r) => setTimeout(r, 300));
    b.write(header("second, too much at once") + line.repeat(180));
    expect(await b.cmd(".")).toMatch(/^452 /);
    a.write(line.repeat(5));
    expect(await a.cmd(".")).toMatch(/^250 /);
    // The budget was given back: B's retry now fits.
    expect(await b.mail("retry@inflight.test", address, "second, retried")).toEqual(["250", "250", "354", "250"]);
    a.end();
    b.end();
  });
});
