"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useId, useRef, useState } from "react";
import { COMMON_MESSAGES } from "@/components/messages/common";
import { QUEUE_MESSAGES } from "@/components/messages/queue";
import { useMessages } from "@/components/messages/use-messages";
import { useTagSuggestions } from "@/components/tags/use-tag-suggestions";
import { PRIORITY_ORDER, STATUS_ORDER } from "@/components/tickets/labels";
import { FILTER_KEYS, queueHref, type QueueFilters } from "./queue-params";

type Option = { value: string; label: string };
export type Directory = { agents: { id: string; name: string; label?: string }[]; teams: { id: string; name: string }[] };

const UNFINISHED = "open,pending,on_hold";
/** Typing pauses this long before the search runs: one page load per word, not per key. */
const TYPING_PAUSE_MS = 400;

/**
 * The queue's filters apply as they change (issue 11): a choice in a list at once, typed text after a
 * pause or on Enter, always back to the first page. It stays a plain GET form underneath, so filtering
 * works without JavaScript (the Apply button is shown only then) and the URL can be bookmarked and shared.
 * Priority, assignee, team, tag, SLA and due-order filters exist only for staff (F6: a requester may not
 * filter by what they are not shown).
 */
export function QueueFilterForm({
  filters,
  view,
  directory,
  tags,
  triage,
}: {
  filters: QueueFilters;
  view?: string;
  directory: Directory | null;
  tags: boolean;
  triage: boolean;
}) {
  const router = useRouter();
  const t = useMessages(QUEUE_MESSAGES);
  const tc = useMessages(COMMON_MESSAGES);
  const form = useRef<HTMLFormElement>(null);
  const typing = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const [values, setValues] = useState<QueueFilters>(filters);
  const tagListId = useId();
  const [tagFocused, setTagFocused] = useState(false);
  const suggestions = useTagSuggestions(values.tag ?? "", tags && tagFocused);

  // The URL changed (a view link, Back, Reset): show its filters, except text the user is still typing.
  const urlKey = JSON.stringify(filters);
  useEffect(() => {
    setValues((typed) => {
      const focused = document.activeElement as HTMLInputElement | null;
      const keep = focused && form.current?.contains(focused) && focused.type !== "select-one" ? focused.name : null;
      return keep ? { ...filters, [keep]: typed[keep as keyof QueueFilters] } : filters;
    });
  }, [urlKey]);

  function apply(next: QueueFilters, how: "push" | "replace") {
    clearTimeout(typing.current);
    const clean: QueueFilters = {};
    for (const key of FILTER_KEYS) if (next[key]?.trim()) clean[key] = next[key]!.trim();
    // A saved view stays named while its filters are adjusted (the page marks it as changed).
    const href = queueHref(clean, { view });
    if (how === "push") router.push(href, { scroll: false });
    else router.replace(href, { scroll: false });
  }

  function choose(name: keyof QueueFilters, value: string) {
    const next = { ...values, [name]: value };
    setValues(next);
    apply(next, "push");
  }

  function type(name: keyof QueueFilters, value: string) {
    const next = { ...values, [name]: value };
    setValues(next);
    clearTimeout(typing.current);
    typing.current = setTimeout(() => apply(next, "replace"), TYPING_PAUSE_MS);
  }

  const statusOptions: Option[] = [
    { value: "", label: t("queue.filters.anyStatus") },
    { value: UNFINISHED, label: t("queue.filters.unresolved") },
    ...STATUS_ORDER.map((s) => ({ value: s, label: tc(`status.${s}`) })),
  ];
  const priorityOptions: Option[] = [
    { value: "", label: t("queue.filters.anyPriority") },
    ...PRIORITY_ORDER.map((p) => ({ value: p, label: tc(`priority.${p}`) })),
  ];

  return (
    // biome-ignore lint/a11y/useSemanticElements: a GET form with the search landmark role; <search> is not yet announced by every screen reader we support
    <form
      ref={form}
      className="card filters"
      method="get"
      action="/app"
      role="search"
      aria-label={t("queue.filters.label")}
      onSubmit={(e) => {
        e.preventDefault();
        apply(values, "push");
      }}
    >
      {view && <input type="hidden" name="view" value={view} />}
      <div className="field field-search">
        <label htmlFor="filter-q">{t("queue.filters.search")}</label>
        <input
          id="filter-q"
          name="q"
          type="search"
          className="input"
          value={values.q ?? ""}
          onChange={(e) => type("q", e.target.value)}
          maxLength={200}
          placeholder={t("queue.filters.searchPlaceholder")}
        />
      </div>
      <FilterSelect id="filter-status" name="status" label={tc("field.status")} value={values.status} options={statusOptions} onChoose={choose} />
      {triage && (
        <FilterSelect id="filter-priority" name="priority" label={tc("field.priority")} value={values.priority} options={priorityOptions} onChoose={choose} />
      )}
      {directory && (
        <>
          <FilterSelect
            id="filter-assignee"
            name="assignee"
            label={tc("field.assignee")}
            value={values.assignee}
            onChoose={choose}
            options={[
              { value: "", label: t("queue.filters.anyone") },
              { value: "me", label: t("queue.filters.me") },
              { value: "none", label: tc("value.unassigned") },
              ...directory.agents.map((a) => ({ value: a.id, label: a.label ?? a.name })),
            ]}
          />
          <FilterSelect
            id="filter-team"
            name="team"
            label={tc("field.team")}
            value={values.team}
            onChoose={choose}
            options={[
              { value: "", label: t("queue.filters.anyTeam") },
              { value: "none", label: tc("value.noTeam") },
              ...directory.teams.map((team) => ({ value: team.id, label: team.name })),
            ]}
          />
        </>
      )}
      {tags && (
        <div className="field">
          <label htmlFor="filter-tag">{t("queue.filters.tag")}</label>
          <input
            id="filter-tag"
            name="tag"
            className="input"
            value={values.tag ?? ""}
            list={tagListId}
            autoComplete="off"
            maxLength={40}
            placeholder={t("queue.filters.anyTag")}
            onFocus={() => setTagFocused(true)}
            onChange={(e) => type("tag", e.target.value)}
          />
          <datalist id={tagListId}>
            {suggestions.slice(0, 20).map((name) => (
              <option key={name} value={name} />
            ))}
          </datalist>
        </div>
      )}
      {/* SLA (S9): breached or at-risk tickets, most urgent first; or any list by due time. */}
      {triage && (
        <>
          <FilterSelect
            id="filter-sla"
            name="sla"
            label={t("queue.filters.sla")}
            value={values.sla}
            onChoose={choose}
            options={[
              { value: "", label: t("queue.filters.anySla") },
              { value: "breached", label: t("queue.filters.breached") },
              { value: "at_risk", label: t("queue.filters.atRisk") },
            ]}
          />
          <FilterSelect
            id="filter-sort"
            name="sort"
            label={t("queue.filters.order")}
            value={values.sort}
            onChoose={choose}
            options={
              values.q
                ? [
                    { value: "", label: t("queue.filters.bestMatch") },
                    { value: "created", label: t("queue.filters.newestFirst") },
                    { value: "due", label: t("queue.filters.dueSoonest") },
                  ]
                : [
                    { value: "", label: t("queue.filters.newestFirst") },
                    { value: "due", label: t("queue.filters.dueSoonest") },
                  ]
            }
          />
        </>
      )}
      {/* Filters not shown as fields (e.g. requester=, limit=) survive a new search. */}
      {values.requester && <input type="hidden" name="requester" value={values.requester} />}
      {values.mine && <input type="hidden" name="mine" value={values.mine} />}
      {values.limit && <input type="hidden" name="limit" value={values.limit} />}
      <div className="filters-actions">
        {/* With JavaScript every change applies at once; without it, this button sends the form. */}
        <noscript>
          <button type="submit" className="btn btn-primary">
            {t("queue.filters.apply")}
          </button>
        </noscript>
        <Link href="/app" prefetch={false} className="btn btn-quiet">
          {t("queue.filters.reset")}
        </Link>
      </div>
    </form>
  );
}

function FilterSelect({
  id,
  name,
  label,
  value,
  options,
  onChoose,
}: {
  id: string;
  name: keyof QueueFilters;
  label: string;
  value: string | undefined;
  options: Option[];
  onChoose: (name: keyof QueueFilters, value: string) => void;
}) {
  // A value from a hand-written URL that no option matches stays selectable instead of silently vanishing.
  const all = value && !options.some((o) => o.value === value) ? [...options, { value, label: value }] : options;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} name={name} className="select" value={value ?? ""} onChange={(e) => onChoose(name, e.target.value)}>
        {all.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}
