// An in-process SMTP server (RECIPES.md "Mail in tests") that parses every message it receives: what the
// app's nodemailer transport sent, readable as structured mail, and the raw message exactly as it came
// over the wire (headers, MIME parts, encodings) for tests that must find nothing anywhere in it.
import type { AddressInfo } from "node:net";
import { type ParsedMail, simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";

export interface SinkMail {
  parsed: ParsedMail;
  raw: string;
  /** The envelope: RCPT TO addresses, which is where the mail really goes. */
  rcptTo: string[];
}

export interface SmtpSink {
  mails: ParsedMail[];
  received: SinkMail[];
  /** Make the next `count` deliveries fail with a temporary SMTP error (retries and the delivery log). */
  failNext(count: number): void;
  close(): Promise<void>;
}

/** Call before anything reads the configuration (env() is parsed once, on first use). */
export async function startSmtpSink(): Promise<SmtpSink> {
  const mails: ParsedMail[] = [];
  const received: SinkMail[] = [];
  let failures = 0;
  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, session, done) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        if (failures > 0) {
          failures--;
          const err = new Error("Mailbox temporarily unavailable") as Error & { responseCode: number };
          err.responseCode = 451;
          done(err);
          return;
        }
        const raw = Buffer.concat(chunks);
        simpleParser(raw).then((m) => {
          mails.push(m);
          received.push({ parsed: m, raw: raw.toString("utf8"), rcptTo: session.envelope.rcptTo.map((r) => r.address) });
          done();
        }, done);
      });
    },
  });
  await new Promise<void>((r) => smtp.listen(0, "127.0.0.1", r));
  process.env.SMTP_URL = `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`;
  return {
    mails,
    received,
    failNext: (count) => {
      failures = count;
    },
    close: () => new Promise<void>((r) => smtp.close(() => r())),
  };
}
