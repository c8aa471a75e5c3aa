"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { sendJson, type ApiError } from "@/components/api/send-json";
import { FieldError } from "@/components/forms/field-error";
import { PRIORITY_LABELS, PRIORITY_ORDER } from "@/components/tickets/labels";

export function NewTicketForm({ canSetPriority, titleMax, descriptionMax }: { canSetPriority: boolean; titleMax: number; descriptionMax: number }) {
  const router = useRouter();
  const [error, setError] = useState<ApiError | null>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const body: Record<string, string> = {
      title: String(data.get("title") ?? ""),
      descriptionMd: String(data.get("descriptionMd") ?? ""),
    };
    if (canSetPriority) body.priority = String(data.get("priority") ?? "normal");
    setPending(true);
    setError(null);
    const result = await sendJson<{ id: string }>("POST", "/api/tickets", body);
    if (!result.ok) {
      setError(result.error);
      setPending(false);
      return;
    }
    router.push(`/app/tickets/${result.data.id}`);
  }

  const fields = error?.fieldErrors ?? {};
  return (
    <form onSubmit={onSubmit}>
      {error && (
        <p className="alert alert-error" role="alert">
          {error.message}
        </p>
      )}
      <div className="field">
        <label htmlFor="ticket-title">Title</label>
        <input
          id="ticket-title"
          name="title"
          className="input"
          required
          maxLength={titleMax}
          autoFocus
          aria-invalid={fields.title ? true : undefined}
          aria-describedby={fields.title ? "ticket-title-error" : undefined}
        />
        <FieldError id="ticket-title-error" label="Title" message={fields.title} />
      </div>
      <div className="field">
        <label htmlFor="ticket-description">Description</label>
        <textarea
          id="ticket-description"
          name="descriptionMd"
          className="textarea"
          rows={10}
          maxLength={descriptionMax}
          aria-invalid={fields.descriptionMd ? true : undefined}
          aria-describedby={`ticket-description-hint${fields.descriptionMd ? " ticket-description-error" : ""}`}
        />
        <p id="ticket-description-hint" className="field-hint">
          Markdown is supported: **bold**, lists, `code`, links.
        </p>
        <FieldError id="ticket-description-error" label="Description" message={fields.descriptionMd} />
      </div>
      {canSetPriority && (
        <div className="field">
          <label htmlFor="ticket-priority">Priority</label>
          <select
            id="ticket-priority"
            name="priority"
            className="select"
            defaultValue="normal"
            aria-invalid={fields.priority ? true : undefined}
            aria-describedby={fields.priority ? "ticket-priority-error" : undefined}
          >
            {PRIORITY_ORDER.map((p) => (
              <option key={p} value={p}>
                {PRIORITY_LABELS[p]}
              </option>
            ))}
          </select>
          <FieldError id="ticket-priority-error" label="Priority" message={fields.priority} />
        </div>
      )}
      <div className="form-actions form-actions-end">
        <button type="submit" className="btn btn-primary" disabled={pending} aria-busy={pending}>
          Create ticket
        </button>
      </div>
    </form>
  );
}
