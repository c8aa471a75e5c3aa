// Attack pass C4 (issue 12, S8): the IMAP server is the organization admin's choice — any public host,
// so possibly the attacker's own. The poller skips messages whose announced RFC822.SIZE is over
// MAIL_MAX_BYTES, but a server may announce 100 bytes and then send a literal of any size; imapflow's own
// ceiling is 1 GB per literal and 2 GB per response, held in the worker's memory (every organization's
// jobs run there). Nothing larger than the cap may be taken in, whatever the server says.
// One second of idle socket and four for a whole poll, so the slow server's hold is short here.
process.env.IMAP_TIMEOUT_MS = "1000";

import { createServer, type Server, type Socket } from "node:net";
import { eq } from "drizzle-orm";
import { ImapFlow } from "imapflow";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { inboundMails, mailboxes } from "@/db/schema";
import { pollAllMailboxes } from "@/domain/mail/poll-mailbox";
import { fetchNewMessages } from "@/lib/mail/imap-fetch";
import { callJson } from "../support/api";
import { startDovecot } from "../support/dovecot";
import { createOrg, signIn } from "../support/factory";
import { buildMail, DnsStub } from "../support/mail";

const MAX_BYTES = 1024 * 1024;
const LIE = 40 * MAX_BYTES;

let server: Server;
let port: number;
let sentBytes = 0;
let mode: "literal" | "line" | "trickle" = "literal";
const trickles = new Set<NodeJS.Timeout>();

/** One byte of an untagged answer every 100 ms, for ever: never idle, never done. */
function trickle(socket: Socket) {
  socket.write("* OK [ALERT] ");
  const timer = setInterval(() => (socket.destroyed ? clearInterval(timer) : socket.write("z")), 100);
  trickles.add(timer);
  socket.once("close", () => clearInterval(timer));
}

async function sendHuge(socket: Socket, head: string, tail: string) {
  socket.write(head);
  const chunk = Buffer.alloc(64 * 1024, "x".charCodeAt(0));
  for (let sent = 0; sent < LIE && !socket.destroyed; sent += chunk.length) {
    sentBytes += chunk.length;
    if (!socket.write(chunk)) await new Promise((resolve) => socket.once("drain", resolve).once("close", resolve));
  }
  if (!socket.destroyed) socket.write(tail);
}

