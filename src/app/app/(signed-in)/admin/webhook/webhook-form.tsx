"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { sendJson } from "@/components/api/send-json";
import { Field, FormAlert } from "@/components/forms/field";
import { FieldError } from "@/components/forms/field-error";
import { SubmitButton } from "@/components/forms/submit-button";
import { useFormSubmit } from "@/components/forms/use-form-submit";
import { COMMON_MESSAGES } from "@/components/messages/common";
import { useMessages } from "@/components/messages/use-messages";
import { WEBHOOK_SETTINGS_MESSAGES } from "@/components/messages/webhook-settings";
import { SecretOnce } from "./secret-once";

export interface WebhookEventChoice {
  value: string;
  label: string;
}

interface Props {
  url: string | null;
  active: boolean;
  /** null: every event. */
  events: string[] | null;
  choices: WebhookEventChoice[];
}

/**
 * The organization's webhook (issue 13, S9): URL, on/off and events through PUT /api/admin/webhook. The
 * signing secret is chosen by the server, on creation and on rotation, and shown here once.
 */
export function WebhookForm({ url, active, events, choices }: Props) {
  const router = useRouter();
  const t = useMessages(WEBHOOK_SETTINGS_MESSAGES);
  const common = useMessages(COMMON_MESSAGES);
  const save = useFormSubmit();
  const action = useFormSubmit();
  const [secret, setSecret] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [confirmRotate, setConfirmRotate] = useState(false);
  const chosen = new Set(events ?? choices.map((c) => c.value));

  const submit = save.onSubmit(
    (data) => {
      setDone(null);
      setSecret(null);
      const picked = data.getAll("events").map(String);
      return sendJson<{ secret?: string }>("PUT", "/api/admin/webhook", {
        url: String(data.get("url") ?? "").trim(),
        active: data.get("active") === "on",
        // Every box ticked: every event, including ones added later.
        events: picked.length === choices.length ? null : picked,
      });
    },
    (result) => {
      if (result.secret) setSecret(result.secret);
      setDone(t("form.saved"));
      router.refresh();
    },
  );

  function rotate() {
    setDone(null);
    setSecret(null);
    setConfirmRotate(false);
    return action.run(
      () => sendJson<{ secret: string }>("POST", "/api/admin/webhook/secret"),
      (result) => {
        setSecret(result.secret);
        setDone(t("form.rotated"));
        router.refresh();
      },
    );
  }

  function sendTest() {
    setDone(null);
    return action.run(
      () => sendJson("POST", "/api/admin/webhook/test"),
      () => {
        setDone(t("form.testQueued"));
        router.refresh();
      },
    );
  }

  return (
    <>
      <form onSubmit={submit} noValidate>
        <FormAlert message={save.error?.message} />
        <Field
          label={t("form.url")}
          name="url"
          type="url"
          required
          maxLength={2048}
          defaultValue={url ?? ""}
          placeholder={t("form.urlExample")}
          hint={t("form.urlHint")}
          error={save.fieldErrors.url}
        />
        <div className="field">
          <label className="checkbox">
            <input type="checkbox" name="active" defaultChecked={url ? active : true} />
            {t("form.active")}
          </label>
        </div>
        <fieldset className="sla-fieldset" aria-describedby={save.fieldErrors.events ? "webhook-events-error" : undefined}>
          <legend>{t("form.events")}</legend>
          <div className="webhook-events">
            {choices.map((c) => (
              <label key={c.value} className="checkbox">
                <input type="checkbox" name="events" value={c.value} defaultChecked={chosen.has(c.value)} />
                {c.label} <span className="admin-mono muted">{c.value}</span>
              </label>
            ))}
          </div>
          <FieldError id="webhook-events-error" label={t("form.events")} message={save.fieldErrors.events} />
        </fieldset>
        <div className="form-actions form-actions-end">
          <SubmitButton pending={save.pending}>{t(url ? "form.save" : "form.create")}</SubmitButton>
        </div>
      </form>
      {url && (
        <div className="form-actions">
          <button type="button" className="btn" disabled={action.pending} onClick={sendTest}>
            {t("form.sendTest")}
          </button>
          <span className="form-actions-spacer" />
          {confirmRotate ? (
            <>
              <button type="button" className="btn admin-btn-danger" disabled={action.pending} onClick={rotate}>
                {t("form.confirmRotate")}
              </button>
              <button type="button" className="btn btn-quiet" onClick={() => setConfirmRotate(false)}>
                {common("action.cancel")}
              </button>
            </>
          ) : (
            <button type="button" className="btn btn-quiet" disabled={action.pending} onClick={() => setConfirmRotate(true)}>
              {t("form.rotate")}
            </button>
          )}
        </div>
      )}
      <FormAlert inline message={action.error?.message} />
      {done && (
        <p className="admin-action-ok" role="status">
          {done}
        </p>
      )}
      {secret && <SecretOnce secret={secret} />}
    </>
  );
}
