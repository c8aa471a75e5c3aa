import { attachmentLimits } from "@/domain/attachments/attachment-limits";
import { listAttachments } from "@/domain/attachments/list-attachments";
import { uploadAttachment } from "@/domain/attachments/upload-attachment";
import { readSingleFileUpload } from "@/http/multipart";
import { json } from "@/http/respond";
import { route } from "@/http/route";

export const GET = route({ name: "attachments.list" }, ({ actor, params }) => listAttachments(actor, params.id!));

// Multipart, streamed by the handler (rawBody: "stream") so the 10 MB cap holds without buffering the body.
export const POST = route({ name: "attachments.upload", rawBody: "stream" }, async ({ actor, params, req }) => {
  const result = await uploadAttachment(actor, params.id!, () =>
    readSingleFileUpload(req, { maxFileBytes: attachmentLimits().maxFileBytes, fields: ["commentId"] }),
  );
  switch (result.outcome) {
    case "clean":
      return json(result.attachment, { status: 201 });
    case "pending_scan":
      // Accepted, not yet available: the virus scanner is unreachable; a job scans it later.
      return json(result.attachment, { status: 202 });
    case "infected":
      return json(
        { error: { code: "infected", message: "The virus scanner found malware in this file. It was quarantined and will not be shared." } },
        { status: 422 },
      );
    case "failed":
      return json(
        { error: { code: "scan_failed", message: "The virus scanner could not verify this file. It was quarantined and will not be shared." } },
        { status: 422 },
      );
  }
});
