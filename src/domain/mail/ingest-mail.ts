// The one ingestion path (issue 12): every stored mail, from IMAP or the SMTP listener, ends here, in the
// mail-ingest job. In order:
//   automated (auto-reply, bounce, list)? → ignored, nothing created, nobody notified
//   more than MAIL_SENDER_MAX_PER_HOUR from this address? → ignored (loop protection)
//   SPF/DKIM/DMARC; a staff address, or DMARC failing under reject/quarantine → held for an agent's review
//   sender unknown → the organization's acceptance rule; a new unverified contact, or ignored
//   reply address or In-Reply-To/References → that ticket, if the sender is its requester; otherwise a new
//   ticket (a non-participant never writes on someone else's ticket); a closed ticket gets a follow-up
//   body → Markdown (sanitised, quotes cut); the ticket or comment and the mail's link to it commit
//   together, once; files → the upload pipeline (ClamAV, quarantine).
// The ticket and comment are made by the ordinary use-cases, acting as the sender, so SLA, audit,
// timeline and notifications are what they are for a reply typed in the browser.
import { randomUUID } from "node:crypto";
import { actorForUser, systemActor } from "@/auth/system-actor";
import type { Actor } from "@/auth/actor";
import { roleCan } from "@/auth/permissions";
import type { InboundMail, TInboundStatus } from "@/db/schema";
import { type InboundOutcome, type Scoped, scoped } from "@/db/scoped";
import { unsafeClaimInbound } from "@/db/unsafe-mail";
import { addComment } from "@/domain/comments/add-comment";
import { COMMENT_MAX } from "@/domain/comments/comments.schemas";
import { createTicket } from "@/domain/tickets/create-ticket";
import { DESCRIPTION_MAX, TITLE_MAX } from "@/domain/tickets/tickets.schemas";
import { now } from "@/lib/clock";
import { env } from "@/lib/env";
import { logger } from "@/lib/logger";
import { safeErrorSummary } from "@/lib/log-safe";
import { checkSenderAuth, type SenderAuth } from "@/lib/mail/sender-auth";
import { acceptanceRefusal } from "./acceptance";
import { automatedMailReason } from "./automated-mail";
import { attachMailFiles, type FileResult } from "./mail-attachments";
import { mailBodyToMarkdown } from "./mail-body";
import { findMailTarget } from "./mail-target";
import { subjectToTitle, toSingleLineText } from "./mail-text";
import { type ReadMail, readMail } from "./read-mail";

const LEASE_MS = 5 * 60_000;
/** A mail that keeps failing (a bug, not a verdict) is given up after this many tries, kept for audit. */
const MAX_ATTEMPTS = 5;

export interface IngestResult {
  id: string;
  organizationId: string;
  status: TInboundStatus;
  outcome: string;
  ticketId: string | null;
}

/** Processes waiting mail: the one named (the job sent for it), else the oldest of any organization. */
export async function ingestPendingMails(opts: { id?: string; organizationId?: string; limit?: number } = {}): Promise<IngestResult[]> {
  const results: IngestResult[] = [];
  const limit = opts.id ? 1 : (opts.limit ?? 50);
  for (let i = 0; i < limit; i++) {
    const claim = await unsafeClaimInbound(now(), LEASE_MS, opts);
    if (!claim) break;
    results.push(await ingestClaimed(claim.id, claim.organizationId));
  }
  return results;
}

async function ingestClaimed(id: string, organizationId: string): Promise<IngestResult> {
  const s = scoped(systemActor(organizationId, "mail-in"));
  const mail = (await s.inboundMail.find(id))!;
  let result: InboundOutcome;
  try {
    result = await processMail(s, mail);
  } catch (e) {
    const giveUp = mail.attempts >= MAX_ATTEMPTS;
    logger.error(
      { event: "mail.ingest_error", orgId: organizationId, inboundMailId: id, attempt: mail.attempts, giveUp, err: safeErrorSummary(e) },
      "mail ingest failed",
    );
    if (!giveUp) {
      await s.inboundMail.requeue(id);
      return { id, organizationId, status: "pending", outcome: "will be tried again", ticketId: null };
    }
    result = { status: "failed", outcome: `Could not be processed after ${mail.attempts} attempts; kept for review` };
  }
  await s.inboundMail.finish(id, result);
  logger.info(
    { event: "mail.ingested", orgId: organizationId, inboundMailId: id, status: result.status, ticketId: result.ticketId ?? null },
    `inbound mail ${result.status}`,
  );
  return { id, organizationId, status: result.status, outcome: result.outcome, ticketId: result.ticketId ?? mail.ticketId ?? null };
}

