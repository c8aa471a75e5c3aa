// Serving a file for a download token (S11). The token is used up in the same transaction that audits the
// download; the attachment is re-checked through the actor's visibility (a user demoted or moved since
// the URL was issued gets nothing); the bytes are verified against the SHA-256 taken at upload.
import { createHash } from "node:crypto";
import { requirePermission, type Actor } from "@/auth/actor";
import { inTenantTransaction } from "@/db/scoped";
import { AppError, NotFound } from "@/lib/errors";
import { logger } from "@/lib/logger";
import { storage } from "@/lib/storage";
import { detectType } from "./detect-type";
import { hashDownloadToken, isWellFormedToken } from "./download-token";

export interface DownloadedFile {
  filename: string;
  mimeType: string;
  bytes: Buffer;
  disposition: "attachment" | "inline";
}

const REFUSED = {
  unknown: "This download link is not valid",
  used: "This download link was already used: request a new one",
  expired: "This download link has expired: request a new one",
} as const;

export async function downloadAttachment(actor: Actor, token: string, opts: { inline?: boolean } = {}): Promise<DownloadedFile> {
  requirePermission(actor, "attachments.read");
  if (!isWellFormedToken(token)) throw new AppError("forbidden", REFUSED.unknown);
  const attachment = await inTenantTransaction(actor, async (s) => {
    const used = await s.attachments.consumeDownloadToken(hashDownloadToken(token));
    if ("refused" in used) {
      // Nothing changed, but a refused link is a security-relevant attempt worth recording (S12).
      await s.audit.record({ action: "attachment.download_refused", targetType: "attachment", targetId: null, data: { reason: used.refused } });
      return used;
    }
    const found = await s.attachments.find(used.attachmentId);
    if (!found) return null;
    await s.audit.record({
      action: "attachment.downloaded",
      targetType: "attachment",
      targetId: found.id,
      data: { ticketId: found.ticketId, inline: Boolean(opts.inline) },
    });
    return found;
  });
  if (!attachment) throw NotFound("Attachment");
  if ("refused" in attachment) throw new AppError("forbidden", REFUSED[attachment.refused]);

  const bytes = await storage().get("clean", attachment.storageKey);
  if (!bytes || createHash("sha256").update(bytes).digest("hex") !== attachment.sha256) {
    logger.error(
      { event: "security.attachment_integrity", orgId: actor.orgId, attachmentId: attachment.id, missing: !bytes },
      "stored attachment missing or altered",
    );
    throw new AppError("unavailable", "The file cannot be served right now");
  }
  // Inline only for images whose bytes still pass the full type check; everything else downloads.
  const inline = Boolean(opts.inline) && attachment.mimeType.startsWith("image/") && detectType(bytes, attachment.filename).ok;
  return { filename: attachment.filename, mimeType: attachment.mimeType, bytes, disposition: inline ? "inline" : "attachment" };
}
