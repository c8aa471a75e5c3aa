import { requirePermission, type Actor } from "@/auth/actor";
import { inTenantTransaction } from "@/db/scoped";
import { now } from "@/lib/clock";
import { env } from "@/lib/env";
import { NotFound } from "@/lib/errors";
import { attachmentLimits } from "./attachment-limits";
import { newDownloadToken } from "./download-token";

/**
 * A single-use download URL for a clean attachment the actor may see (S11). Another tenant's id, an
 * internal note's file for a requester, or a file not (yet) clean: the same 404.
 */
export async function issueDownloadUrl(actor: Actor, attachmentId: string): Promise<{ url: string; expiresAt: string }> {
  requirePermission(actor, "attachments.read");
  return inTenantTransaction(actor, async (s) => {
    const attachment = await s.attachments.find(attachmentId);
    if (!attachment) throw NotFound("Attachment");
    const { token, hash } = newDownloadToken();
    const expiresAt = new Date(now().getTime() + attachmentLimits().urlTtlSec * 1000);
    await s.attachments.createDownloadToken(attachment, hash, expiresAt);
    await s.audit.record({
      action: "attachment.download_url_issued",
      targetType: "attachment",
      targetId: attachment.id,
      data: { ticketId: attachment.ticketId, expiresAt: expiresAt.toISOString() },
    });
    const url = new URL("/api/attachments/download", env().APP_URL);
    url.searchParams.set("token", token);
    return { url: url.toString(), expiresAt: expiresAt.toISOString() };
  });
}
