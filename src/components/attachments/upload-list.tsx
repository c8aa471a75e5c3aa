"use client";

import { useRef, useState } from "react";
import { uploadFile, type UploadOutcome } from "./upload-file";

export type UploadState = { key: number; name: string; progress: number; state: "uploading" | UploadOutcome["state"]; message: string };

/**
 * Uploads files to a ticket one at a time (the per-ticket cap and the rate limit see them in order, and
 * progress stays readable) and keeps each file's progress and verdict for <UploadList>.
 */
export function useUploads(maxBytes: number) {
  const next = useRef(0);
  const [uploads, setUploads] = useState<UploadState[]>([]);
  const update = (key: number, patch: Partial<UploadState>) => setUploads((list) => list.map((u) => (u.key === key ? { ...u, ...patch } : u)));

  async function uploadAll(ticketId: string, files: File[], commentId?: string): Promise<UploadOutcome[]> {
    const outcomes: UploadOutcome[] = [];
    for (const file of files) {
      const key = next.current++;
      setUploads((list) => [...list, { key, name: file.name, progress: 0, state: "uploading", message: "Uploading…" }]);
      const outcome = await uploadFile(ticketId, file, { maxBytes, commentId, onProgress: (progress) => update(key, { progress }) });
      update(key, { ...outcome, progress: 100 });
      outcomes.push(outcome);
    }
    return outcomes;
  }

  return { uploads, uploadAll, clear: () => setUploads([]) };
}

/** Progress while a file travels, then its verdict in words. */
export function UploadList({ uploads, label = "Uploads" }: { uploads: UploadState[]; label?: string }) {
  if (uploads.length === 0) return null;
  return (
    <ul className="upload-list" aria-label={label} aria-live="polite">
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
  );
}
