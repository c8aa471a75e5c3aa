// The one browser-side upload of a file to a ticket (S11), used by the attachments panel, the reply
// composer and the new-ticket form (issue 11): one XMLHttpRequest per file so the caller can show
// progress, then the server's verdict in words. Nothing here decides what is allowed: the API does.

export type UploadOutcome = { state: "done" | "pending" | "rejected"; message: string };

/** What a file that waits for the scanner says, wherever it is shown. */
export const WAITING_FOR_SCAN = "Received. Waiting for the virus scan before anyone can download it.";

export const ACCEPTED_TYPES = ".jpg,.jpeg,.png,.pdf,.txt,.log";

export function uploadFile(
  ticketId: string,
  file: File,
  opts: { maxBytes: number; commentId?: string; onProgress?: (percent: number) => void },
): Promise<UploadOutcome> {
  if (file.size > opts.maxBytes) return Promise.resolve({ state: "rejected", message: `Not attached: larger than ${formatSize(opts.maxBytes)}.` });
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
      if (xhr.status === 201) resolve({ state: "done", message: "Attached." });
      else if (xhr.status === 202) resolve({ state: "pending", message: WAITING_FOR_SCAN });
      else resolve({ state: "rejected", message: `Not attached: ${errorMessage(xhr)}` });
    };
    xhr.onerror = () => resolve({ state: "rejected", message: "Not attached: could not reach the server." });
    xhr.send(form);
  });
}

function errorMessage(xhr: XMLHttpRequest): string {
  try {
    const body = JSON.parse(xhr.responseText) as { error?: { message?: string } };
    if (body.error?.message) return body.error.message;
  } catch {
    // not JSON
  }
  if (xhr.status === 413) return "the file is too large.";
  if (xhr.status === 429) return "too many uploads, wait a moment.";
  return "the server refused it.";
}

export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  const mb = bytes / (1024 * 1024);
  return `${Number.isInteger(mb) ? mb : mb.toFixed(1)} MB`;
}
