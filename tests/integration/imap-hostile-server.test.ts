// Attack pass C4 (issue 12, S8): the IMAP server is the organization admin's choice — any public host,
// so possibly the attacker's own. The poller skips messages whose announced RFC822.SIZE is over
// MAIL_MAX_BYTES, but a server may announce 100 bytes and then send a literal of any size; imapflow's own
// ceiling is 1 GB per literal and 2 GB per response, held in the worker's memory (every organization's
// jobs run there). Nothing larger than the cap may be taken in, whatever the server says.
import { createServer, type Server, type Socket } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fetchNewMessages } from "@/lib/mail/imap-fetch";

const MAX_BYTES = 1024 * 1024;
const LIE = 40 * MAX_BYTES;

let server: Server;
let port: number;
let sentBytes = 0;
let mode: "literal" | "line" = "literal";

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
