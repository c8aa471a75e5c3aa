// A mail's files go through the one upload pipeline (S11, issue 12): type from the bytes and the name,
// the size cap, ClamAV before anything is visible, quarantine for what it refuses — exactly what a file
// uploaded in the browser meets. Each file stands alone: one refused file does not lose the others or
// the mail, and every refusal is audited by the pipeline itself.
import type { Actor } from "@/auth/actor";
import { attachmentLimits } from "@/domain/attachments/attachment-limits";
import { uploadAttachment } from "@/domain/attachments/upload-attachment";
import { AppError, isAppError } from "@/lib/errors";
import type { MailFile } from "./read-mail";

export interface FileResult {
  filename: string;
  outcome: string;
}

export async function attachMailFiles(actor: Actor, ticketId: string, commentId: string | null, files: MailFile[]): Promise<FileResult[]> {
  const results: FileResult[] = [];
  const { maxFileBytes } = attachmentLimits();
  for (const file of files) {
    try {
      const uploaded = await uploadAttachment(actor, ticketId, async () => {
        if (file.bytes.length > maxFileBytes) throw new AppError("too_large", `File exceeds ${maxFileBytes} bytes`);
        const fields: Record<string, string> = commentId ? { commentId } : {};
        return { filename: file.filename, bytes: file.bytes, fields };
      });
      results.push({ filename: file.filename, outcome: uploaded.outcome });
    } catch (e) {
      if (!isAppError(e)) throw e;
      results.push({ filename: file.filename, outcome: `refused (${e.kind})` });
    }
  }
  return results;
}
