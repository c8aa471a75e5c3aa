import Link from "next/link";
import { PRIORITY_LABELS, PRIORITY_ORDER, STATUS_LABELS, STATUS_ORDER } from "@/components/tickets/labels";
import type { QueueFilters } from "./queue-params";

type Option = { value: string; label: string };
export type Directory = { agents: { id: string; name: string; label?: string }[]; teams: { id: string; name: string }[] };

const UNFINISHED = "open,pending,on_hold";

/**
 * A plain GET form: filtering works without JavaScript, the URL can be bookmarked and shared, and
 * no write is involved. Assignee and team filters exist only for people who may read the directory.
 */
export function QueueFilterForm({ filters, directory }: { filters: QueueFilters; directory: Directory | null }) {
  const statusOptions: Option[] = [
    { value: "", label: "Any status" },
    { value: UNFINISHED, label: "Unresolved" },
    ...STATUS_ORDER.map((s) => ({ value: s, label: STATUS_LABELS[s] })),
  ];
  const priorityOptions: Option[] = [{ value: "", label: "Any priority" }, ...PRIORITY_ORDER.map((p) => ({ value: p, label: PRIORITY_LABELS[p] }))];

  return (
    // biome-ignore lint/a11y/useSemanticElements: a GET form with the search landmark role; <search> is not yet announced by every screen reader we support
    <form className="card filters" method="get" action="/app" role="search" aria-label="Filter tickets">
      <div className="field field-search">
        <label htmlFor="filter-q">Search</label>
        <input id="filter-q" name="q" type="search" className="input" defaultValue={filters.q ?? ""} maxLength={200} placeholder="Words or #number" />
      </div>
      <FilterSelect id="filter-status" name="status" label="Status" value={filters.status} options={statusOptions} />
      <FilterSelect id="filter-priority" name="priority" label="Priority" value={filters.priority} options={priorityOptions} />
      {directory && (
        <>
          <FilterSelect
            id="filter-assignee"
            name="assignee"
            label="Assignee"
            value={filters.assignee}
            options={[
              { value: "", label: "Anyone" },
              { value: "me", label: "Me" },
              { value: "none", label: "Unassigned" },
              ...directory.agents.map((a) => ({ value: a.id, label: a.label ?? a.name })),
            ]}
          />
          <FilterSelect
            id="filter-team"
            name="team"
            label="Team"
            value={filters.team}
            options={[{ value: "", label: "Any team" }, { value: "none", label: "No team" }, ...directory.teams.map((t) => ({ value: t.id, label: t.name }))]}
          />
        </>
      )}
      {/* SLA (S9): breached or at-risk tickets, most urgent first; or any list by due time. */}
      <FilterSelect
        id="filter-sla"
        name="sla"
        label="SLA"
        value={filters.sla}
        options={[
          { value: "", label: "Any SLA state" },
          { value: "breached", label: "Breached" },
          { value: "at_risk", label: "At risk" },
        ]}
      />
      <FilterSelect
        id="filter-sort"
        name="sort"
        label="Order"
        value={filters.sort}
        options={[
          { value: "", label: "Newest first" },
          { value: "due", label: "Due first" },
        ]}
      />
      {/* Filters not shown as fields (e.g. requester=, limit=) survive a new search. */}
      {filters.requester && <input type="hidden" name="requester" value={filters.requester} />}
      {filters.limit && <input type="hidden" name="limit" value={filters.limit} />}
      <div className="filters-actions">
        <button type="submit" className="btn btn-primary">
          Apply filters
        </button>
        <Link href="/app" prefetch={false} className="btn btn-quiet">
          Reset
        </Link>
      </div>
    </form>
  );
}

function FilterSelect({ id, name, label, value, options }: { id: string; name: string; label: string; value: string | undefined; options: Option[] }) {
  // A value from a hand-written URL that no option matches stays selectable instead of silently vanishing.
  const all = value && !options.some((o) => o.value === value) ? [...options, { value, label: value }] : options;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} name={name} className="select" defaultValue={value ?? ""}>
        {all.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}
