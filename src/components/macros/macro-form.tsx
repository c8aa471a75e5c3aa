"use client";

import { useId, useState } from "react";
import { sendJson } from "@/components/api/send-json";
import { Field, FormAlert } from "@/components/forms/field";
import { SubmitButton } from "@/components/forms/submit-button";
import { useFormSubmit } from "@/components/forms/use-form-submit";
import { COMMON_MESSAGES } from "@/components/messages/common";
import { MACROS_MESSAGES } from "@/components/messages/macros";
import { useMessages } from "@/components/messages/use-messages";
import { PRIORITY_ORDER, STATUS_ORDER } from "@/components/tickets/labels";
import type { TTicketPriority, TTicketStatus } from "@/db/schema/enums";
import { PLACEHOLDERS } from "@/domain/macros/placeholders";
import type { Directory, MacroChangesView, MacroView } from "./macro-types";

/** The placeholders a template may use, as typed: "{{ticket.number}}, {{requester.name}}, …". */
const PLACEHOLDER_LIST = PLACEHOLDERS.map((p) => `{{${p}}}`).join(", ");

// Select values: "" leaves the field alone, NONE clears it, "me" is whoever applies the macro.
const NONE = "none";

function toSelect(value: string | null | undefined): string {
  if (value === undefined) return "";
  return value === null ? NONE : value;
}
function fromSelect(value: string): string | null | undefined {
  if (value === "") return undefined;
  return value === NONE ? null : value;
}

/** The changes a form holds, without the keys left at "don't change". */
function changesFrom(data: FormData): MacroChangesView {
  const out: MacroChangesView = {};
  const status = String(data.get("status") ?? "");
  const priority = String(data.get("priority") ?? "");
  if (status) out.status = status as TTicketStatus;
  if (priority) out.priority = priority as TTicketPriority;
  const assigneeId = fromSelect(String(data.get("assigneeId") ?? ""));
  const teamId = fromSelect(String(data.get("teamId") ?? ""));
  if (assigneeId !== undefined) out.assigneeId = assigneeId;
  if (teamId !== undefined) out.teamId = teamId;
  return out;
}

/**
 * Creates a macro (shared or personal, fixed by the page) or edits one: name, Markdown body with the fixed
 * placeholders, and the ticket fields it sets. The API validates everything again (lengths, ids in the
 * organization, who may edit what).
 */
export function MacroForm({
  macro,
  shared,
  directory,
  onSaved,
  onCancel,
}: {
  macro?: MacroView;
  shared: boolean;
  directory: Directory;
  onSaved: (saved: MacroView, form: HTMLFormElement) => void;
  onCancel?: () => void;
}) {
  const id = useId();
  const t = useMessages(MACROS_MESSAGES);
  const tc = useMessages(COMMON_MESSAGES);
  const { pending, error, fieldErrors, onSubmit } = useFormSubmit();
  const [done, setDone] = useState<string | null>(null);
  const changes = macro?.changes ?? {};
  // An agent or team the macro names that is no longer listed stays selectable, so saving keeps it visible.
  const agents =
    changes.assigneeId && changes.assigneeId !== "me" && !directory.agents.some((a) => a.id === changes.assigneeId)
      ? [...directory.agents, { id: changes.assigneeId, name: t("macros.form.agentGone") }]
      : directory.agents;
  const teams =
    changes.teamId && !directory.teams.some((t) => t.id === changes.teamId)
      ? [...directory.teams, { id: changes.teamId, name: t("macros.form.teamGone") }]
      : directory.teams;

  const submit = onSubmit(
    (data) => {
      setDone(null);
      const body = { name: String(data.get("name") ?? ""), bodyMd: String(data.get("bodyMd") ?? ""), changes: changesFrom(data) };
      return macro ? sendJson<MacroView>("PATCH", `/api/macros/${macro.id}`, body) : sendJson<MacroView>("POST", "/api/macros", { ...body, shared });
    },
    (saved, form) => {
      setDone(t(macro ? "macros.form.saved" : "macros.form.created"));
      onSaved(saved, form);
    },
  );

  const dontChange = t("macros.form.dontChange");
  const changeError = Object.entries(fieldErrors).find(([k]) => k.startsWith("changes"))?.[1];
  return (
    <form
      onSubmit={submit}
      className="macro-form"
      aria-label={macro ? t("macros.editNamed", { name: macro.name }) : t(shared ? "macros.newShared" : "macros.newPersonal")}
    >
      <FormAlert message={fieldErrors.name || fieldErrors.bodyMd || changeError ? undefined : error?.message} />
      <Field label={tc("field.name")} name="name" required maxLength={100} defaultValue={macro?.name} error={fieldErrors.name} id={`${id}-name`} />
      <Field
        as="textarea"
        label={t("macros.form.bodyMd")}
        name="bodyMd"
        rows={6}
        required
        maxLength={10_000}
        defaultValue={macro?.bodyMd}
        error={fieldErrors.bodyMd}
        id={`${id}-body`}
        hint={t("macros.form.hint", { placeholders: PLACEHOLDER_LIST })}
      />
      <fieldset className="macro-form-changes">
        <legend>{t("macros.form.alsoSet")}</legend>
        <Field as="select" label={tc("field.status")} name="status" defaultValue={changes.status ?? ""} id={`${id}-status`}>
          <option value="">{dontChange}</option>
          {STATUS_ORDER.map((s) => (
            <option key={s} value={s}>
              {tc(`status.${s}`)}
            </option>
          ))}
        </Field>
        <Field as="select" label={tc("field.priority")} name="priority" defaultValue={changes.priority ?? ""} id={`${id}-priority`}>
          <option value="">{dontChange}</option>
          {PRIORITY_ORDER.map((p) => (
            <option key={p} value={p}>
              {tc(`priority.${p}`)}
            </option>
          ))}
        </Field>
        <Field
          as="select"
          label={tc("field.assignee")}
          name="assigneeId"
          defaultValue={toSelect(changes.assigneeId)}
          id={`${id}-assignee`}
          error={fieldErrors["changes.assigneeId"]}
        >
          <option value="">{dontChange}</option>
          <option value="me">{t("macros.form.whoeverApplies")}</option>
          <option value={NONE}>{tc("value.unassigned")}</option>
          {agents.map((a) => (
            <option key={a.id} value={a.id}>
              {a.name}
            </option>
          ))}
        </Field>
        <Field
          as="select"
          label={tc("field.team")}
          name="teamId"
          defaultValue={toSelect(changes.teamId)}
          id={`${id}-team`}
          error={fieldErrors["changes.teamId"]}
        >
          <option value="">{dontChange}</option>
          <option value={NONE}>{tc("value.noTeam")}</option>
          {teams.map((t) => (
            <option key={t.id} value={t.id}>
              {t.name}
            </option>
          ))}
        </Field>
      </fieldset>
      <div className="form-actions">
        <SubmitButton pending={pending}>{t(macro ? "macros.form.save" : "macros.form.create")}</SubmitButton>
        {onCancel && (
          <button type="button" className="btn btn-quiet" onClick={onCancel}>
            {tc("action.cancel")}
          </button>
        )}
        <span className="status-text" role="status">
          {done}
        </span>
      </div>
    </form>
  );
}
