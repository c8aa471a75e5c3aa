"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { sendJson } from "@/components/api/send-json";
import { CheckboxField, Field, FormAlert } from "@/components/forms/field";
import { SubmitButton } from "@/components/forms/submit-button";
import { useFormSubmit } from "@/components/forms/use-form-submit";
import { COMMON_MESSAGES } from "@/components/messages/common";
import { ORGANIZATION_MESSAGES } from "@/components/messages/organization";
import { useMessages } from "@/components/messages/use-messages";
import type { LocaleChoice } from "@/components/preferences/locale-choices";
import { ZoneAndLocaleFields, zoneAndLocaleValues } from "@/components/preferences/zone-and-locale-fields";

interface Props {
  name: string;
  /** "" = each person's browser decides. */
  defaultTimeZone: string;
  defaultLocale: string;
  timeZones: string[];
  locales: LocaleChoice[];
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
  const t = useMessages(ORGANIZATION_MESSAGES);
  const common = useMessages(COMMON_MESSAGES);
  const { pending, error, fieldErrors, onSubmit } = useFormSubmit();
  const [saved, setSaved] = useState(false);

  const submit = onSubmit(
    (data) => {
      const days = String(data.get("auditRetentionDays") ?? "").trim();
      const months = String(data.get("closedTicketRetentionMonths") ?? "").trim();
      setSaved(false);
      return sendJson("PATCH", "/api/admin/organization", {
        name: String(data.get("name") ?? ""),
        ...zoneAndLocaleValues(data, "organization"),
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
          {t("org.saved")}
        </p>
      )}
      <Field label={common("field.name")} name="name" required maxLength={120} defaultValue={name} hint={t("org.nameHint")} error={fieldErrors.name} />
      <ZoneAndLocaleFields
        scope="organization"
        timeZone={defaultTimeZone}
        locale={defaultLocale}
        timeZones={timeZones}
        locales={locales}
        errors={fieldErrors}
      />
      <CheckboxField
        name="mfaRequired"
        defaultChecked={mfaRequired}
        label={t("org.requireMfa")}
        hint={t(selfEnrolled ? "org.mfaHint" : "org.mfaHintNotEnrolled")}
      />
      <CheckboxField name="agentExportsAllowed" defaultChecked={agentExportsAllowed} label={t("org.agentExports")} hint={t("org.agentExportsHint")} />
      <CheckboxField name="agentReportsAllowed" defaultChecked={agentReportsAllowed} label={t("org.agentReports")} hint={t("org.agentReportsHint")} />
      <Field
        label={t("org.auditRetention")}
        errorLabel={t("org.auditRetentionError")}
        name="auditRetentionDays"
        type="number"
        inputMode="numeric"
        className="input admin-input-narrow"
        min={minDays}
        max={maxDays}
        defaultValue={auditRetentionDays ?? ""}
        hint={t("org.auditRetentionHint", { min: minDays, max: maxDays })}
        error={fieldErrors.auditRetentionDays}
      />
      <Field
        label={t("org.ticketRetention")}
        errorLabel={t("org.ticketRetentionError")}
        name="closedTicketRetentionMonths"
        type="number"
        inputMode="numeric"
        className="input admin-input-narrow"
        min={1}
        max={maxMonths}
        defaultValue={closedTicketRetentionMonths ?? ""}
        hint={t("org.ticketRetentionHint", { max: maxMonths })}
        error={fieldErrors.closedTicketRetentionMonths}
      />
      <Field
        as="select"
        label={t("org.retentionAction")}
        name="closedTicketRetentionAction"
        defaultValue={closedTicketRetentionAction}
        hint={t("org.retentionActionHint")}
        error={fieldErrors.closedTicketRetentionAction}
      >
        <option value="anonymise">{t("org.retentionAction.anonymise")}</option>
        <option value="delete">{t("org.retentionAction.delete")}</option>
      </Field>
      <div className="form-actions form-actions-end">
        <SubmitButton pending={pending}>{t("org.save")}</SubmitButton>
      </div>
    </form>
  );
}
