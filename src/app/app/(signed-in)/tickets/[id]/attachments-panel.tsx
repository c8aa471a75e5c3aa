"use client";

import { useRouter } from "next/navigation";
import { useRef, useState, type DragEvent } from "react";
import type { TAttachmentDto } from "@/domain/attachments/attachment-dto";

type UploadState = { key: number; name: string; progress: number; state: "uploading" | "done" | "pending" | "rejected"; message: string };

const ACCEPT = ".jpg,.jpeg,.png,.pdf,.txt,.log";

/**
 * Attachments of a ticket (S11): a file picker and a drop zone, one XMLHttpRequest per file so the upload
 * shows progress, then the server's verdict (attached, waiting for the virus scan, or refused and why).
 * Downloads ask the API for a single-use URL and then navigate to it; nothing here links to storage.
 */
export function AttachmentsPanel({ ticketId, items, maxBytes, maxCount }: { ticketId: string; items: TAttachmentDto[]; maxBytes: number; maxCount: number }) {
  const router = useRouter();
  const input = useRef<HTMLInputElement>(null);
  const next = useRef(0);
  const [uploads, setUploads] = useState<UploadState[]>([]);
  const [dragging, setDragging] = useState(false);
  const [downloadError, setDownloadError] = useState<string | null>(null);
  const maxMb = Math.round((maxBytes / (1024 * 1024)) * 10) / 10;

  const update = (key: number, patch: Partial<UploadState>) => setUploads((list) => list.map((u) => (u.key === key ? { ...u, ...patch } : u)));

  function send(file: File): Promise<void> {
    const key = next.current++;
    setUploads((list) => [...list, { key, name: file.name, progress: 0, state: "uploading", message: "Uploading…" }]);
    if (file.size > maxBytes) {
      update(key, { state: "rejected", message: `Not attached: larger than ${maxMb} MB.` });
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const form = new FormData();
      form.append("file", file, file.name);
      const xhr = new XMLHttpRequest();
      xhr.open("POST", `/api/tickets/${ticketId}/attachments`);
      xhr.setRequestHeader("accept", "application/json");
      xhr.upload.onprogress = (e) => {
        if (e.lengthComputable) update(key, { progress: Math.round((e.loaded / e.total) * 100) });
      };
      xhr.onload = () => {
        if (xhr.status === 201) update(key, { state: "done", progress: 100, message: "Attached." });
        else if (xhr.status === 202)
          update(key, { state: "pending", progress: 100, message: "Received. Waiting for the virus scan before anyone can download it." });
        else update(key, { state: "rejected", message: `Not attached: ${errorMessage(xhr)}` });
        resolve();
      };
      xhr.onerror = () => {
        update(key, { state: "rejected", message: "Not attached: could not reach the server." });
        resolve();
      };
      xhr.send(form);
    });
  }

  async function sendAll(files: FileList | null) {
    if (!files || files.length === 0) return;
    // One at a time: the per-ticket cap and the rate limit see them in order, and progress stays readable.
    for (const file of Array.from(files)) await send(file);
    if (input.current) input.current.value = "";
    router.refresh();
  }

  async function download(attachment: TAttachmentDto) {
    setDownloadError(null);
    const res = await fetch(`/api/attachments/${attachment.id}/url`, { headers: { accept: "application/json" }, credentials: "same-origin" }).catch(() => null);
    const body = (await res?.json().catch(() => null)) as { url?: string } | null;
    if (!res?.ok || !body?.url) {
      setDownloadError(`Could not download ${attachment.filename}. Reload the page and try again.`);
      return;
    }
    window.location.assign(body.url);
  }

  function onDrop(e: DragEvent<HTMLDivElement>) {
    e.preventDefault();
    setDragging(false);
    void sendAll(e.dataTransfer.files);
  }

  return (
    <div className="attachments">
      {items.length === 0 ? (
        <p className="muted">No attachments yet.</p>
      ) : (
        <ul className="attachment-list" aria-labelledby="attachments-title">
          {items.map((a) => (
            <li key={a.id} className="attachment-item">
              {a.status === "clean" ? (
                <button type="button" className="link-button" onClick={() => void download(a)}>
                  <span className="sr-only">Download </span>
                  {a.filename}
                </button>
              ) : (
                <span>{a.filename}</span>
              )}
              <span className="muted attachment-meta">{formatSize(a.sizeBytes)}</span>
              {a.internal && <span className="badge badge-internal">Internal</span>}
              {a.status === "pending_scan" && <span className="badge badge-pending">Waiting for virus scan</span>}
            </li>
          ))}
        </ul>
      )}
      {downloadError && (
        <p className="alert alert-error" role="alert">
          {downloadError}
        </p>
      )}

      {/* biome-ignore lint/a11y/noStaticElementInteractions: dropping is a shortcut for mouse users; the labelled file input inside is the accessible control */}
      <div
        className={`dropzone${dragging ? " dropzone-active" : ""}`}
        onDragOver={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
      >
        <input ref={input} id="attach-files" type="file" multiple accept={ACCEPT} className="file-input" onChange={(e) => void sendAll(e.target.files)} />
        <label htmlFor="attach-files" className="btn">
          Attach files
        </label>
        <span className="muted">
          or drop them here. JPEG, PNG, PDF or plain text, up to {maxMb} MB each, {maxCount} per ticket.
        </span>
      </div>

      {uploads.length > 0 && (
        <ul className="upload-list" aria-label="Uploads" aria-live="polite">
          {uploads.map((u) => (
            <li key={u.key} className={`upload-item upload-${u.state}`}>
              <span className="upload-name">{u.name}</span>
              {u.state === "uploading" ? (
                <progress max={100} value={u.progress} aria-label={`Uploading ${u.name}`} />
              ) : (
                <span role={u.state === "rejected" ? "alert" : undefined}>{u.message}</span>
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
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

function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}
