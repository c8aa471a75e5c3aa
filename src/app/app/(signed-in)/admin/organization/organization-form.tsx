"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { sendJson, type ApiError } from "@/components/api/send-json";
import { FieldError } from "@/components/forms/field-error";

interface Props {
  mfaRequired: boolean;
  auditRetentionDays: number | null;
  selfEnrolled: boolean;
  minDays: number;
  maxDays: number;
}

/** MFA requirement (S2) and audit retention (S12); an empty retention keeps audit events forever. */
export function OrganizationForm({ mfaRequired, auditRetentionDays, selfEnrolled, minDays, maxDays }: Props) {
  const router = useRouter();
  const [error, setError] = useState<ApiError | null>(null);
  const [saved, setSaved] = useState(false);
  const [pending, setPending] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const days = String(data.get("auditRetentionDays") ?? "").trim();
    setPending(true);
    setError(null);
    setSaved(false);
    const result = await sendJson("PATCH", "/api/admin/organization", {
      mfaRequired: data.get("mfaRequired") === "on",
      auditRetentionDays: days === "" ? null : Number(days),
    });
    setPending(false);
    if (!result.ok) return setError(result.error);
    setSaved(true);
    // Requiring MFA may now apply to this admin as well: the next render sends them to enrol.
    router.refresh();
  }

  const fields = error?.fieldErrors ?? {};
  return (
    <form onSubmit={onSubmit}>
      {error && (
        <p className="alert alert-error" role="alert">
          {error.message}
        </p>
      )}
      {saved && (
        <p className="alert alert-success" role="status">
          Settings saved.
        </p>
      )}
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
      <div className="field">
        <label htmlFor="org-retention">Keep audit events for (days)</label>
        <input
          id="org-retention"
          name="auditRetentionDays"
          type="number"
          inputMode="numeric"
          className="input admin-input-narrow"
          min={minDays}
          max={maxDays}
          defaultValue={auditRetentionDays ?? ""}
          aria-invalid={fields.auditRetentionDays ? true : undefined}
          aria-describedby={`org-retention-hint${fields.auditRetentionDays ? " org-retention-error" : ""}`}
        />
        <p id="org-retention-hint" className="field-hint">
          Between {minDays} and {maxDays} days; leave empty to keep them forever. Removal is itself recorded and the chain stays verifiable.
        </p>
        <FieldError id="org-retention-error" label="Retention" message={fields.auditRetentionDays} />
      </div>
      <div className="form-actions form-actions-end">
        <button type="submit" className="btn btn-primary" disabled={pending} aria-busy={pending}>
          Save settings
        </button>
      </div>
    </form>
  );
}