beforeAll(async () => {
  server = createServer((socket) => {
    socket.on("error", () => undefined);
    socket.write("* OK [CAPABILITY IMAP4rev1] hostile server ready\r\n");
    let buffered = "";
    socket.on("data", (data) => {
      buffered += data.toString("latin1");
      let end = buffered.indexOf("\r\n");
      while (end >= 0) {
        const line = buffered.slice(0, end);
        buffered = buffered.slice(end + 2);
        end = buffered.indexOf("\r\n");
        const tag = line.split(" ")[0];
        if (/ CAPABILITY$/i.test(line)) socket.write(`* CAPABILITY IMAP4rev1\r\n${tag} OK done\r\n`);
        else if (mode === "trickle" && / (EXAMINE|SELECT) /i.test(line)) trickle(socket);
        else if (/ (EXAMINE|SELECT) /i.test(line))
          socket.write(`* 1 EXISTS\r\n* OK [UIDVALIDITY 7] ok\r\n* OK [UIDNEXT 2] ok\r\n${tag} OK [READ-ONLY] done\r\n`);
        else if (/ SEARCH /i.test(line)) {
          if (mode === "line") void sendHuge(socket, "* SEARCH 1 ", `\r\n${tag} OK done\r\n`);
          else socket.write(`* SEARCH 1\r\n${tag} OK done\r\n`);
        } else if (/ FETCH .*RFC822\.SIZE/i.test(line)) socket.write(`* 1 FETCH (UID 1 RFC822.SIZE 100)\r\n${tag} OK done\r\n`);
        else if (/ FETCH .*BODY/i.test(line)) void sendHuge(socket, `* 1 FETCH (UID 1 BODY[] {${LIE}}\r\n`, `)\r\n${tag} OK done\r\n`);
        else if (/ LOGOUT$/i.test(line)) socket.end(`* BYE\r\n${tag} OK bye\r\n`);
        else socket.write(`${tag} OK done\r\n`);
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as { port: number }).port;
});
afterAll(async () => {
  for (const t of trickles) clearInterval(t);
  await new Promise((resolve) => server.close(resolve));
});

const target = () => ({ address: "127.0.0.1", hostname: "localhost", port, tls: false, user: "u", password: "p", folder: "INBOX" });

describe("a hostile IMAP server cannot make the poller hold more than MAIL_MAX_BYTES (attack pass C4)", { timeout: 60_000 }, () => {
  for (const [kind, what] of [
    ["literal", "a message announced as 100 bytes that arrives as 40 MB"],
    ["line", "a 40 MB response line"],
  ] as const) {
    it(what, async () => {
      mode = kind;
      sentBytes = 0;
      const handed: number[] = [];
      const result = await fetchNewMessages(
        target(),
        { uidValidity: null, lastUid: null },
        { batch: 10, maxBytes: MAX_BYTES, timeoutMs: 20_000 },
        async (raw) => {
          handed.push(raw.length);
        },
      ).catch((e: unknown) => e);
      expect(
        handed.every((n) => n <= MAX_BYTES),
        `handed over ${handed}`,
      ).toBe(true);
      expect(result).toBeInstanceOf(Error);
      // The connection is dropped soon after the cap, not read to the end.
      expect(sentBytes).toBeLessThan(LIE / 2);
    });
  }
});

describe("a slow IMAP server cannot hold the poll (attack pass C5)", { timeout: 60_000 }, () => {
  it("a server that answers one byte every 100 ms for ever is given up at the poll's deadline", async () => {
    mode = "trickle";
    const started = performance.now();
    const result = await fetchNewMessages(
      target(),
      { uidValidity: null, lastUid: null },
      { batch: 10, maxBytes: MAX_BYTES, timeoutMs: 1000, deadlineMs: 3000 },
      async () => undefined,
    ).catch((e: unknown) => e);
    expect(result).toBeInstanceOf(Error);
    expect(performance.now() - started).toBeLessThan(8000);
  });
});

describe("one organization's slow IMAP server does not hold the others' mail (attack pass C5)", { timeout: 120_000 }, () => {
  it("the slow organization's mailboxes are polled beside the others, not before them", async () => {
    mode = "trickle";
    const restoreDns = new DnsStub().install();
    const imap = await startDovecot();
    try {
      const [slow, victim] = await Promise.all([createOrg("imap-slow"), createOrg("imap-victim")]);
      const slowAdmin = await signIn(slow.admin);
      // Three mailboxes on the attacker's slow server, each polled for the whole deadline.
      for (const name of ["a", "b", "c"]) {
        const res = await callJson("POST", "/api/admin/mailboxes", {
          cookie: slowAdmin,
          body: { address: `${name}@${slow.slug}.test`, imapHost: "127.0.0.1", imapPort: port, imapTls: false, imapUser: "u", imapPassword: "p" },
        });
        expect(res.status).toBe(201);
        await db()
          .update(mailboxes)
          .set({ lastPollAt: new Date("2020-01-01T00:00:00Z") })
          .where(eq(mailboxes.id, res.body.id));
      }
      const victimBox = await callJson("POST", "/api/admin/mailboxes", {
        cookie: await signIn(victim.admin),
        body: {
          address: `support@${victim.slug}.test`,
          imapHost: imap.host,
          imapPort: imap.port,
          imapTls: false,
          imapUser: imap.user,
          imapPassword: imap.password,
        },
      });
      expect(victimBox.status).toBe(201);
      const client = new ImapFlow({ host: imap.host, port: imap.port, secure: false, auth: { user: imap.user, pass: imap.password }, logger: false });
      await client.connect();
      await client.append("INBOX", await buildMail({ from: victim.requester.email, to: `support@${victim.slug}.test`, subject: "Waiting", text: "hello" }));
      await client.logout();

      const started = Date.now();
      const polled = pollAllMailboxes();
      // The victim's mail is in before the slow organization's first mailbox has even been given up.
      let arrived: number | null = null;
      while (arrived === null && Date.now() - started < 60_000) {
        const rows = await db().select().from(inboundMails).where(eq(inboundMails.organizationId, victim.id));
        if (rows.length > 0) arrived = Date.now() - started;
        else await new Promise((resolve) => setTimeout(resolve, 100));
      }
      await polled;
      expect(arrived, "the victim's mail never arrived").not.toBeNull();
      expect(arrived!).toBeLessThan(3000);
      const slowBoxes = await db().select().from(mailboxes).where(eq(mailboxes.organizationId, slow.id));
      expect(slowBoxes.map((b) => b.lastPollMessage)).toEqual(Array(3).fill("The server was too slow: the check was stopped and will be tried again"));
    } finally {
      await imap.stop();
      restoreDns();
    }
  });
});
