// Upload of one file to a ticket (or to one's own comment on it), S11. Order matters:
//   ticket visible? → under the per-ticket cap? → receive (10 MB cap while streaming) → type from bytes and
//   extension → clamd → storage area by verdict → row + audit in one transaction.
// A row is written only after the scan (or, with the scanner down, as `pending_scan`, held and never
// served until retryPendingScans() scans it). Every refusal is audited too.
import { createHash } from "node:crypto";
import { requirePermission, type Actor } from "@/auth/actor";
import { inTenantTransaction, scoped, type Scoped } from "@/db/scoped";
import { requireTicket } from "@/domain/tickets/get-ticket";
import { assertNotClosed } from "@/domain/tickets/ticket-actions";
import { now } from "@/lib/clock";
import { AppError, Conflict, isAppError, NotFound } from "@/lib/errors";
import { logger } from "@/lib/logger";
import { ScannerUnavailable, scanBytes, type ScanVerdict } from "@/lib/scanner/clamd";
import { newStorageKey, storage } from "@/lib/storage";
import { toAttachmentDto, type TAttachmentDto } from "./attachment-dto";
import { attachmentLimits } from "./attachment-limits";
import { detectType } from "./detect-type";
import { sanitizeFilename } from "./sanitize-filename";
import { scanOutcome } from "./scan-outcome";

export interface IncomingUpload {
  filename: string;
  bytes: Buffer;
  fields: Record<string, string>;
}

export type UploadResult =
  | { outcome: "clean" | "pending_scan"; attachment: TAttachmentDto }
  | { outcome: "infected" | "failed"; attachmentId: string; filename: string };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** `receive` reads the request body; it is called only once the ticket is known to be visible. */
export async function uploadAttachment(actor: Actor, ticketId: string, receive: () => Promise<IncomingUpload>): Promise<UploadResult> {
  requirePermission(actor, "attachments.upload");
  const s = scoped(actor);
  const ticket = await requireTicket(actor, ticketId, s);
  // Before a byte of the body is read; re-checked under the row lock below.
  assertNotClosed(ticket);
  const limits = attachmentLimits();
  const rejected = (reason: string, data: Record<string, unknown> = {}) => recordRejection(s, ticket.id, reason, data);

  if ((await s.attachments.countActive(ticket)) >= limits.perTicket) {
    await rejected("ticket_cap");
    throw Conflict(`A ticket can have at most ${limits.perTicket} attachments`);
  }

  let upload: IncomingUpload;
  try {
    upload = await receive();
  } catch (e) {
    if (isAppError(e)) await rejected(e.kind, { message: e.message });
    throw e;
  }

  const filename = sanitizeFilename(upload.filename);
  const commentId = upload.fields.commentId?.trim() || null;
  let internal = false;
  if (commentId) {
    const comment = UUID.test(commentId) ? await s.attachments.findOwnComment(ticket, commentId) : null;
    if (!comment) {
      await rejected("comment_not_found", { filename });
      throw NotFound("Comment");
    }
    internal = comment.internal;
  }

  const detection = detectType(upload.bytes, filename);
  if (!detection.ok) {
    await rejected("type", { filename, detected: detection.detected ?? null, sizeBytes: upload.bytes.length });
    throw new AppError("unsupported_media_type", detection.reason);
  }

  const sha256 = createHash("sha256").update(upload.bytes).digest("hex");
  const storageKey = newStorageKey();
  let verdict: ScanVerdict | null;
  try {
    verdict = await scanBytes(upload.bytes);
  } catch (e) {
    if (!(e instanceof ScannerUnavailable)) throw e;
    logger.warn(
      { event: "attachment.scanner_unavailable", orgId: actor.orgId, ticketId: ticket.id, err: e.message },
      "clamd unavailable: upload held as pending",
    );
    verdict = null;
  }
  const outcome = scanOutcome(verdict);
  await storage().put(outcome.area, storageKey, upload.bytes);

  let row: Awaited<ReturnType<Scoped["attachments"]["insert"]>>;
  try {
    row = await inTenantTransaction(actor, async (tx) => {
      // Re-checked under the ticket's row lock: concurrent uploads cannot overshoot the cap.
      const locked = await requireTicket(actor, ticket.id, tx, { forUpdate: true });
      assertNotClosed(locked);
      const counts = outcome.status === "clean" || outcome.status === "pending_scan";
      if (counts && (await tx.attachments.countActive(locked)) >= limits.perTicket) {
        throw Conflict(`A ticket can have at most ${limits.perTicket} attachments`);
      }
      const scanned = verdict ? now() : null;
      const inserted = await tx.attachments.insert(locked, {
        commentId,
        filename,
        mimeType: detection.mimeType,
        sizeBytes: upload.bytes.length,
        sha256,
        storageKey,
        status: outcome.status,
        scanResult: outcome.scanResult,
        scannedAt: scanned,
        scanAttempts: verdict ? 1 : 0,
        internal,
      });
      const quarantined = outcome.area === "quarantine";
      await tx.audit.record({
        action: quarantined ? "attachment.quarantined" : "attachment.uploaded",
        targetType: "attachment",
        targetId: inserted.id,
        data: {
          ticketId: ticket.id,
          commentId,
          filename,
          mimeType: detection.mimeType,
          sizeBytes: inserted.sizeBytes,
          sha256,
          status: outcome.status,
          scanResult: outcome.scanResult,
        },
      });
      return inserted;
    });
  } catch (e) {
    await storage()
      .delete(outcome.area, storageKey)
      .catch(() => undefined);
    throw e;
  }

  if (outcome.area === "quarantine") {
    logger.warn(
      {
        event: "security.attachment_quarantined",
        orgId: actor.orgId,
        userId: actor.userId,
        ticketId: ticket.id,
        attachmentId: row.id,
        sha256,
        scanResult: outcome.scanResult,
      },
      "upload refused by the virus scanner and quarantined",
    );
    return { outcome: row.status as "infected" | "failed", attachmentId: row.id, filename };
  }
  return { outcome: row.status as "clean" | "pending_scan", attachment: toAttachmentDto(row) };
}

async function recordRejection(s: Scoped, ticketId: string, reason: string, data: Record<string, unknown>): Promise<void> {
  await s.audit.record({ action: "attachment.rejected", targetType: "ticket", targetId: ticketId, data: { reason, ...data } });
}
