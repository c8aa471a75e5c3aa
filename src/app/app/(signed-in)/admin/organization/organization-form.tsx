"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { sendJson } from "@/components/api/send-json";
import { Field, FormAlert } from "@/components/forms/field";
import { SubmitButton } from "@/components/forms/submit-button";
import { useFormSubmit } from "@/components/forms/use-form-submit";

interface Props {
  name: string;
  /** "" = each person's browser decides. */
  defaultTimeZone: string;
  defaultLocale: string;
  timeZones: string[];
  /** Worded on the server, so the browser's own locale names cannot differ from the rendered page. */
  locales: { value: string; label: string }[];
  mfaRequired: boolean;
  agentExportsAllowed: boolean;
  agentReportsAllowed: boolean;
  auditRetentionDays: number | null;
  selfEnrolled: boolean;
  minDays: number;
  maxDays: number;
  closedTicketRetentionMonths: number | null;
  closedTicketRetentionAction: "delete" | "anonymise";
  maxMonths: number;
}

/**
 * The name, default time zone and locale (issue 13), MFA requirement (S2), audit retention (S12) and the
 * retention of closed tickets (issue 14); an empty retention keeps audit events, or closed tickets, forever.
 */
export function OrganizationForm({
  name,
  defaultTimeZone,
  defaultLocale,
  timeZones,
  locales,
  mfaRequired,
  agentExportsAllowed,
  agentReportsAllowed,
  auditRetentionDays,
  selfEnrolled,
  minDays,
  maxDays,
  closedTicketRetentionMonths,
  closedTicketRetentionAction,
  maxMonths,
}: Props) {
  const router = useRouter();
  const { pending, error, fieldErrors, onSubmit } = useFormSubmit();
  const [saved, setSaved] = useState(false);

  const submit = onSubmit(
    (data) => {
      const days = String(data.get("auditRetentionDays") ?? "").trim();
      const months = String(data.get("closedTicketRetentionMonths") ?? "").trim();
      setSaved(false);
      return sendJson("PATCH", "/api/admin/organization", {
        name: String(data.get("name") ?? ""),
        defaultTimeZone: String(data.get("defaultTimeZone") ?? "") || null,
        defaultLocale: String(data.get("defaultLocale") ?? "") || null,
        mfaRequired: data.get("mfaRequired") === "on",
        agentExportsAllowed: data.get("agentExportsAllowed") === "on",
        agentReportsAllowed: data.get("agentReportsAllowed") === "on",
        auditRetentionDays: days === "" ? null : Number(days),
        closedTicketRetentionMonths: months === "" ? null : Number(months),
        closedTicketRetentionAction: String(data.get("closedTicketRetentionAction") ?? "anonymise"),
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
      <Field
        as="select"
        label="Default time zone"
        name="defaultTimeZone"
        defaultValue={defaultTimeZone}
        hint="Where each person's time zone starts until they choose their own. SLA hours have their own zone (SLA page)."
        error={fieldErrors.defaultTimeZone}
      >
        <option value="">Each person's browser</option>
        {timeZones.map((z) => (
          <option key={z} value={z}>
            {z}
          </option>
        ))}
      </Field>
      <Field
        as="select"
        label="Default locale"
        name="defaultLocale"
        defaultValue={defaultLocale}
        hint="How dates and numbers are written for people who have not chosen a locale."
        error={fieldErrors.defaultLocale}
      >
        <option value="">Each person's browser</option>
        {locales.map((l) => (
          <option key={l.value} value={l.value}>
            {l.label}
          </option>
        ))}
      </Field>
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
        <label className="checkbox">
          <input type="checkbox" name="agentExportsAllowed" defaultChecked={agentExportsAllowed} aria-describedby="org-exports-hint" />
          Agents may export tickets
        </label>
        <p id="org-exports-hint" className="field-hint">
          Admins always can. Exports are watermarked and audited.
        </p>
      </div>
      <div className="field">
        <label className="checkbox">
          <input type="checkbox" name="agentReportsAllowed" defaultChecked={agentReportsAllowed} aria-describedby="org-reports-hint" />
          Agents may open the reports
        </label>
        <p id="org-reports-hint" className="field-hint">
          Admins always can. Reports show every agent&apos;s and team&apos;s load and response times.
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
      <Field
        label="Closed tickets: apply retention after (months)"
        errorLabel="Ticket retention"
        name="closedTicketRetentionMonths"
        type="number"
        inputMode="numeric"
        className="input admin-input-narrow"
        min={1}
        max={maxMonths}
        defaultValue={closedTicketRetentionMonths ?? ""}
        hint={`Closed tickets not changed for this many months (1 to ${maxMonths}) are handled daily as chosen below, with their comments, files and exports; leave empty to keep them forever.`}
        error={fieldErrors.closedTicketRetentionMonths}
      />
      <Field
        as="select"
        label="What happens to them"
        name="closedTicketRetentionAction"
        defaultValue={closedTicketRetentionAction}
        hint="Anonymise keeps the ticket's number, status and dates for reports and removes every text and file; delete removes the ticket entirely."
        error={fieldErrors.closedTicketRetentionAction}
      >
        <option value="anonymise">Anonymise</option>
        <option value="delete">Delete</option>
      </Field>
      <div className="form-actions form-actions-end">
        <SubmitButton pending={pending}>Save settings</SubmitButton>
      </div>
    </form>
  );
}
