"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { sendJson } from "@/components/api/send-json";
import { Field, FormAlert } from "@/components/forms/field";
import { SubmitButton } from "@/components/forms/submit-button";
import { useFormSubmit } from "@/components/forms/use-form-submit";

/** Posts a reply (or, for staff, an internal note) through the comments API, then re-renders the page. */
export function CommentForm({ ticketId, canWriteInternal, maxLength }: { ticketId: string; canWriteInternal: boolean; maxLength: number }) {
  const router = useRouter();
  const [body, setBody] = useState("");
  const [internal, setInternal] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const { pending, error, fieldErrors, onSubmit } = useFormSubmit();

  const submit = onSubmit(
    () => {
      setDone(null);
      // `internal` is sent only when true, so a requester's request never even names the field.
      return sendJson("POST", `/api/tickets/${ticketId}/comments`, internal ? { bodyMd: body, internal: true } : { bodyMd: body });
    },
    () => {
      setBody("");
      setInternal(false);
      setDone(internal ? "Internal note added." : "Reply added.");
      router.refresh();
    },
  );

  const bodyError = fieldErrors.bodyMd;
  return (
    <form onSubmit={submit} className={internal ? "reply-internal" : undefined}>
      <FormAlert message={bodyError ? undefined : error?.message} />
      <Field
        as="textarea"
        label="Reply"
        name="bodyMd"
        rows={5}
        required
        maxLength={maxLength}
        value={body}
        onChange={(e) => {
          setBody(e.target.value);
          setDone(null);
        }}
        hint={
          internal
            ? "Only agents and admins will see this note."
            : canWriteInternal
              ? "Markdown is supported. The requester will see this reply."
              : "Markdown is supported."
        }
        error={bodyError}
      />
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
        <SubmitButton pending={pending}>Add reply</SubmitButton>
      </div>
    </form>
  );
}
