// The app's own SMTP listener for inbound mail (issue 12), for operators who point MX at the helpdesk:
// started by the worker when SMTP_LISTEN_PORT is set. It accepts only mail it can route (an organization's
// mailbox address or a genuine reply address), at most MAIL_MAX_BYTES, within per-address and per-sender
// rate limits, and answers 250 only once the raw mail is stored (so a crash loses nothing: the sender
// retries). Everything else — deciding, threading, authenticity — is the ingest job's.
// A connection is also bounded on its own (attack pass b, B2): so many mails, so many refused recipients,
// then 421 and the connection is closed — one session can neither send mail after mail under changing
// senders nor probe addresses one lookup after another. A real MTA reconnects later for what is left.
import { SMTPServer, type SMTPServerSession } from "smtp-server";
import { routeRecipient, type RecipientRoute } from "@/domain/mail/route-recipient";
import { storeInboundMail } from "@/domain/mail/store-mail";
import { replyDomain } from "@/domain/mail/reply-address";
import { env } from "@/lib/env";
import { logger } from "@/lib/logger";
import { consume } from "@/lib/rate-limit/limiter";

const MAX_RECIPIENTS = 20;
/** MAIL FROM commands one connection may give; the next is answered 421 and the connection closed. */
export const MAILS_PER_CONNECTION = 10;
/** Recipients refused (550) in one connection; the next refused one is answered 421 and the connection closed. */
export const REFUSED_RCPTS_PER_CONNECTION = 10;
/**
 * Open connections from one client address at a time. Each connection may hold a whole message in memory
 * while it arrives (attack pass B5: three 24 MB mails at once took the worker from 220 to 490 MB).
 */
export const CONNECTIONS_PER_ADDRESS = 5;

export interface SmtpListener {
  port: number;
  close(): Promise<void>;
}

const smtpError = (code: number, message: string) => Object.assign(new Error(message), { responseCode: code });

