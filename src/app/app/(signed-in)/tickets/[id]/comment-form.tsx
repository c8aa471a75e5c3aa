"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { sendJson, type ApiError } from "@/components/api/send-json";
import { FieldError } from "@/components/forms/field-error";

/** Posts a reply (or, for staff, an internal note) through the comments API, then re-renders the page. */
export function CommentForm({ ticketId, canWriteInternal, maxLength }: { ticketId: string; canWriteInternal: boolean; maxLength: number }) {
  const router = useRouter();
  const [body, setBody] = useState("");
  const [internal, setInternal] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setPending(true);
    setError(null);
    setDone(null);
    // `internal` is sent only when true, so a requester's request never even names the field.
    const result = await sendJson("POST", `/api/tickets/${ticketId}/comments`, internal ? { bodyMd: body, internal: true } : { bodyMd: body });
    setPending(false);
    if (!result.ok) {
      setError(result.error);
      return;
    }
    setBody("");
    setInternal(false);
    setDone(internal ? "Internal note added." : "Reply added.");
    router.refresh();
  }

  const bodyError = error?.fieldErrors.bodyMd;
  return (
    <form onSubmit={onSubmit} className={internal ? "reply-internal" : undefined}>
      {error && !bodyError && (
        <p className="alert alert-error" role="alert">
          {error.message}
        </p>
      )}
      <div className="field">
        <label htmlFor="reply-body">Reply</label>
        <textarea
          id="reply-body"
          name="bodyMd"
          className="textarea"
          rows={5}
          required
          maxLength={maxLength}
          value={body}
          onChange={(e) => {
            setBody(e.target.value);
            setDone(null);
          }}
          aria-invalid={bodyError ? true : undefined}
          aria-describedby={`reply-hint${bodyError ? " reply-error" : ""}`}
        />
        <p id="reply-hint" className="field-hint">
          {internal
            ? "Only agents and admins will see this note."
            : canWriteInternal
              ? "Markdown is supported. The requester will see this reply."
              : "Markdown is supported."}
        </p>
        <FieldError id="reply-error" label="Reply" message={bodyError} />
      </div>
      <div className="form-actions">
        {canWriteInternal && (
          <label className="checkbox">
            <input type="checkbox" name="internal" checked={internal} onChange={(e) => setInternal(e.target.checked)} />
            Internal note
          </label>
        )}
        <span className="status-text" role="status">
          {done}
        </span>
        <span className="form-actions-spacer" />
        <button type="submit" className="btn btn-primary" disabled={pending} aria-busy={pending}>
          Add reply
        </button>
      </div>
    </form>
  );
}
