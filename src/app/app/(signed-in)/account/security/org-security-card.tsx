"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { sendJson } from "@/components/api/send-json";
import { FormAlert } from "@/components/forms/field";
import { useFormSubmit } from "@/components/forms/use-form-submit";

/**
 * Organization-wide MFA requirement (S2), shown only to those who may change organization settings.
 * Members without two-factor are sent to enrol on their next page or API request.
 */
export function OrgSecurityCard({ mfaRequired, selfEnrolled }: { mfaRequired: boolean; selfEnrolled: boolean }) {
  const router = useRouter();
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
        <h2 id="org-security-title">Organization security</h2>
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
          Require two-factor authentication for everyone
        </label>
        <p id="mfa-required-hint" className="field-hint">
          Members without two-factor authentication can only reach their account security page until they set it up.
          {!selfEnrolled && " That includes you: set up your own two-factor authentication first."}
        </p>
        <FormAlert inline message={error?.message} />
      </div>
    </section>
  );
}
