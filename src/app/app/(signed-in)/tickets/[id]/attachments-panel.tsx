"use client";

import { useRouter } from "next/navigation";
import { useRef, useState, type DragEvent } from "react";
import { AttachmentDownload } from "@/components/attachments/attachment-download";
import { AttachmentState } from "@/components/attachments/attachment-state";
import { ACCEPTED_TYPES, formatSize } from "@/components/attachments/upload-file";
import { UploadList, useUploads } from "@/components/attachments/upload-list";
import { ATTACHMENT_MESSAGES } from "@/components/messages/attachments";
import { useMessages } from "@/components/messages/use-messages";
import type { TAttachmentDto } from "@/domain/attachments/attachment-dto";

/**
 * Attachments of a ticket (S11): a file picker and a drop zone, one request per file so the upload shows
 * progress, then the server's verdict (attached, waiting for the virus scan, or refused and why). Staff
 * see every file with its scan state (issue 11); only clean ones download.
 */
export function AttachmentsPanel({ ticketId, items, maxBytes, maxCount }: { ticketId: string; items: TAttachmentDto[]; maxBytes: number; maxCount: number }) {
  const t = useMessages(ATTACHMENT_MESSAGES);
  const router = useRouter();
  const input = useRef<HTMLInputElement>(null);
  const [dragging, setDragging] = useState(false);
  const { uploads, uploadAll } = useUploads(maxBytes);

  async function sendAll(files: FileList | null) {
    if (!files || files.length === 0) return;
    await uploadAll(ticketId, Array.from(files));
    if (input.current) input.current.value = "";
    router.refresh();
  }

  function onDrop(e: DragEvent<HTMLDivElement>) {
    e.preventDefault();
    setDragging(false);
    void sendAll(e.dataTransfer.files);
  }

  return (
    <div className="attachments">
      {items.length === 0 ? (
        <p className="muted">{t("attachments.none")}</p>
      ) : (
        <ul className="attachment-list" aria-labelledby="attachments-title">
          {items.map((a) => (
            <li key={a.id} className="attachment-item">
              <AttachmentDownload attachment={a} />
              <span className="muted attachment-meta">{formatSize(a.sizeBytes)}</span>
              {a.internal && <span className="badge badge-internal">{t("attachments.internal")}</span>}
              <AttachmentState status={a.status} t={t} />
            </li>
          ))}
        </ul>
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
        <input
          ref={input}
          id="attach-files"
          type="file"
          multiple
          accept={ACCEPTED_TYPES}
          className="file-input"
          onChange={(e) => void sendAll(e.target.files)}
        />
        <label htmlFor="attach-files" className="btn">
          {t("attachments.attachFiles")}
        </label>
        <span className="muted">{t("attachments.dropHint", { size: formatSize(maxBytes), count: maxCount })}</span>
      </div>

      <UploadList uploads={uploads} />
    </div>
  );
}
