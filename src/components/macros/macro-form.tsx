"use client";

import { useId, useState } from "react";
import { sendJson } from "@/components/api/send-json";
import { Field, FormAlert } from "@/components/forms/field";
import { SubmitButton } from "@/components/forms/submit-button";
import { useFormSubmit } from "@/components/forms/use-form-submit";
import { PRIORITY_LABELS, PRIORITY_ORDER, STATUS_LABELS, STATUS_ORDER } from "@/components/tickets/labels";
import type { TTicketPriority, TTicketStatus } from "@/db/schema/enums";
import { PLACEHOLDERS } from "@/domain/macros/placeholders";
import type { Directory, MacroChangesView, MacroView } from "./macro-types";

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
  const { pending, error, fieldErrors, onSubmit } = useFormSubmit();
  const [done, setDone] = useState<string | null>(null);
  const changes = macro?.changes ?? {};
  // An agent or team the macro names that is no longer listed stays selectable, so saving keeps it visible.
  const agents =
    changes.assigneeId && changes.assigneeId !== "me" && !directory.agents.some((a) => a.id === changes.assigneeId)
      ? [...directory.agents, { id: changes.assigneeId, name: "An agent no longer listed" }]
      : directory.agents;
  const teams =
    changes.teamId && !directory.teams.some((t) => t.id === changes.teamId)
      ? [...directory.teams, { id: changes.teamId, name: "A team no longer listed" }]
      : directory.teams;

  const submit = onSubmit(
    (data) => {
      setDone(null);
      const body = { name: String(data.get("name") ?? ""), bodyMd: String(data.get("bodyMd") ?? ""), changes: changesFrom(data) };
      return macro ? sendJson<MacroView>("PATCH", `/api/macros/${macro.id}`, body) : sendJson<MacroView>("POST", "/api/macros", { ...body, shared });
    },
    (saved, form) => {
      setDone(macro ? "Macro saved." : "Macro created.");
      onSaved(saved, form);
    },
  );

  const changeError = Object.entries(fieldErrors).find(([k]) => k.startsWith("changes"))?.[1];
  return (
    <form onSubmit={submit} className="macro-form" aria-label={macro ? `Edit ${macro.name}` : shared ? "New shared macro" : "New personal macro"}>
      <FormAlert message={fieldErrors.name || fieldErrors.bodyMd || changeError ? undefined : error?.message} />
      <Field label="Name" name="name" required maxLength={100} defaultValue={macro?.name} error={fieldErrors.name} id={`${id}-name`} />
      <Field
        as="textarea"
        label="Reply text"
        name="bodyMd"
        rows={6}
        required
        maxLength={10_000}
        defaultValue={macro?.bodyMd}
        error={fieldErrors.bodyMd}
        id={`${id}-body`}
        hint={
          <>
            Markdown. Placeholders, filled in as plain text: {PLACEHOLDERS.map((p) => `{{${p}}}`).join(", ")}. Anything else in double braces stays as written.
          </>
        }
      />
      <fieldset className="macro-form-changes">
        <legend>When applied, also set</legend>
        <Field as="select" label="Status" name="status" defaultValue={changes.status ?? ""} id={`${id}-status`}>
          <option value="">Don’t change</option>
          {STATUS_ORDER.map((s) => (
            <option key={s} value={s}>
              {STATUS_LABELS[s]}
            </option>
          ))}
        </Field>
        <Field as="select" label="Priority" name="priority" defaultValue={changes.priority ?? ""} id={`${id}-priority`}>
          <option value="">Don’t change</option>
          {PRIORITY_ORDER.map((p) => (
            <option key={p} value={p}>
              {PRIORITY_LABELS[p]}
            </option>
          ))}
        </Field>
        <Field
          as="select"
          label="Assignee"
          name="assigneeId"
          defaultValue={toSelect(changes.assigneeId)}
          id={`${id}-assignee`}
          error={fieldErrors["changes.assigneeId"]}
        >
          <option value="">Don’t change</option>
          <option value="me">Whoever applies it</option>
          <option value={NONE}>Unassigned</option>
          {agents.map((a) => (
            <option key={a.id} value={a.id}>
              {a.name}
            </option>
          ))}
        </Field>
        <Field as="select" label="Team" name="teamId" defaultValue={toSelect(changes.teamId)} id={`${id}-team`} error={fieldErrors["changes.teamId"]}>
          <option value="">Don’t change</option>
          <option value={NONE}>No team</option>
          {teams.map((t) => (
            <option key={t.id} value={t.id}>
              {t.name}
            </option>
          ))}
        </Field>
      </fieldset>
      <div className="form-actions">
        <SubmitButton pending={pending}>{macro ? "Save macro" : "Create macro"}</SubmitButton>
        {onCancel && (
          <button type="button" className="btn btn-quiet" onClick={onCancel}>
            Cancel
          </button>
        )}
        <span className="status-text" role="status">
          {done}
        </span>
      </div>
    </form>
  );
}
