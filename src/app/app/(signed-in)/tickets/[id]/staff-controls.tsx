"use client";

import { useEffect, useState } from "react";
import { Field, FormAlert } from "@/components/forms/field";
import { COMMON_MESSAGES } from "@/components/messages/common";
import { TICKET_ACTION_MESSAGES } from "@/components/messages/ticket-actions";
import { useMessages } from "@/components/messages/use-messages";
import { TagEditor } from "@/components/tags/tag-editor";
import { PRIORITY_ORDER, STATUS_ORDER } from "@/components/tickets/labels";
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
  const t = useMessages(TICKET_ACTION_MESSAGES);
  const common = useMessages(COMMON_MESSAGES);
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
      ? [...agents, { id: current.assigneeId, name: t("triage.inactive", { name: assigneeName ?? t("triage.unknownUser") }) }]
      : agents;

  async function save<K extends keyof Triage>(key: K, value: Triage[K]) {
    setPicked((p) => ({ ...p, [key]: value }));
    setMessage(null);
    setError(null);
    setPending(true);
    const outcome = await session.patchFields({ [key]: value } as TicketFieldChange);
    setPending(false);
    if (outcome.ok) setMessage(common("state.saved"));
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
        <Field as="select" label={common("field.status")} value={shown.status} onChange={(e) => void save("status", e.target.value as TTicketStatus)}>
          {STATUS_ORDER.map((s) => (
            <option key={s} value={s}>
              {common(`status.${s}`)}
            </option>
          ))}
        </Field>
      )}
      {allowed.priority && (
        <Field
          as="select"
          label={common("field.priority")}
          value={shown.priority}
          onChange={(e) => void save("priority", e.target.value as TTicketPriority)}
          hint={t("triage.priorityHint")}
        >
          {PRIORITY_ORDER.map((p) => (
            <option key={p} value={p}>
              {common(`priority.${p}`)}
            </option>
          ))}
        </Field>
      )}
      {allowed.assign && (
        <>
          <Field
            as="select"
            label={common("field.assignee")}
            value={shown.assigneeId ?? ""}
            onChange={(e) => void save("assigneeId", e.target.value || null)}
            error={error?.fieldErrors.assigneeId}
          >
            <option value="">{common("value.unassigned")}</option>
            {agentOptions.map((a) => (
              <option key={a.id} value={a.id}>
                {a.name}
              </option>
            ))}
          </Field>
          {shown.assigneeId !== session.userId && (
            <button type="button" className="btn btn-block assign-me" onClick={() => void save("assigneeId", session.userId)} disabled={pending}>
              {t("triage.assignToMe")}
            </button>
          )}
          <Field
            as="select"
            label={common("field.team")}
            value={shown.teamId ?? ""}
            onChange={(e) => void save("teamId", e.target.value || null)}
            error={error?.fieldErrors.teamId}
          >
            <option value="">{common("value.noTeam")}</option>
            {teams.map((team) => (
              <option key={team.id} value={team.id}>
                {team.name}
              </option>
            ))}
          </Field>
        </>
      )}
      {/* The whole list is sent: the server normalises it, refuses a 21st tag and audits the change. */}
      {allowed.tag && (
        <TagEditor label={common("field.tags")} value={shown.tags} onChange={(tags) => void save("tags", tags)} error={error?.fieldErrors.tags} />
      )}
      <p className="status-text" role="status">
        {pending ? common("state.saving") : message}
      </p>
    </form>
  );
}
