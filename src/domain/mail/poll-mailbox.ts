// IMAP polling (issue 12): each active mailbox of each organization, every minute (mail-poll job), or one
// now (the admin's "check now"). New messages are stored raw (store-mail.ts) and left to the ingest job;
// the result is kept on the mailbox in words, for the admin page. Never logs the password.
import { requirePermission, type Actor } from "@/auth/actor";
import { systemActor } from "@/auth/system-actor";
import { scoped } from "@/db/scoped";
import { unsafeImapMailboxes } from "@/db/unsafe-mail";
import { env } from "@/lib/env";
import { NotFound } from "@/lib/errors";
import { logger } from "@/lib/logger";
import { describeImapError, fetchNewMessages } from "@/lib/mail/imap-fetch";
import { openSecret, SecretUnreadable } from "@/lib/secret-box";
import { PrivateDestinationError } from "@/lib/webhooks/public-destination";
import { ingestPendingMails } from "./ingest-mail";
import { resolveImapHost } from "./imap-destination";
import { mailboxSecretContext, toMailboxDto } from "./mailboxes";
import { storeInboundMail } from "./store-mail";

export interface PollResult {
  ok: boolean;
  message: string;
  stored: string[];
}

export async function pollMailbox(organizationId: string, mailboxId: string): Promise<PollResult> {
  const s = scoped(systemActor(organizationId, "mail-poll"));
  const box = await s.mailboxes.credentials(mailboxId);
  if (!box?.active || !box.imapHost || !box.imapUser || !box.imapPasswordEnc) return { ok: false, message: "Not an active IMAP mailbox", stored: [] };
  const stored: string[] = [];
  let result: PollResult;
  let position: { uidValidity: number; lastUid: number } | undefined;
  try {
    const password = openSecret(box.imapPasswordEnc, mailboxSecretContext(organizationId, box.id));
    const host = await resolveImapHost(box.imapHost);
    const e = env();
    const fetched = await fetchNewMessages(
      { ...host, port: box.imapPort ?? (box.imapTls ? 993 : 143), tls: box.imapTls, user: box.imapUser, password, folder: box.imapFolder },
      { uidValidity: box.imapUidValidity, lastUid: box.imapLastUid },
      { batch: e.IMAP_BATCH, maxBytes: e.MAIL_MAX_BYTES, timeoutMs: e.IMAP_TIMEOUT_MS },
      async (raw) => {
        const id = await storeInboundMail({ organizationId, mailboxId: box.id }, "imap", raw);
        if (id) stored.push(id);
      },
    );
    position = { uidValidity: fetched.uidValidity, lastUid: fetched.lastUid };
    const parts = [`${stored.length} new message${stored.length === 1 ? "" : "s"}`];
    if (fetched.fetched > stored.length) parts.push(`${fetched.fetched - stored.length} already received`);
    if (fetched.tooLarge) parts.push(`${fetched.tooLarge} skipped: larger than ${Math.round(e.MAIL_MAX_BYTES / 1048576)} MB`);
    if (fetched.more) parts.push("more waiting for the next check");
    result = { ok: true, message: parts.join(", "), stored };
  } catch (e) {
    const message =
      e instanceof SecretUnreadable
        ? "The stored password cannot be decrypted (the encryption key changed): enter it again"
        : e instanceof PrivateDestinationError
          ? "The IMAP server address is not allowed or could not be found"
          : describeImapError(e);
    logger.warn({ event: "mail.poll_failed", orgId: organizationId, mailboxId, reason: message }, "mailbox poll failed");
    result = { ok: false, message, stored };
  }
  await s.mailboxes.recordPoll(box.id, { ok: result.ok, message: result.message, ...(position ?? {}) });
  return result;
}

/** Organizations polled at the same time; each organization's own mailboxes one after another. */
export const POLL_ORGANIZATIONS_AT_ONCE = 4;

/**
 * Every organization's active IMAP mailboxes (the mail-poll job). Organizations go side by side, each in
 * one lane (attack pass C5): the servers are their admins' choice, and one after another, one
 * organization's slow servers (up to the poll deadline each, twenty mailboxes) held every other
 * organization's mail.
 */
export async function pollAllMailboxes(): Promise<{ mailboxes: number; stored: number }> {
  let stored = 0;
  const boxes = await unsafeImapMailboxes();
  const byOrganization = new Map<string, string[]>();
  for (const box of boxes) byOrganization.set(box.organizationId, [...(byOrganization.get(box.organizationId) ?? []), box.id]);
  const waiting = [...byOrganization];
  const lane = async () => {
    for (let next = waiting.shift(); next; next = waiting.shift()) {
      const [organizationId, ids] = next;
      for (const id of ids) stored += (await pollMailbox(organizationId, id)).stored.length;
    }
  };
  await Promise.all(Array.from({ length: Math.min(POLL_ORGANIZATIONS_AT_ONCE, waiting.length) }, lane));
  return { mailboxes: boxes.length, stored };
}

/** "Check now" (admin): polls this mailbox and ingests what it found, answering with the result in words. */
export async function checkMailboxNow(actor: Actor, id: string) {
  requirePermission(actor, "mail.manage");
  const box = await scoped(actor).mailboxes.find(id);
  if (!box) throw NotFound("Mailbox");
  const polled = await pollMailbox(actor.orgId, id);
  // The first few now, so the admin sees tickets appear; the job takes the rest within a minute.
  const ingested = polled.stored.length ? await ingestPendingMails({ organizationId: actor.orgId, limit: 20 }) : [];
  const after = await scoped(actor).mailboxes.find(id);
  return { ok: polled.ok, message: polled.message, newMessages: polled.stored.length, ingested: ingested.length, mailbox: after ? toMailboxDto(after) : null };
}
