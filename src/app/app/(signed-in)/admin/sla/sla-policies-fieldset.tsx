"use client";

import { Field } from "@/components/forms/field";
import { COMMON_MESSAGES } from "@/components/messages/common";
import { SLA_SETTINGS_MESSAGES } from "@/components/messages/sla-settings";
import { useMessages } from "@/components/messages/use-messages";
import type { TTicketPriority } from "@/db/schema/enums";
import type { ErrorsAt } from "./sla-settings-form";
import { durationWords, PRIORITY_ORDER, type PolicyDraft, type SlaDraft } from "./sla-draft";

interface Props {
  draft: SlaDraft;
  update: (change: (d: SlaDraft) => SlaDraft) => void;
  errorsAt: ErrorsAt;
}

/** One policy per priority: targets in business minutes, and whether waiting on the customer stops the clock. */
export function SlaPoliciesFieldset({ draft, update, errorsAt }: Props) {
  const t = useMessages(SLA_SETTINGS_MESSAGES);
  const common = useMessages(COMMON_MESSAGES);
  const hintOf = (text: string, otherwise: string) => durationWords(text, t) || otherwise;
  const set = (priority: TTicketPriority, change: Partial<PolicyDraft>) =>
    update((d) => ({ ...d, policies: { ...d.policies, [priority]: { ...d.policies[priority], ...change } } }));

  return (
    <>
      {PRIORITY_ORDER.map((priority) => {
        const p = draft.policies[priority];
        const name = common(`priority.${priority}`);
        const at = (field: string) => errorsAt(`policies.${priority}.${field}`);
        return (
          <fieldset key={priority} className="sla-fieldset sla-policy">
            <legend>{t("targets.legend", { priority: name })}</legend>
            <label className="checkbox">
              <input type="checkbox" checked={p.enabled} onChange={(e) => set(priority, { enabled: e.target.checked })} />
              {t("targets.enabled", { priority: name })}
            </label>
            {p.enabled && (
              <div className="admin-inline-form">
                <Field
                  label={t("targets.firstResponse")}
                  errorLabel={t("targets.firstResponseError")}
                  type="number"
                  inputMode="numeric"
                  min={1}
                  value={p.firstResponse}
                  onChange={(e) => set(priority, { firstResponse: e.target.value })}
                  hint={hintOf(p.firstResponse, t("targets.businessMinutes"))}
                  error={at("firstResponseMinutes")}
                />
                <Field
                  label={t("targets.nextReply")}
                  errorLabel={t("targets.nextReplyError")}
                  type="number"
                  inputMode="numeric"
                  min={1}
                  value={p.nextReply}
                  onChange={(e) => set(priority, { nextReply: e.target.value })}
                  hint={hintOf(p.nextReply, t("targets.nextReplyEmpty"))}
                  error={at("nextReplyMinutes")}
                />
                <Field
                  label={t("targets.resolution")}
                  errorLabel={t("targets.resolutionError")}
                  type="number"
                  inputMode="numeric"
                  min={1}
                  value={p.resolution}
                  onChange={(e) => set(priority, { resolution: e.target.value })}
                  hint={hintOf(p.resolution, t("targets.businessMinutes"))}
                  error={at("resolutionMinutes")}
                />
              </div>
            )}
            {p.enabled && (
              <label className="checkbox">
                <input type="checkbox" checked={p.pauseWhenPending} onChange={(e) => set(priority, { pauseWhenPending: e.target.checked })} />
                {t("targets.pause")}
              </label>
            )}
          </fieldset>
        );
      })}
    </>
  );
}