const ignored = (why: string): InboundOutcome => ({ status: "ignored", outcome: `Ignored: ${why}` });

async function processMail(s: Scoped, mail: InboundMail): Promise<InboundOutcome> {
  // A worker died after the ticket or comment committed: that part is done, once.
  if (mail.ticketId) return { status: "done", outcome: "Processed (finished after an interruption)" };
  if (!mail.raw) return { status: "failed", outcome: "The raw message is no longer kept" };
  const read = await readMail(mail.raw);
  const automated = automatedMailReason({
    headers: read.headers,
    envelopeFrom: mail.source === "smtp" && mail.envelopeFrom !== null ? mail.envelopeFrom : undefined,
    from: read.from?.address,
    contentType: read.contentType,
  });
  if (automated) return ignored(automated);
  if (!read.from) return ignored("no sender address in From");
  const address = read.from.address;

  const decided = await s.inboundMail.heldFor(mail.id);
  const reviewed = decided?.status === "accepted";
  if (!reviewed) {
    const max = env().MAIL_SENDER_MAX_PER_HOUR;
    const recent = await s.inboundMail.countFromSince(address, new Date(now().getTime() - 3600_000), mail.id);
    if (recent >= max) {
      logger.warn({ event: "security.mail_loop_limited", orgId: s.actor.orgId, inboundMailId: mail.id, recent }, "inbound mail over the per-address limit");
      return ignored(`more than ${max} mails from this address in an hour (loop protection)`);
    }
  }

  const auth = await checkSenderAuth(
    mail.raw,
    mail.source === "smtp" ? { ip: mail.remoteIp ?? undefined, helo: mail.helo ?? undefined, mailFrom: mail.envelopeFrom ?? undefined } : null,
  );
  const authResults = { ...auth };
  let sender = await s.users.byAddress(address);

  if (!reviewed) {
    const hold = holdReason(sender, auth, address);
    if (hold) {
      await s.inboundMail.hold(mail, hold.reason, hold.text);
      await s.audit.record({ action: "mail.held", targetType: "inbound_mail", targetId: mail.id, data: { reason: hold.reason, from: address, ...auth } });
      logger.warn({ event: "security.mail_held", orgId: s.actor.orgId, inboundMailId: mail.id, reason: hold.reason }, "inbound mail held for review");
      return { status: "held", outcome: `Held for review: ${hold.text}`, authResults };
    }
  }

  if (sender && !sender.active) return { ...ignored("the sender's account is deactivated"), authResults };
  if (!sender) {
    const refusal = acceptanceRefusal(await s.mailboxes.settings(), address);
    if (refusal) return { ...ignored(refusal), authResults };
    const name = toSingleLineText(read.from.name).slice(0, 120) || address.split("@")[0]!.slice(0, 120);
    await s.users.insertMailContact({ id: randomUUID(), name, email: address });
    sender = await s.users.byAddress(address);
    if (!sender) throw new Error("mail contact vanished");
    await s.audit.record({ action: "user.mail_contact_created", targetType: "user", targetId: sender.id, data: { inboundMailId: mail.id } });
  }

  const actor: Actor = { ...actorForUser(sender, s.actor.orgId, { addressVerified: true }), ip: mail.remoteIp, userAgent: "inbound e-mail" };
  const target = await findMailTarget(s, mail, read);
  const ticket = target.ticket;
  const participant = ticket !== null && (ticket.requesterId === sender.id || (reviewed && roleCan(sender.role, "comments.counts_as_response")));
  const notes = [target.note];
  if (ticket && !participant) notes.push(`the sender is not a participant of ticket #${ticket.number}, so it became a new ticket`);

  const written = await write(
    actor,
    mail,
    read,
    participant && ticket?.status !== "closed" ? ticket : null,
    participant && ticket?.status === "closed" ? ticket.id : null,
  );
  if ("skip" in written) return { ...ignored(written.skip), authResults };
  const files = read.files.length ? await attachMailFiles(actor, written.ticketId, written.commentId, read.files) : [];
  const outcome = [written.summary, ...notes.filter(Boolean), filesSummary(files)].filter(Boolean).join("; ");
  return { status: "done", outcome, ticketId: written.ticketId, commentId: written.commentId, authResults };
}

