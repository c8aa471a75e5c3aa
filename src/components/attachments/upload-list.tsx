"use client";

import { useRef, useState } from "react";
import { ATTACHMENT_MESSAGES } from "@/components/messages/attachments";
import { useMessages } from "@/components/messages/use-messages";
import { uploadFile, type UploadOutcome } from "./upload-file";

export type UploadState = { key: number; name: string; progress: number; state: "uploading" | UploadOutcome["state"]; message: string };

/**
 * Uploads files to a ticket one at a time (the per-ticket cap and the rate limit see them in order, and
 * progress stays readable) and keeps each file's progress and verdict for <UploadList>.
 */
export function useUploads(maxBytes: number) {
  const t = useMessages(ATTACHMENT_MESSAGES);
  const next = useRef(0);
  const [uploads, setUploads] = useState<UploadState[]>([]);
  const update = (key: number, patch: Partial<UploadState>) => setUploads((list) => list.map((u) => (u.key === key ? { ...u, ...patch } : u)));

  async function uploadAll(ticketId: string, files: File[], commentId?: string): Promise<UploadOutcome[]> {
    const outcomes: UploadOutcome[] = [];
    for (const file of files) {
      const key = next.current++;
      setUploads((list) => [...list, { key, name: file.name, progress: 0, state: "uploading", message: t("attachments.uploading") }]);
      const outcome = await uploadFile(ticketId, file, { maxBytes, commentId, onProgress: (progress) => update(key, { progress }), t });
      update(key, { ...outcome, progress: 100 });
      outcomes.push(outcome);
    }
    return outcomes;
  }

  return { uploads, uploadAll, clear: () => setUploads([]) };
}

/** Progress while a file travels, then its verdict in words. `label`: the list's name ("Uploads" unless given). */
export function UploadList({ uploads, label }: { uploads: UploadState[]; label?: string }) {
  const t = useMessages(ATTACHMENT_MESSAGES);
  if (uploads.length === 0) return null;
  return (
    <ul className="upload-list" aria-label={label ?? t("attachments.uploads")} aria-live="polite">
      {uploads.map((u) => (
        <li key={u.key} className={`upload-item upload-${u.state}`}>
          <span className="upload-name">{u.name}</span>
          {u.state === "uploading" ? (
            <progress max={100} value={u.progress} aria-label={t("attachments.uploadingFile", { name: u.name })} />
          ) : (
            <span role={u.state === "rejected" ? "alert" : undefined}>{u.message}</span>
          )}
        </li>
      ))}
    </ul>
  );
}
