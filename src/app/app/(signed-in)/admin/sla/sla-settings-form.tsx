"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { sendJson } from "@/components/api/send-json";
import { Field, FormAlert } from "@/components/forms/field";
import { SubmitButton } from "@/components/forms/submit-button";
import { useFormSubmit } from "@/components/forms/use-form-submit";
import { SLA_SETTINGS_MESSAGES } from "@/components/messages/sla-settings";
import { useMessages } from "@/components/messages/use-messages";
import type { SlaPreview } from "@/domain/sla/preview-sla";
import type { TSlaConfiguration } from "@/domain/sla/sla-policies.schemas";
import { SlaHolidaysFieldset } from "./sla-holidays-fieldset";
import { SlaHoursFieldset } from "./sla-hours-fieldset";
import { SlaPoliciesFieldset } from "./sla-policies-fieldset";
import { SlaPreviewPanel } from "./sla-preview";
import { configurationOf, draftOf, durationWords, jsonSafe, type SlaDraft } from "./sla-draft";

interface Props {
  configuration: TSlaConfiguration;
  preview: SlaPreview;
  timeZones: string[];
}

/** The server's messages keyed by body path, looked up by the part of the form that owns the path. */
export type ErrorsAt = (path: string) => string | undefined;

/**
 * The organization's whole SLA configuration in one form (issue 13, S17): saved with one PUT through the
 * audited API; the preview asks the server's SLA engine about the draft as it is typed.
 */
export function SlaSettingsForm({ configuration, preview, timeZones }: Props) {
  const router = useRouter();
  const t = useMessages(SLA_SETTINGS_MESSAGES);
  const [draft, setDraft] = useState<SlaDraft>(() => draftOf(configuration));
  const [saved, setSaved] = useState(false);
  const { pending, error, fieldErrors, run } = useFormSubmit();
  const { body, policyPriorities } = configurationOf(draft);
  const warningDuration = durationWords(draft.warningLead, t);

  // Server paths name policies by their index in the body; the form names them by priority.
  const errorsAt: ErrorsAt = (path) => {
    const m = /^policies\.(\w+)(.*)$/.exec(path);
    const serverPath = m && Number.isNaN(Number(m[1])) ? `policies.${policyPriorities.indexOf(m[1] as never)}${m[2]}` : path;
    const key = Object.keys(fieldErrors).find((k) => k === serverPath || k.startsWith(`${serverPath}.`));
    return key ? fieldErrors[key] : undefined;
  };

  const update = (change: (d: SlaDraft) => SlaDraft) => {
    setSaved(false);
    setDraft((d) => change(d));
  };

  function save(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setSaved(false);
    void run(
      () => sendJson<TSlaConfiguration>("PUT", "/api/admin/sla-policies", jsonSafe(body)),
      (after) => {
        setDraft(draftOf(after));
        setSaved(true);
        router.refresh();
      },
    );
  }

  return (
    <form onSubmit={save} noValidate className="sla-form">
      <FormAlert message={error?.message} />
      <SlaPreviewPanel body={body} initial={preview} />

      <section className="card card-body admin-card" aria-labelledby="sla-calendar-title">
        <h2 id="sla-calendar-title">{t("calendar.title")}</h2>
        <Field
          as="select"
          label={t("calendar.timeZone")}
          name="timeZone"
          value={draft.timeZone}
          onChange={(e) => update((d) => ({ ...d, timeZone: e.target.value }))}
          hint={t("calendar.timeZoneHint")}
          error={errorsAt("timeZone")}
        >
          {timeZones.map((z) => (
            <option key={z} value={z}>
              {z}
            </option>
          ))}
        </Field>
        <SlaHoursFieldset draft={draft} update={update} errorsAt={errorsAt} />
        <SlaHolidaysFieldset holidays={draft.holidays} update={update} errorsAt={errorsAt} />
      </section>

      <section className="card card-body admin-card" aria-labelledby="sla-targets-title">
        <h2 id="sla-targets-title">{t("targets.title")}</h2>
        <SlaPoliciesFieldset draft={draft} update={update} errorsAt={errorsAt} />
        <Field
          label={t("warning.label")}
          errorLabel={t("warning.errorLabel")}
          name="warningLeadMinutes"
          type="number"
          inputMode="numeric"
          min={0}
          className="input admin-input-narrow"
          value={draft.warningLead}
          onChange={(e) => update((d) => ({ ...d, warningLead: e.target.value }))}
          hint={warningDuration ? t("warning.hintWithDuration", { duration: warningDuration }) : t("warning.hint")}
          error={errorsAt("warningLeadMinutes")}
        />
      </section>

      <div className="form-actions form-actions-end">
        {saved && (
          <p className="admin-action-ok" role="status">
            {t("form.saved")}
          </p>
        )}
        <SubmitButton pending={pending}>{t("form.save")}</SubmitButton>
      </div>
    </form>
  );
}
