// Reads new messages from one IMAP mailbox (issue 12), with imapflow. Incremental by UID within the
// folder's UIDVALIDITY; at most `batch` messages per call, oldest first; messages over `maxBytes` are
// skipped (and counted), never downloaded. Messages are left on the server as they are.
import { ImapFlow } from "imapflow";

export interface ImapTarget {
  /** The address to connect to (already checked) and the name for TLS. */
  address: string;
  hostname: string;
  port: number;
  tls: boolean;
  user: string;
  password: string;
  folder: string;
}

export interface ImapPosition {
  uidValidity: number | null;
  lastUid: number | null;
}

export interface ImapFetchResult {
  uidValidity: number;
  lastUid: number;
  fetched: number;
  tooLarge: number;
  /** More new messages wait on the server than this call took. */
  more: boolean;
}

/** Room for a response's own lines beside its one literal. */
const LINE_SLACK = 1024 * 1024;

export async function fetchNewMessages(
  target: ImapTarget,
  position: ImapPosition,
  opts: { batch: number; maxBytes: number; timeoutMs: number; deadlineMs?: number },
  onMessage: (raw: Buffer) => Promise<void>,
): Promise<ImapFetchResult> {
  const client = new ImapFlow({
    host: target.address,
    port: target.port,
    secure: target.tls,
    servername: target.hostname,
    tls: { servername: target.hostname, rejectUnauthorized: true, minVersion: "TLSv1.2" },
    auth: { user: target.user, pass: target.password },
    logger: false,
    disableAutoIdle: true,
    connectionTimeout: opts.timeoutMs,
    // The server is the organization admin's choice, possibly the attacker's own (attack pass C4): it may
    // announce a small RFC822.SIZE and send a literal of any size, or a line without end. imapflow's own
    // ceilings (1 GB a literal, 2 GB a response) would be held in the worker every organization shares.
    // Nothing above the mail cap is read: the connection fails instead.
    maxLiteralSize: opts.maxBytes,
    maxLineLength: opts.maxBytes,
    maxResponseSize: opts.maxBytes + LINE_SLACK,
    greetingTimeout: opts.timeoutMs,
    socketTimeout: opts.timeoutMs,
  });
  // imapflow reports socket trouble as an event too; the awaited call below carries the error.
  client.on("error", () => undefined);
  // One deadline for the whole poll (attack pass C5): imapflow's timeouts are per connect and per idle
  // socket, so a server answering a byte every few seconds held the poll — and every mailbox after it,
  // of every organization — for ever. Half-way no further message is started; at the end the connection
  // is closed, whatever it was doing.
  const deadlineMs = opts.deadlineMs ?? opts.timeoutMs * 4;
  const stopStartingAt = performance.now() + deadlineMs / 2;
  let expired = false;
  const timer = setTimeout(() => {
    expired = true;
    client.close();
  }, deadlineMs);
  try {
    await client.connect();
    try {
      const mailbox = await client.mailboxOpen(target.folder, { readOnly: true });
      const uidValidity = Number(mailbox.uidValidity);
      const from = position.uidValidity === uidValidity ? (position.lastUid ?? 0) + 1 : 1;
      // "n:*" names the last message even when n is past it (RFC 9051): filter to UIDs really new.
      const uids = ((await client.search({ uid: `${from}:*` }, { uid: true })) || []).filter((u) => u >= from).sort((a, b) => a - b);
      const taken = uids.slice(0, opts.batch);
      let lastUid = from - 1;
      let fetched = 0;
      let tooLarge = 0;
      let stoppedEarly = false;
      if (taken.length > 0) {
        const sizes = new Map<number, number>();
        for await (const m of client.fetch(taken.join(","), { uid: true, size: true }, { uid: true })) sizes.set(m.uid, m.size ?? 0);
        for (const uid of taken) {
          if (performance.now() > stopStartingAt) {
            stoppedEarly = true;
            break;
          }
          if ((sizes.get(uid) ?? 0) > opts.maxBytes) {
            tooLarge++;
          } else {
            const message = await client.fetchOne(String(uid), { source: true }, { uid: true });
            if (message && message.source !== undefined) {
              await onMessage(message.source);
              fetched++;
            }
          }
          // Only past a message once it is stored: a failure above leaves it for the next poll.
          lastUid = uid;
        }
      }
      return { uidValidity, lastUid: Math.max(lastUid, 0), fetched, tooLarge, more: stoppedEarly || uids.length > taken.length };
    } finally {
      await client.logout().catch(() => client.close());
    }
  } catch (e) {
    if (expired) throw Object.assign(new Error(`IMAP poll took longer than ${deadlineMs} ms`), { code: POLL_DEADLINE });
    throw e;
  } finally {
    clearTimeout(timer);
  }
}

const POLL_DEADLINE = "POLL_DEADLINE";

/** An IMAP or network failure as a sentence an administrator can act on. */
export function describeImapError(e: unknown): string {
  const err = e as { authenticationFailed?: boolean; code?: string; responseText?: string; message?: string; serverResponseCode?: string };
  if (err.authenticationFailed) return "The server refused the user name or password";
  if (err.serverResponseCode === "NONEXISTENT" || /doesn't exist|not exist|unknown mailbox/i.test(err.responseText ?? ""))
    return "The folder does not exist on the server";
  switch (err.code) {
    case POLL_DEADLINE:
      return "The server was too slow: the check was stopped and will be tried again";
    case "ENOTFOUND":
    case "EAI_AGAIN":
      return "The server name could not be found";
    case "ECONNREFUSED":
      return "The server refused the connection (wrong port, or not running)";
    case "ETIMEDOUT":
    case "ETIMEOUT":
    case "CONNECT_TIMEOUT":
    case "GREETING_TIMEOUT":
      return "The server did not answer in time";
    case "ECONNRESET":
      return "The server closed the connection";
  }
  if (/certificate|self[- ]signed|TLS|SSL/i.test(err.message ?? "")) return "The server's TLS certificate was not accepted";
  return `The mailbox could not be read (${(err.responseText ?? err.message ?? "unknown error").slice(0, 200)})`;
}
