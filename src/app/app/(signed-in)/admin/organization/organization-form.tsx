"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { sendJson } from "@/components/api/send-json";
import { Field, FormAlert } from "@/components/forms/field";
import { SubmitButton } from "@/components/forms/submit-button";
import { useFormSubmit } from "@/components/forms/use-form-submit";

interface Props {
  name: string;
  mfaRequired: boolean;
  auditRetentionDays: number | null;
  selfEnrolled: boolean;
  minDays: number;
  maxDays: number;
}

/** The name (issue 13), MFA requirement (S2) and audit retention (S12); an empty retention keeps audit events forever. */
export function OrganizationForm({ name, mfaRequired, auditRetentionDays, selfEnrolled, minDays, maxDays }: Props) {
  const router = useRouter();
  const { pending, error, fieldErrors, onSubmit } = useFormSubmit();
  const [saved, setSaved] = useState(false);

  const submit = onSubmit(
    (data) => {
      const days = String(data.get("auditRetentionDays") ?? "").trim();
      setSaved(false);
      return sendJson("PATCH", "/api/admin/organization", {
        name: String(data.get("name") ?? ""),
        mfaRequired: data.get("mfaRequired") === "on",
        auditRetentionDays: days === "" ? null : Number(days),
      });
    },
    () => {
      setSaved(true);
      // Requiring MFA may now apply to this admin as well: the next render sends them to enrol.
      router.refresh();
    },
  );

  return (
    <form onSubmit={submit}>
      <FormAlert message={error?.message} />
      {saved && (
        <p className="alert alert-success" role="status">
          Settings saved.
        </p>
      )}
      <Field
        label="Name"
        name="name"
        required
        maxLength={120}
        defaultValue={name}
        hint="Used in invitations, account e-mails and exports."
        error={fieldErrors.name}
      />
      <div className="field">
        <label className="checkbox">
          <input type="checkbox" name="mfaRequired" defaultChecked={mfaRequired} aria-describedby="org-mfa-hint" />
          Require two-factor authentication for everyone
        </label>
        <p id="org-mfa-hint" className="field-hint">
          Members without it can only reach their account security page until they set it up.
          {!selfEnrolled && " That includes you."}
        </p>
      </div>
      <Field
        label="Keep audit events for (days)"
        errorLabel="Retention"
        name="auditRetentionDays"
        type="number"
        inputMode="numeric"
        className="input admin-input-narrow"
        min={minDays}
        max={maxDays}
        defaultValue={auditRetentionDays ?? ""}
        hint={`Between ${minDays} and ${maxDays} days; leave empty to keep them forever. Removal is itself recorded and the chain stays verifiable.`}
        error={fieldErrors.auditRetentionDays}
      />
      <div className="form-actions form-actions-end">
        <SubmitButton pending={pending}>Save settings</SubmitButton>
      </div>
    </form>
  );
}