export async function startSmtpListener(opts: { port: number; host?: string; onStored?: (ids: string[]) => Promise<void> | void }): Promise<SmtpListener> {
  const e = env();
  const routes = new WeakMap<SMTPServerSession, Map<string, RecipientRoute>>();
  // One object per connection (smtp-server keeps the session across transactions and RSET).
  const counts = new WeakMap<SMTPServerSession, { mails: number; refused: number }>();
  const countsOf = (session: SMTPServerSession) => {
    const c = counts.get(session) ?? { mails: 0, refused: 0 };
    counts.set(session, c);
    return c;
  };
  // Bytes of messages being received right now, over all connections: past SMTP_INFLIGHT_MAX_BYTES a
  // message is refused with a temporary error (the sender retries later) instead of being held.
  let inflight = 0;
  const openPerAddress = new Map<string, number>();
  const limited = (policy: string, session: SMTPServerSession, message: string) =>
    logger.warn({ event: "security.smtp_rate_limited", policy, ip: session.remoteAddress }, message);
  const counted = new Set<string>();
  const releases = new Map<string, () => void>();
  const server = new SMTPServer({
    name: replyDomain(),
    banner: "Helpdesk inbound mail",
    size: e.MAIL_MAX_BYTES,
    authOptional: true,
    // Mail to us needs no login; TLS terminates in front of the listener where it is wanted.
    disabledCommands: ["AUTH", "STARTTLS"],
    maxClients: 100,
    socketTimeout: 60_000,
    closeTimeout: 10_000,
    logger: false,
    async onConnect(session, callback) {
      const open = openPerAddress.get(session.remoteAddress) ?? 0;
      if (open >= CONNECTIONS_PER_ADDRESS) {
        limited("smtp.connections_open", session, "SMTP connection refused: too many open from one address");
        return callback(smtpError(421, "4.7.0 Too many open connections from your address, try again later"));
      }
      openPerAddress.set(session.remoteAddress, open + 1);
      counted.add(session.id);
      const decision = await consume("smtp.ip", session.remoteAddress).catch(() => null);
      if (decision && !decision.allowed) {
        limited("smtp.ip", session, "SMTP connection refused: rate limit");
        return callback(smtpError(421, "4.7.0 Too many connections from your address, try again later"));
      }
      callback();
    },
    async onMailFrom(address, session, callback) {
      const count = countsOf(session);
      if (++count.mails > MAILS_PER_CONNECTION) {
        limited("smtp.connection_mails", session, "SMTP connection closed: too many mails in one connection");
        return callback(smtpError(421, "4.7.0 Too many messages in one connection, closing"));
      }
      const byAddress = await consume("smtp.ip_mail", session.remoteAddress).catch(() => null);
      if (byAddress && !byAddress.allowed) {
        limited("smtp.ip_mail", session, "SMTP mail refused: rate limit");
        return callback(smtpError(450, "4.7.1 Too many messages from your address, try again later"));
      }
      const sender = address.address.toLowerCase() || `<>@${session.remoteAddress}`;
      const decision = await consume("smtp.sender", sender).catch(() => null);
      if (decision && !decision.allowed) {
        limited("smtp.sender", session, "SMTP mail refused: rate limit");
        return callback(smtpError(450, "4.7.1 Too many messages from this sender, try again later"));
      }
      routes.set(session, new Map());
      callback();
    },
    async onRcptTo(address, session, callback) {
      const mine = routes.get(session) ?? new Map<string, RecipientRoute>();
      if (mine.size >= MAX_RECIPIENTS) return callback(smtpError(452, "4.5.3 Too many recipients"));
      const route = await routeRecipient(address.address).catch(() => undefined);
      if (route === undefined) return callback(smtpError(451, "4.3.0 Temporary failure, try again later"));
      if (!route) {
        if (++countsOf(session).refused > REFUSED_RCPTS_PER_CONNECTION) {
          limited("smtp.connection_refused_rcpts", session, "SMTP connection closed: too many unknown recipients");
          return callback(smtpError(421, "4.7.0 Too many unknown recipients, closing"));
        }
        return callback(smtpError(550, "5.1.1 No such recipient here"));
      }
      mine.set(address.address.toLowerCase(), route);
      routes.set(session, mine);
      callback();
    },
    onClose(session) {
      releases.get(session.id)?.();
      releases.delete(session.id);
      if (!counted.delete(session.id)) return;
      const open = (openPerAddress.get(session.remoteAddress) ?? 1) - 1;
      if (open > 0) openPerAddress.set(session.remoteAddress, open);
      else openPerAddress.delete(session.remoteAddress);
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      let held = 0;
      let overBudget = false;
      // Idempotent; also run when the connection ends mid-message (onClose), so no byte stays counted.
      const release = () => {
        inflight -= held;
        held = 0;
        chunks.length = 0;
      };
      releases.set(session.id, release);
      stream.on("data", (c: Buffer) => {
        if (overBudget) return;
        if (inflight + c.length > e.SMTP_INFLIGHT_MAX_BYTES) {
          overBudget = true;
          inflight -= held;
          held = 0;
          chunks.length = 0;
          return;
        }
        inflight += c.length;
        held += c.length;
        chunks.push(c);
      });
      stream.on("end", async () => {
        if ((stream as unknown as { sizeExceeded?: boolean }).sizeExceeded) {
          release();
          return callback(smtpError(552, `5.3.4 Message larger than ${e.MAIL_MAX_BYTES} bytes`));
        }
        if (overBudget) {
          limited("smtp.inflight_bytes", session, "SMTP message refused: too much mail arriving at once");
          return callback(smtpError(452, "4.3.1 Insufficient system storage, try again later"));
        }
        const raw = Buffer.concat(chunks);
        chunks.length = 0;
        // One stored copy per organization, carrying the recipients that routed to it.
        const byOrg = new Map<string, { route: RecipientRoute; rcpt: string[] }>();
        for (const [rcpt, route] of routes.get(session) ?? []) {
          const entry = byOrg.get(route.organizationId) ?? { route, rcpt: [] };
          if (!entry.route.mailboxId && route.mailboxId) entry.route = route;
          entry.rcpt.push(rcpt);
          byOrg.set(route.organizationId, entry);
        }
        try {
          const ids: string[] = [];
          const mailFrom = session.envelope.mailFrom ? session.envelope.mailFrom.address : "";
          for (const { route, rcpt } of byOrg.values()) {
            const id = await storeInboundMail(route, "smtp", raw, { mailFrom, rcptTo: rcpt, remoteIp: session.remoteAddress, helo: session.hostNameAppearsAs });
            if (id) ids.push(id);
          }
          await opts.onStored?.(ids);
          callback(null, "Message accepted");
        } catch (err) {
          logger.error({ event: "mail.smtp_store_failed", err: (err as Error).message }, "inbound mail not stored");
          callback(smtpError(451, "4.3.0 Temporary failure, try again later"));
        } finally {
          release(); // held until it is stored, not just received
        }
      });
    },
  });
  server.on("error", (err) => logger.error({ event: "mail.smtp_error", err: err.message }, "SMTP listener error"));
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port, opts.host ?? e.SMTP_LISTEN_HOST, () => resolve());
  });
  const address = server.server.address();
  const port = typeof address === "object" && address ? address.port : opts.port;
  logger.info({ event: "mail.smtp_listening", port }, "inbound SMTP listener started");
  return { port, close: () => new Promise<void>((r) => server.close(() => r())) };
}
