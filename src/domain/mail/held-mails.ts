// Mail held as possibly forged (issue 12): a staff address as sender, or DMARC failing for a domain that
// asks for reject/quarantine. An agent sees why and decides: accept runs the mail through ingestion
// without the checks that held it (the agent vouched for it), drop keeps it on record as ignored.
// Accepting mail that claims a staff member's address posts it in that person's name, so only an admin
// may (mail.held.accept_staff): an agent could otherwise publish a forged comment "from" a colleague or
// an admin (attack pass B8). Agents still see it and may drop it.
import { can, requirePermission, type Actor } from "@/auth/actor";
import type { HeldMail } from "@/db/schema";
import { inTenantTransaction, scoped } from "@/db/scoped";
import { decodeCursor, toPage } from "@/domain/pagination";
import { Forbidden, NotFound } from "@/lib/errors";
import type { SenderAuth } from "@/lib/mail/sender-auth";
import { ingestNow } from "./ingest-mail";
import { htmlToMarkdown, TEXT_INPUT_MAX } from "./mail-body";
import { clipText, toMultiLineText } from "./mail-text";
import { readMail } from "./read-mail";

/** What the review shows of the mail's text: enough to judge it, never the whole of a huge mail. */
export const HELD_PREVIEW_MAX = 20_000;

export function toHeldMailDto(h: HeldMail) {
  return {
    id: h.id,
    reason: h.reason,
    reasonText: h.reasonText,
    from: h.fromAddress,
    subject: h.subject,
    status: h.status,
    decidedBy: h.decidedBy,
    decidedAt: h.decidedAt?.toISOString() ?? null,
    createdAt: h.createdAt.toISOString(),
  };
}

/**
 * One held mail with what a reviewer needs to decide (attack pass B8): who the sending server said it was,
 * the SPF/DKIM/DMARC verdicts, the text as plain text (shown as text, never as HTML or Markdown: links in a
 * possibly forged mail are not made clickable) and the files it carries. Staff who may review held mail only.
 */
export async function getHeldMail(actor: Actor, id: string) {
  requirePermission(actor, "mail.held.review");
  const found = await scoped(actor).inboundMail.heldWithMail(id);
  if (!found) throw NotFound("Held mail");
  const { held, mail } = found;
  const read = mail.raw ? await readMail(mail.raw) : null;
  const body = read ? toMultiLineText(read.text.trim() ? read.text.slice(0, TEXT_INPUT_MAX) : read.html ? htmlToMarkdown(read.html) : "") : null;
  const auth = (mail.authResults ?? null) as Partial<SenderAuth> | null;
  return {
    ...toHeldMailDto(held),
    source: mail.source,
    envelopeFrom: mail.envelopeFrom,
    remoteIp: mail.remoteIp,
    helo: mail.helo,
    recipients: read?.recipients ?? mail.envelopeTo ?? [],
    receivedAt: mail.receivedAt.toISOString(),
    sizeBytes: mail.sizeBytes,
    auth: auth
      ? {
          spf: auth.spf ?? "none",
          dkim: auth.dkim ?? "none",
          dmarc: auth.dmarc ?? "none",
          dmarcPolicy: auth.dmarcPolicy ?? null,
          dmarcDomain: auth.dmarcDomain ?? null,
        }
      : null,
    // null once the raw message has passed MAIL_RAW_RETENTION_DAYS.
    text: body === null ? null : clipText(body, HELD_PREVIEW_MAX, "\n\n… (cut here for the review)"),
    files: read ? read.files.map((f) => ({ filename: f.filename, sizeBytes: f.bytes.length, inline: f.inline })) : [],
  };
}

export async function listHeldMails(actor: Actor, query: { status?: HeldMail["status"]; cursor?: string; limit: number }) {
  requirePermission(actor, "mail.held.review");
  const rows = await scoped(actor).inboundMail.listHeld({ status: query.status, before: decodeCursor(query.cursor) }, query.limit + 1);
  return toPage(rows, query.limit, toHeldMailDto);
}

export async function acceptHeldMail(actor: Actor, id: string) {
  requirePermission(actor, "mail.held.review");
  const held = await inTenantTransaction(actor, async (s) => {
    const pending = await s.inboundMail.findHeld(id);
    if (!pending) throw NotFound("Held mail");
    if (pending.reason === "staff_sender" && !can(actor, "mail.held.accept_staff")) {
      throw Forbidden("Only an admin can accept mail in a staff member's name; drop it, or ask an admin");
    }
    const row = await s.inboundMail.decideHeld(id, "accepted");
    if (!row) throw NotFound("Held mail");
    await s.inboundMail.requeue(row.inboundMailId);
    await s.audit.record({
      action: "mail.held_accepted",
      targetType: "inbound_mail",
      targetId: row.inboundMailId,
      data: { heldId: row.id, reason: row.reason },
    });
    return row;
  });
  // Now, so the agent sees what it became; the job would take it within a minute otherwise.
  const result = await ingestNow(held.inboundMailId);
  return { ...toHeldMailDto(held), result: result ? { status: result.status, outcome: result.outcome, ticketId: result.ticketId } : null };
}

export async function dropHeldMail(actor: Actor, id: string) {
  requirePermission(actor, "mail.held.review");
  return inTenantTransaction(actor, async (s) => {
    const row = await s.inboundMail.decideHeld(id, "dropped");
    if (!row) throw NotFound("Held mail");
    await s.inboundMail.finish(row.inboundMailId, { status: "ignored", outcome: `Dropped after review by ${actor.name}` });
    await s.audit.record({
      action: "mail.held_dropped",
      targetType: "inbound_mail",
      targetId: row.inboundMailId,
      data: { heldId: row.id, reason: row.reason },
    });
    return toHeldMailDto(row);
  });
}
