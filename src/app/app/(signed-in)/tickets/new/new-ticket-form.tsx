"use client";

import { useRouter } from "next/navigation";
import { sendJson } from "@/components/api/send-json";
import { Field, FormAlert } from "@/components/forms/field";
import { SubmitButton } from "@/components/forms/submit-button";
import { useFormSubmit } from "@/components/forms/use-form-submit";
import { PRIORITY_LABELS, PRIORITY_ORDER } from "@/components/tickets/labels";

export function NewTicketForm({ canSetPriority, titleMax, descriptionMax }: { canSetPriority: boolean; titleMax: number; descriptionMax: number }) {
  const router = useRouter();
  const { pending, error, fieldErrors, onSubmit } = useFormSubmit();

  const submit = onSubmit(
    (data) => {
      const body: Record<string, string> = {
        title: String(data.get("title") ?? ""),
        descriptionMd: String(data.get("descriptionMd") ?? ""),
      };
      if (canSetPriority) body.priority = String(data.get("priority") ?? "normal");
      return sendJson<{ id: string }>("POST", "/api/tickets", body);
    },
    (ticket) => router.push(`/app/tickets/${ticket.id}`),
    { leaves: true },
  );

  return (
    <form onSubmit={submit}>
      <FormAlert message={error?.message} />
      <Field label="Title" name="title" required maxLength={titleMax} autoFocus error={fieldErrors.title} />
      <Field
        as="textarea"
        label="Description"
        name="descriptionMd"
        rows={10}
        maxLength={descriptionMax}
        hint="Markdown is supported: **bold**, lists, `code`, links."
        error={fieldErrors.descriptionMd}
      />
      {canSetPriority && (
        <Field as="select" label="Priority" name="priority" defaultValue="normal" error={fieldErrors.priority}>
          {PRIORITY_ORDER.map((p) => (
            <option key={p} value={p}>
              {PRIORITY_LABELS[p]}
            </option>
          ))}
        </Field>
      )}
      <div className="form-actions form-actions-end">
        <SubmitButton pending={pending}>Create ticket</SubmitButton>
      </div>
    </form>
  );
}
