"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { sendJson } from "@/components/api/send-json";
import { Field, FormAlert } from "@/components/forms/field";
import { SubmitButton } from "@/components/forms/submit-button";
import { useFormSubmit } from "@/components/forms/use-form-submit";

function isoDay(d: Date) {
  return d.toISOString().slice(0, 10);
}

export function ExportForm({ canIncludeInternal }: { canIncludeInternal: boolean }) {
  const router = useRouter();
  const today = new Date();
  const { pending, error, fieldErrors, onSubmit } = useFormSubmit();
  const [notice, setNotice] = useState<string | null>(null);

  const submit = onSubmit(
    (form) => {
      const to = new Date(String(form.get("to")));
      to.setUTCDate(to.getUTCDate() + 1); // the "to" day is included
      return sendJson("POST", "/api/exports", {
        format: form.get("format"),
        from: form.get("from"),
        to: isoDay(to),
        includeInternal: form.get("includeInternal") === "on",
      });
    },
    () => {
      setNotice("Export queued. It appears below, and its Download button shows as soon as it is ready.");
      router.refresh();
    },
  );

  return (
    <form onSubmit={submit} noValidate>
      <FormAlert message={error?.message} />
      {notice && (
        <p className="alert" role="status">
          {notice}
        </p>
      )}
      <Field as="select" label="Format" name="format" defaultValue="csv" error={fieldErrors.format}>
        <option value="csv">CSV</option>
        <option value="json">JSON</option>
      </Field>
      <Field label="From" name="from" type="date" required defaultValue={isoDay(new Date(today.getTime() - 30 * 86_400_000))} error={fieldErrors.from} />
      <Field label="To" name="to" type="date" required defaultValue={isoDay(today)} error={fieldErrors.to} />
      {canIncludeInternal && (
        <div className="field">
          <label>
            <input type="checkbox" name="includeInternal" /> Include internal notes
          </label>
        </div>
      )}
      <div className="form-actions form-actions-end">
        <SubmitButton pending={pending}>Start export</SubmitButton>
      </div>
    </form>
  );
}
