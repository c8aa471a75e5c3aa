"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { sendJson } from "@/components/api/send-json";
import { Field, FormAlert } from "@/components/forms/field";
import { SubmitButton } from "@/components/forms/submit-button";
import { useFormSubmit } from "@/components/forms/use-form-submit";
import { EXPORTS_MESSAGES } from "@/components/messages/exports";
import { useMessages } from "@/components/messages/use-messages";

function isoDay(d: Date) {
  return d.toISOString().slice(0, 10);
}

export function ExportForm({ canIncludeInternal }: { canIncludeInternal: boolean }) {
  const router = useRouter();
  const t = useMessages(EXPORTS_MESSAGES);
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
      setNotice(t("exports.form.queued"));
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
      <Field as="select" label={t("exports.form.format")} name="format" defaultValue="csv" error={fieldErrors.format}>
        <option value="csv">{t("exports.form.csv")}</option>
        <option value="json">{t("exports.form.json")}</option>
      </Field>
      <Field
        label={t("exports.form.from")}
        name="from"
        type="date"
        required
        defaultValue={isoDay(new Date(today.getTime() - 30 * 86_400_000))}
        error={fieldErrors.from}
      />
      <Field label={t("exports.form.to")} name="to" type="date" required defaultValue={isoDay(today)} error={fieldErrors.to} />
      {canIncludeInternal && (
        <div className="field">
          <label>
            <input type="checkbox" name="includeInternal" /> {t("exports.form.includeInternal")}
          </label>
        </div>
      )}
      <div className="form-actions form-actions-end">
        <SubmitButton pending={pending}>{t("exports.form.start")}</SubmitButton>
      </div>
    </form>
  );
}
