"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { sendJson } from "@/components/api/send-json";
import { FormAlert } from "@/components/forms/field";
import { useFormSubmit } from "@/components/forms/use-form-submit";
import { ACCOUNT_MESSAGES } from "@/components/messages/account";
import { useMessages } from "@/components/messages/use-messages";

/**
 * Organization-wide MFA requirement (S2), shown only to those who may change organization settings.
 * Members without two-factor are sent to enrol on their next page or API request.
 */
export function OrgSecurityCard({ mfaRequired, selfEnrolled }: { mfaRequired: boolean; selfEnrolled: boolean }) {
  const router = useRouter();
  const t = useMessages(ACCOUNT_MESSAGES);
  const [checked, setChecked] = useState(mfaRequired);
  const { pending, error, run } = useFormSubmit();

  function toggle(next: boolean) {
    return run(
      async () => {
        setChecked(next);
        const result = await sendJson<{ mfaRequired: boolean }>("PATCH", "/api/admin/organization", { mfaRequired: next });
        if (!result.ok) setChecked(!next);
        return result;
      },
      (data) => {
        setChecked(data.mfaRequired);
        // The gate may now apply to this admin too: the page re-renders with the notice if so.
        router.refresh();
      },
    );
  }

  return (
    <section className="card card-body account-card" aria-labelledby="org-security-title">
      <div className="account-card-head">
        <h2 id="org-security-title">{t("orgSecurity.title")}</h2>
      </div>
      <div className="field">
        <label className="switch">
          <input
            type="checkbox"
            role="switch"
            aria-checked={checked}
            checked={checked}
            disabled={pending}
            aria-busy={pending}
            aria-describedby="mfa-required-hint"
            onChange={(e) => toggle(e.target.checked)}
          />
          <span className="switch-track" aria-hidden="true" />
          {t("orgSecurity.requireMfa")}
        </label>
        <p id="mfa-required-hint" className="field-hint">
          {t(selfEnrolled ? "orgSecurity.hint" : "orgSecurity.hintNotEnrolled")}
        </p>
        <FormAlert inline message={error?.message} />
      </div>
    </section>
  );
}
