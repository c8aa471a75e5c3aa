"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { sendJson } from "@/components/api/send-json";
import { Field, FormAlert } from "@/components/forms/field";
import { SubmitButton } from "@/components/forms/submit-button";
import { useFormSubmit } from "@/components/forms/use-form-submit";
import type { TMailAcceptance } from "@/db/schema/mail";
import { MAIL_SETTINGS_MESSAGES, type MailSettingsMessageId } from "@/components/messages/mail-settings";
import { useMessages } from "@/components/messages/use-messages";

const CHOICES: { value: TMailAcceptance; label: MailSettingsMessageId; hint: MailSettingsMessageId }[] = [
  { value: "anyone", label: "acceptance.anyone", hint: "acceptance.anyoneHint" },
  { value: "known_domains", label: "acceptance.knownDomains", hint: "acceptance.knownDomainsHint" },
  { value: "existing_users", label: "acceptance.existingUsers", hint: "acceptance.existingUsersHint" },
];

/** Who may open a ticket by writing to a support address (issue 12, S21), through PUT /api/admin/mail-settings. */
export function MailSettingsForm({ acceptance, knownDomains }: { acceptance: TMailAcceptance; knownDomains: string[] }) {
  const router = useRouter();
  const t = useMessages(MAIL_SETTINGS_MESSAGES);
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
        <legend>{t("acceptance.legend")}</legend>
        {CHOICES.map((c) => (
          <label key={c.value} className="checkbox">
            <input type="radio" name="acceptance" value={c.value} defaultChecked={acceptance === c.value} />
            {t(c.label)} <span className="muted">— {t(c.hint)}</span>
          </label>
        ))}
      </fieldset>
      <Field
        as="textarea"
        label={t("acceptance.domains")}
        name="knownDomains"
        rows={3}
        defaultValue={knownDomains.join("\n")}
        hint={t("acceptance.domainsHint")}
        error={domainError}
      />
      <div className="form-actions form-actions-end">
        {saved && (
          <p className="admin-action-ok" role="status">
            {t("acceptance.saved")}
          </p>
        )}
        <SubmitButton pending={pending}>{t("acceptance.save")}</SubmitButton>
      </div>
    </form>
  );
}
