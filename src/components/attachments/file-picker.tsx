"use client";

import type { ReactNode, RefObject } from "react";
import { ATTACHMENT_MESSAGES } from "@/components/messages/attachments";
import { useMessages } from "@/components/messages/use-messages";
import { ACCEPTED_TYPES, formatSize } from "./upload-file";

/**
 * Files chosen to upload once the ticket or comment they belong to exists (the composer and the new-ticket
 * form): the picker, its button-styled label, and the chosen files or, before any, a hint.
 */
export function FilePicker(props: {
  id: string;
  label: string;
  hint: ReactNode;
  files: File[];
  onChange: (files: File[]) => void;
  inputRef: RefObject<HTMLInputElement | null>;
}) {
  const { id, label, hint, files, onChange, inputRef } = props;
  const t = useMessages(ATTACHMENT_MESSAGES);
  return (
    <div className="composer-files">
      <input
        ref={inputRef}
        id={id}
        type="file"
        multiple
        accept={ACCEPTED_TYPES}
        className="file-input"
        onChange={(e) => onChange(Array.from(e.target.files ?? []))}
      />
      <label htmlFor={id} className="btn btn-quiet">
        {label}
      </label>
      {files.length > 0 ? (
        <ul className="composer-file-list" aria-label={t("attachments.filesToSend")}>
          {files.map((f) => (
            <li key={`${f.name}-${f.size}-${f.lastModified}`}>
              {f.name} <span className="muted">{formatSize(f.size)}</span>
            </li>
          ))}
        </ul>
      ) : (
        <span className="muted">{hint}</span>
      )}
    </div>
  );
}
