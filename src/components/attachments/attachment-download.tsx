"use client";

import { useState } from "react";
import { ATTACHMENT_MESSAGES } from "@/components/messages/attachments";
import { useMessages } from "@/components/messages/use-messages";
import type { TAttachmentDto } from "@/domain/attachments/attachment-dto";

/**
 * A clean attachment's name as a download button (S11): it asks the API for a single-use URL and then
 * navigates to it; nothing links to storage. Files that are not clean render as plain text.
 */
export function AttachmentDownload({ attachment }: { attachment: Pick<TAttachmentDto, "id" | "filename" | "status"> }) {
  const t = useMessages(ATTACHMENT_MESSAGES);
  const [error, setError] = useState<string | null>(null);
  if (attachment.status !== "clean") return <span className="attachment-name">{attachment.filename}</span>;

  async function download() {
    setError(null);
    const res = await fetch(`/api/attachments/${attachment.id}/url`, { headers: { accept: "application/json" }, credentials: "same-origin" }).catch(() => null);
    const body = (await res?.json().catch(() => null)) as { url?: string } | null;
    if (!res?.ok || !body?.url) {
      setError(t("attachments.downloadFailed", { name: attachment.filename }));
      return;
    }
    window.location.assign(body.url);
  }

  // "Download {name}": only the name is visible; the words around it are for screen readers.
  const [before = "", after = ""] = t("attachments.downloadName").split("{name}");
  return (
    <>
      <button type="button" className="link-button attachment-name" onClick={() => void download()}>
        {before && <span className="sr-only">{before}</span>}
        {attachment.filename}
        {after && <span className="sr-only">{after}</span>}
      </button>
      {error && (
        <span className="field-error" role="alert">
          {error}
        </span>
      )}
    </>
  );
}
