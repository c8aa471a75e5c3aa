"use client";

import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { sendJson } from "@/components/api/send-json";
import { FormAlert } from "@/components/forms/field";
import { SubmitButton } from "@/components/forms/submit-button";
import { useFormSubmit } from "@/components/forms/use-form-submit";
import { useTagSuggestions } from "@/components/tags/use-tag-suggestions";
import { PRIORITY_LABELS, PRIORITY_ORDER, STATUS_LABELS, STATUS_ORDER } from "@/components/tickets/labels";
import type { TBulkItemStatus } from "@/domain/tickets/bulk-update-tickets";
import { useSelection } from "./bulk-selection";
import type { Directory } from "./queue-filters";

type ItemStatus = TBulkItemStatus;
type BulkAnswer = { items: { id: string; status: ItemStatus; error?: { message: string } }[]; summary: Record<ItemStatus, number> };

const SUMMARY_WORDS: [ItemStatus, string][] = [
  ["updated", "updated"],
  ["unchanged", "unchanged"],
  ["not_found", "no longer found"],
  ["forbidden", "not allowed"],
  ["invalid", "refused"],
  ["ticket_closed", "closed (reopen first)"],
  ["failed", "failed"],
];

/** "3 updated, 1 unchanged": what the bulk action did, in the order that matters. */
function summarise(a: BulkAnswer): string {
  return SUMMARY_WORDS.filter(([k]) => a.summary[k] > 0)
    .map(([k, word]) => `${a.summary[k]} ${word}`)
    .join(", ");
}

/**
 * Changes the checked tickets in one step (issue 11): status, priority, assignee, team, a tag to add or
 * remove. The server checks, changes and audits each ticket as if changed alone and answers per ticket;
 * the bar says what happened, naming tickets that were refused and why.
 */
export function BulkBar({ directory, numbers }: { directory: Directory; numbers: Record<string, number> }) {
  const router = useRouter();
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
        return Promise.resolve({ ok: false as const, error: { status: 0, code: "error", message: "Choose a change to apply.", fieldErrors: {} } });
      }
      return sendJson<BulkAnswer>("POST", "/api/tickets/bulk", { ids: [...selected], changes });
    },
    (answer, form) => {
      setMessage(`${summarise(answer)}.`);
      setProblems(answer.items.filter((i) => i.error).map((i) => `${numbers[i.id] ? `#${numbers[i.id]}` : "A ticket"}: ${i.error!.message}`));
      form.reset();
      setAddTag("");
      clear();
      router.refresh();
    },
  );

  return (
    <form className="bulk-bar" aria-label="Bulk actions" onSubmit={submit}>
      <p className="bulk-count" aria-live="polite">
        {count > 0 ? `${count} selected` : "Nothing selected"}
      </p>
      {count > 0 && (
        <div className="bulk-fields">
          <BulkSelect name="status" label="Set status" options={STATUS_ORDER.map((s) => [s, STATUS_LABELS[s]])} />
          <BulkSelect name="priority" label="Set priority" options={PRIORITY_ORDER.map((p) => [p, PRIORITY_LABELS[p]])} />
          <BulkSelect
            name="assigneeId"
            label="Assign to"
            options={[["none", "Unassigned"], ...directory.agents.map((a) => [a.id, a.label ?? a.name] as [string, string])]}
          />
          <BulkSelect name="teamId" label="Set team" options={[["none", "No team"], ...directory.teams.map((t) => [t.id, t.name] as [string, string])]} />
          <div className="field">
            <label htmlFor="bulk-add-tag">Add tag</label>
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
            <label htmlFor="bulk-remove-tag">Remove tag</label>
            <input id="bulk-remove-tag" name="removeTag" className="input" autoComplete="off" maxLength={40} />
          </div>
          <div className="bulk-actions">
            <SubmitButton pending={pending}>{`Apply to ${count} ${count === 1 ? "ticket" : "tickets"}`}</SubmitButton>
            <button type="button" className="btn btn-quiet" onClick={clear}>
              Clear selection
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

function BulkSelect({ name, label, options }: { name: string; label: string; options: [string, string][] }) {
  const id = `bulk-${name}`;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} name={name} className="select" defaultValue="">
        <option value="">No change</option>
        {options.map(([value, text]) => (
          <option key={value} value={value}>
            {text}
          </option>
        ))}
      </select>
    </div>
  );
}
