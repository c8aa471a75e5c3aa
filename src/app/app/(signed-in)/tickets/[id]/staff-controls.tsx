"use client";

import { useEffect, useState } from "react";
import { Field, FormAlert } from "@/components/forms/field";
import { TagEditor } from "@/components/tags/tag-editor";
import { PRIORITY_LABELS, PRIORITY_ORDER, STATUS_LABELS, STATUS_ORDER } from "@/components/tickets/labels";
import type { TTicketPriority, TTicketStatus } from "@/db/schema/enums";
import { StaleNotice } from "./stale-notice";
import { useTicketSession, type TicketFieldChange } from "./ticket-session";

type Triage = { status: TTicketStatus; priority: TTicketPriority; assigneeId: string | null; teamId: string | null; tags: string[] };
type Named = { id: string; name: string };

/**
 * Status, priority, assignee, team and tags, each saved as soon as it changes (issue 11: no separate Save),
 * through the page's one writer, so a stale page gets the collision warning instead of overwriting.
 * Only the changed field is sent; "" in a select means null (unassigned). Which selects appear is decided
 * on the server with can(); the API checks again.
 */
export function StaffControls({
  current,
  allowed,
  agents,
  teams,
  assigneeName,
}: {
  current: Triage;
  allowed: { status: boolean; priority: boolean; assign: boolean; tag: boolean };
  agents: Named[];
  teams: Named[];
  assigneeName: string | null;
}) {
  const session = useTicketSession();
  // What the user picked and the server has not rendered yet; a new rendering of the ticket (after this
  // save, a reload or someone else's change) is the truth again.
  const [picked, setPicked] = useState<Partial<Triage>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<{ message: string; fieldErrors: Record<string, string> } | null>(null);
  const [pending, setPending] = useState(false);
  useEffect(() => setPicked({}), [session.renderedVersion]);

  const shown: Triage = { ...current, ...picked };
  // The current assignee may have been deactivated since; keep them visible rather than showing "Unassigned".
  const agentOptions =
    current.assigneeId && !agents.some((a) => a.id === current.assigneeId)
      ? [...agents, { id: current.assigneeId, name: `${assigneeName ?? "Unknown user"} (inactive)` }]
      : agents;

  async function save<K extends keyof Triage>(key: K, value: Triage[K]) {
    setPicked((p) => ({ ...p, [key]: value }));
    setMessage(null);
    setError(null);
    setPending(true);
    const outcome = await session.patchFields({ [key]: value } as TicketFieldChange);
    setPending(false);
    if (outcome.ok) setMessage("Saved.");
    else if (!outcome.stale) {
      setError(outcome.error);
      setPicked((p) => ({ ...p, [key]: current[key] }));
    }
  }

  return (
    <form onSubmit={(e) => e.preventDefault()} aria-busy={pending}>
      <StaleNotice origin="fields" />
      <FormAlert message={error && Object.keys(error.fieldErrors).length === 0 ? error.message : undefined} />
      {allowed.status && (
        <Field as="select" label="Status" value={shown.status} onChange={(e) => void save("status", e.target.value as TTicketStatus)}>
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
          value={shown.priority}
          onChange={(e) => void save("priority", e.target.value as TTicketPriority)}
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
            value={shown.assigneeId ?? ""}
            onChange={(e) => void save("assigneeId", e.target.value || null)}
            error={error?.fieldErrors.assigneeId}
          >
            <option value="">Unassigned</option>
            {agentOptions.map((a) => (
              <option key={a.id} value={a.id}>
                {a.name}
              </option>
            ))}
          </Field>
          {shown.assigneeId !== session.userId && (
            <button type="button" className="btn btn-block assign-me" onClick={() => void save("assigneeId", session.userId)} disabled={pending}>
              Assign to me
            </button>
          )}
          <Field
            as="select"
            label="Team"
            value={shown.teamId ?? ""}
            onChange={(e) => void save("teamId", e.target.value || null)}
            error={error?.fieldErrors.teamId}
          >
            <option value="">No team</option>
            {teams.map((t) => (
              <option key={t.id} value={t.id}>
                {t.name}
              </option>
            ))}
          </Field>
        </>
      )}
      {/* The whole list is sent: the server normalises it, refuses a 21st tag and audits the change. */}
      {allowed.tag && <TagEditor label="Tags" value={shown.tags} onChange={(tags) => void save("tags", tags)} error={error?.fieldErrors.tags} />}
      <p className="status-text" role="status">
        {pending ? "Saving…" : message}
      </p>
    </form>
  );
}
