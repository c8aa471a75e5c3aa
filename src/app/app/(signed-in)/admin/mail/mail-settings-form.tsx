"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { sendJson } from "@/components/api/send-json";
import { Field, FormAlert } from "@/components/forms/field";
import { SubmitButton } from "@/components/forms/submit-button";
import { useFormSubmit } from "@/components/forms/use-form-submit";
import type { TMailAcceptance } from "@/db/schema/mail";

const CHOICES: { value: TMailAcceptance; label: string; hint: string }[] = [
  { value: "anyone", label: "Anyone", hint: "Every sender may open a ticket by e-mail." },
  { value: "known_domains", label: "Addresses of listed domains", hint: "Senders of the domains below, and existing users." },
  { value: "existing_users", label: "Existing users only", hint: "Mail from anyone else is ignored." },
];

/** Who may open a ticket by writing to a support address (issue 12, S21), through PUT /api/admin/mail-settings. */
export function MailSettingsForm({ acceptance, knownDomains }: { acceptance: TMailAcceptance; knownDomains: string[] }) {
  const router = useRouter();
  const { pending, error, fieldErrors, onSubmit } = useFormSubmit();
  const [saved, setSaved] = useState(false);
  const domainError = Object.entries(fieldErrors).find(([k]) => k.startsWith("knownDomains"))?.[1];

  const submit = onSubmit(
    (data) => {
      setSaved(false);
      return sendJson("PUT", "/api/admin/mail-settings", {
        acceptance: String(data.get("acceptance") ?? "anyone"),
        knownDomains: String(data.get("knownDomains") ?? "")
          .split(/[\s,;]+/)
          .filter(Boolean),
      });
    },
    () => {
      setSaved(true);
      router.refresh();
    },
  );

  return (
    <form onSubmit={submit} noValidate>
      <FormAlert message={error?.message} />
      <fieldset className="sla-fieldset">
        <legend>Who may open tickets by e-mail</legend>
        {CHOICES.map((c) => (
          <label key={c.value} className="checkbox">
            <input type="radio" name="acceptance" value={c.value} defaultChecked={acceptance === c.value} />
            {c.label} <span className="muted">— {c.hint}</span>
          </label>
        ))}
      </fieldset>
      <Field
        as="textarea"
        label="Known domains"
        name="knownDomains"
        rows={3}
        defaultValue={knownDomains.join("\n")}
        hint="One per line (or separated by commas), e.g. example.com. Used when only listed domains may write."
        error={domainError}
      />
      <div className="form-actions form-actions-end">
        {saved && (
          <p className="admin-action-ok" role="status">
            Mail settings saved.
          </p>
        )}
        <SubmitButton pending={pending}>Save mail settings</SubmitButton>
      </div>
    </form>
  );
}
