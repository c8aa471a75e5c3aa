"use client";

import { Field } from "@/components/forms/field";
import type { TTicketPriority } from "@/db/schema/enums";
import type { ErrorsAt } from "./sla-settings-form";
import { durationWords, PRIORITY_NAMES, PRIORITY_ORDER, type PolicyDraft, type SlaDraft } from "./sla-draft";

interface Props {
  draft: SlaDraft;
  update: (change: (d: SlaDraft) => SlaDraft) => void;
  errorsAt: ErrorsAt;
}

const hintOf = (text: string, otherwise: string) => durationWords(text) || otherwise;

/** One policy per priority: targets in business minutes, and whether waiting on the customer stops the clock. */
export function SlaPoliciesFieldset({ draft, update, errorsAt }: Props) {
  const set = (priority: TTicketPriority, change: Partial<PolicyDraft>) =>
    update((d) => ({ ...d, policies: { ...d.policies, [priority]: { ...d.policies[priority], ...change } } }));

  return (
    <>
      {PRIORITY_ORDER.map((priority) => {
        const p = draft.policies[priority];
        const name = PRIORITY_NAMES[priority];
        const at = (field: string) => errorsAt(`policies.${priority}.${field}`);
        return (
          <fieldset key={priority} className="sla-fieldset sla-policy">
            <legend>{name} priority</legend>
            <label className="checkbox">
              <input type="checkbox" checked={p.enabled} onChange={(e) => set(priority, { enabled: e.target.checked })} />
              {name} tickets have SLA targets
            </label>
            {p.enabled && (
              <div className="admin-inline-form">
                <Field
                  label="First response (minutes)"
                  errorLabel="First response"
                  type="number"
                  inputMode="numeric"
                  min={1}
                  value={p.firstResponse}
                  onChange={(e) => set(priority, { firstResponse: e.target.value })}
                  hint={hintOf(p.firstResponse, "Business minutes")}
                  error={at("firstResponseMinutes")}
                />
                <Field
                  label="Next reply (minutes, optional)"
                  errorLabel="Next reply"
                  type="number"
                  inputMode="numeric"
                  min={1}
                  value={p.nextReply}
                  onChange={(e) => set(priority, { nextReply: e.target.value })}
                  hint={hintOf(p.nextReply, "Empty: no next-reply target")}
                  error={at("nextReplyMinutes")}
                />
                <Field
                  label="Resolution (minutes)"
                  errorLabel="Resolution"
                  type="number"
                  inputMode="numeric"
                  min={1}
                  value={p.resolution}
                  onChange={(e) => set(priority, { resolution: e.target.value })}
                  hint={hintOf(p.resolution, "Business minutes")}
                  error={at("resolutionMinutes")}
                />
              </div>
            )}
            {p.enabled && (
              <label className="checkbox">
                <input type="checkbox" checked={p.pauseWhenPending} onChange={(e) => set(priority, { pauseWhenPending: e.target.checked })} />
                Pending and on hold pause the clock (resolved and closed always do)
              </label>
            )}
          </fieldset>
        );
      })}
    </>
  );
}
