// E-mail over SMTP (SMTP_URL) with nodemailer: one transport per process. With MAIL_DKIM_* set, every
// message is DKIM-signed (issue 12), so receivers can tell our replies from forgeries.
import nodemailer, { type Transporter } from "nodemailer";
import { env } from "@/lib/env";

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html?: string;
  /** "<id@domain>": set by the caller so that it is known (and stored) before the mail is sent. */
  messageId?: string;
  inReplyTo?: string;
  /** Oldest first. */
  references?: string[];
  replyTo?: string;
  /** Further headers (Auto-Submitted and the like); values are encoded by nodemailer, never raw. */
  headers?: Record<string, string>;
}

/** What the receiving server answered: its reply line ("250 2.0.0 Ok: queued as …"). */
export interface SentMail {
  response: string;
}

let transport: Transporter | undefined;
let transportKey: string | undefined;

/** Whether outbound e-mail is switched on (SMTP_URL set). */
export function mailEnabled(): boolean {
  return Boolean(env().SMTP_URL);
}

function dkimOptions() {
  const { MAIL_DKIM_PRIVATE_KEY, MAIL_DKIM_SELECTOR, MAIL_DKIM_DOMAIN } = env();
  if (!MAIL_DKIM_PRIVATE_KEY || !MAIL_DKIM_SELECTOR || !MAIL_DKIM_DOMAIN) return undefined;
  return { domainName: MAIL_DKIM_DOMAIN, keySelector: MAIL_DKIM_SELECTOR, privateKey: MAIL_DKIM_PRIVATE_KEY.replaceAll("\\n", "\n") };
}

function currentTransport(): Transporter {
  const url = env().SMTP_URL;
  if (!url) throw new Error("SMTP_URL is not set");
  const dkim = dkimOptions();
  const key = `${url}|${dkim?.domainName ?? ""}|${dkim?.keySelector ?? ""}`;
  if (!transport || transportKey !== key) {
    transport = nodemailer.createTransport({ url, ...(dkim ? { dkim } : {}) });
    transportKey = key;
  }
  return transport;
}

export async function sendMail(message: OutgoingMail): Promise<SentMail> {
  const info = await currentTransport().sendMail({
    from: env().MAIL_FROM,
    to: message.to,
    subject: message.subject,
    text: message.text,
    ...(message.html ? { html: message.html } : {}),
    ...(message.messageId ? { messageId: message.messageId } : {}),
    ...(message.inReplyTo ? { inReplyTo: message.inReplyTo } : {}),
    ...(message.references?.length ? { references: message.references } : {}),
    ...(message.replyTo ? { replyTo: message.replyTo } : {}),
    ...(message.headers ? { headers: message.headers } : {}),
  });
  return { response: String(info.response ?? "") };
}