function holdReason(sender: { role: Parameters<typeof roleCan>[0]; name: string } | null, auth: SenderAuth, address: string) {
  if (sender && roleCan(sender.role, "tickets.read.all")) {
    return {
      reason: "staff_sender" as const,
      text: `${address} is a staff address (${sender.name}); staff answer in the helpdesk, so mail in their name may be forged`,
    };
  }
  if (auth.dmarc === "fail" && (auth.dmarcPolicy === "reject" || auth.dmarcPolicy === "quarantine")) {
    return {
      reason: "dmarc_fail" as const,
      text: `DMARC failed for ${auth.dmarcDomain ?? address.split("@")[1]}, which asks receivers to ${auth.dmarcPolicy} such mail (SPF ${auth.spf}, DKIM ${auth.dkim})`,
    };
  }
  return null;
}

class AlreadyIngested extends Error {}

type Written = { ticketId: string; commentId: string | null; summary: string } | { skip: string };

/** The ticket or comment, with the mail's link to it in the same transaction (so it is made once). */
async function write(
  actor: Actor,
  mail: InboundMail,
  read: ReadMail,
  onTicket: { id: string; number: number } | null,
  followUpOf: string | null,
): Promise<Written> {
  const link = (tx: Scoped, ticket: Parameters<Scoped["mailMessages"]["record"]>[0], commentId: string | null) =>
    (async () => {
      if (!(await tx.inboundMail.link(mail.id, { ticketId: ticket.id, commentId }))) throw new AlreadyIngested();
      await tx.mailMessages.record(ticket, { messageId: mail.messageId, direction: "inbound", commentId });
    })();
  try {
    if (onTicket) {
      const body = mailBodyToMarkdown(read, COMMENT_MAX);
      if (!body && read.files.length === 0) return { skip: `the reply to ticket #${onTicket.number} has no new text` };
      const { comment } = await addComment(actor, onTicket.id, { bodyMd: body || "(files only)", internal: false }, undefined, {
        viaEmail: true,
        alsoInTransaction: (tx, ticket, c) => link(tx, ticket, c.id),
      });
      return { ticketId: onTicket.id, commentId: comment.id, summary: `Added to ticket #${onTicket.number}` };
    }
    const created = await createTicket(
      actor,
      { title: subjectToTitle(read.subject, TITLE_MAX), descriptionMd: mailBodyToMarkdown(read, DESCRIPTION_MAX), ...(followUpOf ? { followUpOf } : {}) },
      { viaEmail: true, alsoInTransaction: (tx, ticket) => link(tx, ticket, null) },
    );
    return { ticketId: created.id, commentId: null, summary: `Opened ticket #${created.number}${followUpOf ? " (a follow-up of a closed ticket)" : ""}` };
  } catch (e) {
    if (e instanceof AlreadyIngested) return { skip: "already processed by another worker" };
    throw e;
  }
}

function filesSummary(files: FileResult[]): string | null {
  if (files.length === 0) return null;
  return `files: ${files.map((f) => `${f.filename} ${f.outcome}`).join(", ")}`.slice(0, 300);
}

/** For tests and the held-mail review: ingest one stored mail now, in this process. */
export async function ingestNow(id: string): Promise<IngestResult | null> {
  const [result] = await ingestPendingMails({ id });
  return result ?? null;
}
