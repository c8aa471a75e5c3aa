"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { sendJson } from "@/components/api/send-json";
import { Field, FormAlert } from "@/components/forms/field";
import { SubmitButton } from "@/components/forms/submit-button";
import { useFormSubmit } from "@/components/forms/use-form-submit";
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
  const [draft, setDraft] = useState<SlaDraft>(() => draftOf(configuration));
  const [saved, setSaved] = useState(false);
  const { pending, error, fieldErrors, run } = useFormSubmit();
  const { body, policyPriorities } = configurationOf(draft);

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
        <h2 id="sla-calendar-title">Business calendar</h2>
        <Field
          as="select"
          label="Time zone"
          name="timeZone"
          value={draft.timeZone}
          onChange={(e) => update((d) => ({ ...d, timeZone: e.target.value }))}
          hint="Opening hours and holidays are read on this zone's wall clock, daylight saving included."
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
        <h2 id="sla-targets-title">Targets</h2>
        <SlaPoliciesFieldset draft={draft} update={update} errorsAt={errorsAt} />
        <Field
          label="Warn before a deadline (minutes)"
          errorLabel="Warning lead"
          name="warningLeadMinutes"
          type="number"
          inputMode="numeric"
          min={0}
          className="input admin-input-narrow"
          value={draft.warningLead}
          onChange={(e) => update((d) => ({ ...d, warningLead: e.target.value }))}
          hint={`Assignees are told this long before a target is missed${durationWords(draft.warningLead) ? ` (${durationWords(draft.warningLead)})` : ""}; 0 turns warnings off.`}
          error={errorsAt("warningLeadMinutes")}
        />
      </section>

      <div className="form-actions form-actions-end">
        {saved && (
          <p className="admin-action-ok" role="status">
            SLA settings saved. New targets apply to tickets opened from now on and to a ticket's next priority or status change.
          </p>
        )}
        <SubmitButton pending={pending}>Save SLA settings</SubmitButton>
      </div>
    </form>
  );
}
