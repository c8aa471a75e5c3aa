// An in-process SMTP server (RECIPES.md "Mail in tests") that parses every message it receives: what the
// app's nodemailer transport sent, readable as structured mail. Sets SMTP_URL to point at it.
import type { AddressInfo } from "node:net";
import { type ParsedMail, simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";

export interface SmtpSink {
  mails: ParsedMail[];
  close(): Promise<void>;
}

/** Call before anything reads the configuration (env() is parsed once, on first use). */
export async function startSmtpSink(): Promise<SmtpSink> {
  const mails: ParsedMail[] = [];
  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, _session, done) {
      simpleParser(stream).then((m) => {
        mails.push(m);
        done();
      }, done);
    },
  });
  await new Promise<void>((r) => smtp.listen(0, "127.0.0.1", r));
  process.env.SMTP_URL = `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`;
  return { mails, close: () => new Promise<void>((r) => smtp.close(() => r())) };
}
