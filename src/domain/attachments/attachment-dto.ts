import type { Attachment } from "@/db/schema";

/** The attachment as the API names it; no storage key, hash or scan details leave the server. */
export function toAttachmentDto(a: Attachment) {
  return {
    id: a.id,
    ticketId: a.ticketId,
    commentId: a.commentId,
    uploaderId: a.uploaderId,
    filename: a.filename,
    mimeType: a.mimeType,
    sizeBytes: a.sizeBytes,
    status: a.status,
    internal: a.internal,
    createdAt: a.createdAt.toISOString(),
  };
}
export type TAttachmentDto = ReturnType<typeof toAttachmentDto>;
