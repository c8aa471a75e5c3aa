"use client";

import { useState } from "react";
import type { TAttachmentDto } from "@/domain/attachments/attachment-dto";

/**
 * A clean attachment's name as a download button (S11): it asks the API for a single-use URL and then
 * navigates to it; nothing links to storage. Files that are not clean render as plain text.
 */
export function AttachmentDownload({ attachment }: { attachment: Pick<TAttachmentDto, "id" | "filename" | "status"> }) {
  const [error, setError] = useState<string | null>(null);
  if (attachment.status !== "clean") return <span className="attachment-name">{attachment.filename}</span>;

  async function download() {
    setError(null);
    const res = await fetch(`/api/attachments/${attachment.id}/url`, { headers: { accept: "application/json" }, credentials: "same-origin" }).catch(() => null);
    const body = (await res?.json().catch(() => null)) as { url?: string } | null;
    if (!res?.ok || !body?.url) {
      setError(`Could not download ${attachment.filename}. Reload the page and try again.`);
      return;
    }
    window.location.assign(body.url);
  }

  return (
    <>
      <button type="button" className="link-button attachment-name" onClick={() => void download()}>
        <span className="sr-only">Download </span>
        {attachment.filename}
      </button>
      {error && (
        <span className="field-error" role="alert">
          {error}
        </span>
      )}
    </>
  );
}
