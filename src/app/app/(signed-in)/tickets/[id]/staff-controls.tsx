"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { sendJson } from "@/components/api/send-json";
import { Field, FormAlert } from "@/components/forms/field";
import { SubmitButton } from "@/components/forms/submit-button";
import { useFormSubmit } from "@/components/forms/use-form-submit";
import { PRIORITY_LABELS, PRIORITY_ORDER, STATUS_LABELS, STATUS_ORDER } from "@/components/tickets/labels";
import type { TTicketPriority, TTicketStatus } from "@/db/schema/enums";

type Triage = { status: TTicketStatus; priority: TTicketPriority; assigneeId: string | null; teamId: string | null };
type Named = { id: string; name: string };

/**
 * Status, priority, assignee and team in one form. Only the fields that changed are sent, so saving a new
 * status never re-sends (and re-audits) an unchanged assignee; "" in a select means null (unassigned).
 * Which selects appear is decided on the server with can(); the API checks again.
 */
export function StaffControls({
  ticketId,
  current,
  allowed,
  agents,
  teams,
  assigneeName,
}: {
  ticketId: string;
  current: Triage;
  allowed: { status: boolean; priority: boolean; assign: boolean };
  agents: Named[];
  teams: Named[];
  assigneeName: string | null;
}) {
  const router = useRouter();
  const [saved, setSaved] = useState<Triage>(current);
  const [draft, setDraft] = useState<Triage>(current);
  const [message, setMessage] = useState<string | null>(null);
  const { pending, error, fieldErrors, onSubmit } = useFormSubmit();
  // After router.refresh() (ours or after a reply) the server's values win, unless the user is mid-edit.
  const [seen, setSeen] = useState<Triage>(current);
  if (changedKeys(seen, current).length > 0) {
    setSeen(current);
    setSaved(current);
    if (changedKeys(saved, draft).length === 0) setDraft(current);
  }

  const changes = changedFields(saved, draft);
  const dirty = Object.keys(changes).length > 0;
  // The current assignee may have been deactivated since; keep them visible rather than showing "Unassigned".
  const agentOptions =
    current.assigneeId && !agents.some((a) => a.id === current.assigneeId)
      ? [...agents, { id: current.assigneeId, name: `${assigneeName ?? "Unknown user"} (inactive)` }]
      : agents;

  function update<K extends keyof Triage>(key: K, value: Triage[K]) {
    setDraft((d) => ({ ...d, [key]: value }));
    setMessage(null);
  }

  const save = onSubmit(
    () => {
      setMessage(null);
      return sendJson<Triage>("PATCH", `/api/tickets/${ticketId}`, changes);
    },
    (data) => {
      const next = { status: data.status, priority: data.priority, assigneeId: data.assigneeId, teamId: data.teamId };
      setSaved(next);
      setDraft(next);
      setMessage("Saved.");
      router.refresh();
    },
  );

  return (
    <form onSubmit={(event) => (dirty ? save(event) : event.preventDefault())}>
      <FormAlert message={error?.message} />
      {allowed.status && (
        <Field as="select" label="Status" value={draft.status} onChange={(e) => update("status", e.target.value as TTicketStatus)}>
          {STATUS_ORDER.map((s) => (
            <option key={s} value={s}>
              {STATUS_LABELS[s]}
            </option>
          ))}
        </Field>
      )}
      {allowed.priority && (
        <Field
          as="select"
          label="Priority"
          value={draft.priority}
          onChange={(e) => update("priority", e.target.value as TTicketPriority)}
          hint="Changing priority recalculates the SLA due times."
        >
          {PRIORITY_ORDER.map((p) => (
            <option key={p} value={p}>
              {PRIORITY_LABELS[p]}
            </option>
          ))}
        </Field>
      )}
      {allowed.assign && (
        <>
          <Field
            as="select"
            label="Assignee"
            value={draft.assigneeId ?? ""}
            onChange={(e) => update("assigneeId", e.target.value || null)}
            error={fieldErrors.assigneeId}
          >
            <option value="">Unassigned</option>
            {agentOptions.map((a) => (
              <option key={a.id} value={a.id}>
                {a.name}
              </option>
            ))}
          </Field>
          <Field as="select" label="Team" value={draft.teamId ?? ""} onChange={(e) => update("teamId", e.target.value || null)} error={fieldErrors.teamId}>
            <option value="">No team</option>
            {teams.map((t) => (
              <option key={t.id} value={t.id}>
                {t.name}
              </option>
            ))}
          </Field>
        </>
      )}
      <div className="form-actions">
        <SubmitButton pending={pending} disabled={!dirty}>
          Save
        </SubmitButton>
        <span className="status-text" role="status">
          {message}
        </span>
      </div>
    </form>
  );
}

function changedKeys(a: Triage, b: Triage): (keyof Triage)[] {
  return (["status", "priority", "assigneeId", "teamId"] as const).filter((k) => a[k] !== b[k]);
}

function changedFields(saved: Triage, draft: Triage): Partial<Triage> {
  const out: Partial<Triage> = {};
  if (draft.status !== saved.status) out.status = draft.status;
  if (draft.priority !== saved.priority) out.priority = draft.priority;
  if (draft.assigneeId !== saved.assigneeId) out.assigneeId = draft.assigneeId;
  if (draft.teamId !== saved.teamId) out.teamId = draft.teamId;
  return out;
}
