"use client";

import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { sendJson } from "@/components/api/send-json";
import { FormAlert } from "@/components/forms/field";
import { SubmitButton } from "@/components/forms/submit-button";
import { useFormSubmit } from "@/components/forms/use-form-submit";
import { COMMON_MESSAGES } from "@/components/messages/common";
import { QUEUE_MESSAGES, type QueueTranslator } from "@/components/messages/queue";
import { useMessages } from "@/components/messages/use-messages";
import { useTagSuggestions } from "@/components/tags/use-tag-suggestions";
import { PRIORITY_ORDER, STATUS_ORDER } from "@/components/tickets/labels";
import type { TBulkItemStatus } from "@/domain/tickets/bulk-update-tickets";
import { useSelection } from "./bulk-selection";
import type { Directory } from "./queue-filters";

type ItemStatus = TBulkItemStatus;
type BulkAnswer = { items: { id: string; status: ItemStatus; error?: { message: string } }[]; summary: Record<ItemStatus, number> };

/** The order that matters: what changed first, then what did not and why. */
const SUMMARY_ORDER: ItemStatus[] = ["updated", "unchanged", "not_found", "forbidden", "invalid", "ticket_closed", "failed"];

/** "3 updated, 1 unchanged": what the bulk action did, each count in the locale's words and digits. */
function summarise(a: BulkAnswer, t: QueueTranslator): string {
  return SUMMARY_ORDER.filter((k) => a.summary[k] > 0)
    .map((k) => t(`queue.bulk.${k}`, { count: a.summary[k] }))
    .join(", ");
}

/**
 * Changes the checked tickets in one step (issue 11): status, priority, assignee, team, a tag to add or
 * remove. The server checks, changes and audits each ticket as if changed alone and answers per ticket;
 * the bar says what happened, naming tickets that were refused and why.
 */
export function BulkBar({ directory, numbers }: { directory: Directory; numbers: Record<string, number> }) {
  const router = useRouter();
  const t = useMessages(QUEUE_MESSAGES);
  const tc = useMessages(COMMON_MESSAGES);
  const { selected, clear } = useSelection();
  const [message, setMessage] = useState<string | null>(null);
  const [problems, setProblems] = useState<string[]>([]);
  const [addTag, setAddTag] = useState("");
  const [tagFocus, setTagFocus] = useState(false);
  const suggestions = useTagSuggestions(addTag, tagFocus);
  const tagListId = useId();
  const { pending, error, onSubmit } = useFormSubmit();
  const count = selected.size;
  if (count === 0 && !message) return null;
  const noChange = t("queue.bulk.noChange");

  const submit = onSubmit(
    (data) => {
      setMessage(null);
      setProblems([]);
      const text = (k: string) => String(data.get(k) ?? "").trim();
      const changes: Record<string, unknown> = {};
      if (text("status")) changes.status = text("status");
      if (text("priority")) changes.priority = text("priority");
      if (text("assigneeId")) changes.assigneeId = text("assigneeId") === "none" ? null : text("assigneeId");
      if (text("teamId")) changes.teamId = text("teamId") === "none" ? null : text("teamId");
      if (text("addTag")) changes.addTags = [text("addTag")];
      if (text("removeTag")) changes.removeTags = [text("removeTag")];
      if (Object.keys(changes).length === 0) {
        return Promise.resolve({ ok: false as const, error: { status: 0, code: "error", message: t("queue.bulk.chooseChange"), fieldErrors: {} } });
      }
      return sendJson<BulkAnswer>("POST", "/api/tickets/bulk", { ids: [...selected], changes });
    },
    (answer, form) => {
      setMessage(t("queue.bulk.result", { summary: summarise(answer, t) }));
      setProblems(
        answer.items
          .filter((i) => i.error)
          .map((i) =>
            numbers[i.id]
              ? t("queue.bulk.problem", { number: numbers[i.id]!, message: i.error!.message })
              : t("queue.bulk.problemUnknown", { message: i.error!.message }),
          ),
      );
      form.reset();
      setAddTag("");
      clear();
      router.refresh();
    },
  );

  return (
    <form className="bulk-bar" aria-label={t("queue.bulk.label")} onSubmit={submit}>
      <p className="bulk-count" aria-live="polite">
        {count > 0 ? t("queue.bulk.selected", { count }) : t("queue.bulk.nothingSelected")}
      </p>
      {count > 0 && (
        <div className="bulk-fields">
          <BulkSelect name="status" label={t("queue.bulk.setStatus")} noChange={noChange} options={STATUS_ORDER.map((s) => [s, tc(`status.${s}`)])} />
          <BulkSelect name="priority" label={t("queue.bulk.setPriority")} noChange={noChange} options={PRIORITY_ORDER.map((p) => [p, tc(`priority.${p}`)])} />
          <BulkSelect
            name="assigneeId"
            label={t("queue.bulk.assignTo")}
            noChange={noChange}
            options={[["none", tc("value.unassigned")], ...directory.agents.map((a) => [a.id, a.label ?? a.name] as [string, string])]}
          />
          <BulkSelect
            name="teamId"
            label={t("queue.bulk.setTeam")}
            noChange={noChange}
            options={[["none", tc("value.noTeam")], ...directory.teams.map((team) => [team.id, team.name] as [string, string])]}
          />
          <div className="field">
            <label htmlFor="bulk-add-tag">{t("queue.bulk.addTag")}</label>
            <input
              id="bulk-add-tag"
              name="addTag"
              className="input"
              list={tagListId}
              autoComplete="off"
              maxLength={40}
              value={addTag}
              onFocus={() => setTagFocus(true)}
              onChange={(e) => setAddTag(e.target.value)}
            />
            <datalist id={tagListId}>
              {suggestions.slice(0, 20).map((n) => (
                <option key={n} value={n} />
              ))}
            </datalist>
          </div>
          <div className="field">
            <label htmlFor="bulk-remove-tag">{t("queue.bulk.removeTag")}</label>
            <input id="bulk-remove-tag" name="removeTag" className="input" autoComplete="off" maxLength={40} />
          </div>
          <div className="bulk-actions">
            <SubmitButton pending={pending}>{t("queue.bulk.apply", { count })}</SubmitButton>
            <button type="button" className="btn btn-quiet" onClick={clear}>
              {t("queue.bulk.clear")}
            </button>
          </div>
        </div>
      )}
      <FormAlert message={error?.message} />
      <div role="status" className="bulk-result">
        {message}
        {problems.length > 0 && (
          <ul>
            {problems.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        )}
      </div>
    </form>
  );
}

function BulkSelect({ name, label, noChange, options }: { name: string; label: string; noChange: string; options: [string, string][] }) {
  const id = `bulk-${name}`;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} name={name} className="select" defaultValue="">
        <option value="">{noChange}</option>
        {options.map(([value, text]) => (
          <option key={value} value={value}>
            {text}
          </option>
        ))}
      </select>
    </div>
  );
}
