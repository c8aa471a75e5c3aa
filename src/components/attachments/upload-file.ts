// The one browser-side upload of a file to a ticket (S11), used by the attachments panel, the reply
// composer and the new-ticket form (issue 11): one XMLHttpRequest per file so the caller can show
// progress, then the server's verdict in words. Nothing here decides what is allowed: the API does.
// The words are the reader's (issue 13: messages/attachments.ts), through the caller's translator.
import type { AttachmentTranslator } from "@/components/messages/attachments";

export type UploadOutcome = { state: "done" | "pending" | "rejected"; message: string };

export const ACCEPTED_TYPES = ".jpg,.jpeg,.png,.pdf,.txt,.log";

export function uploadFile(
  ticketId: string,
  file: File,
  opts: { maxBytes: number; commentId?: string; onProgress?: (percent: number) => void; t: AttachmentTranslator },
): Promise<UploadOutcome> {
  const { t } = opts;
  if (file.size > opts.maxBytes) return Promise.resolve({ state: "rejected", message: t("upload.tooLarge", { size: formatSize(opts.maxBytes) }) });
  return new Promise((resolve) => {
    const form = new FormData();
    // The comment first: the server reads fields before the file it streams.
    if (opts.commentId) form.append("commentId", opts.commentId);
    form.append("file", file, file.name);
    const xhr = new XMLHttpRequest();
    xhr.open("POST", `/api/tickets/${ticketId}/attachments`);
    xhr.setRequestHeader("accept", "application/json");
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) opts.onProgress?.(Math.round((e.loaded / e.total) * 100));
    };
    xhr.onload = () => {
      if (xhr.status === 201) resolve({ state: "done", message: t("upload.attached") });
      else if (xhr.status === 202) resolve({ state: "pending", message: t("attachments.why.pending_scan") });
      else resolve({ state: "rejected", message: t("upload.refused", { reason: errorMessage(xhr, t) }) });
    };
    xhr.onerror = () => resolve({ state: "rejected", message: t("upload.unreachable") });
    xhr.send(form);
  });
}

/** The API's own words for a refusal (its message), or ours by status when it sent none. */
function errorMessage(xhr: XMLHttpRequest, t: AttachmentTranslator): string {
  try {
    const body = JSON.parse(xhr.responseText) as { error?: { message?: string } };
    if (body.error?.message) return body.error.message;
  } catch {
    // not JSON
  }
  if (xhr.status === 413) return t("upload.reason.tooLarge");
  if (xhr.status === 429) return t("upload.reason.tooMany");
  return t("upload.reason.other");
}

export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  const mb = bytes / (1024 * 1024);
  return `${Number.isInteger(mb) ? mb : mb.toFixed(1)} MB`;
}
