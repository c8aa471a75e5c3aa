"use client";

import { createContext, useContext, useState, type ReactNode } from "react";
import { QUEUE_MESSAGES } from "@/components/messages/queue";
import { useMessages } from "@/components/messages/use-messages";

type Selection = {
  ids: readonly string[];
  selected: ReadonlySet<string>;
  toggle: (id: string, on: boolean) => void;
  setAll: (on: boolean) => void;
  clear: () => void;
};

const SelectionContext = createContext<Selection | null>(null);

/**
 * The tickets checked on this page of the queue (issue 11). The rows stay server-rendered; only their
 * checkboxes and the bulk action bar read this. A new page (other ids) starts with nothing selected.
 */
export function BulkSelectionProvider({ ids, children }: { ids: string[]; children: ReactNode }) {
  const [state, setState] = useState<{ key: string; selected: Set<string> }>({ key: ids.join(), selected: new Set() });
  const key = ids.join();
  const selected = state.key === key ? state.selected : new Set<string>();
  const update = (next: Set<string>) => setState({ key, selected: next });
  const value: Selection = {
    ids,
    selected,
    toggle: (id, on) => {
      const next = new Set(selected);
      if (on) next.add(id);
      else next.delete(id);
      update(next);
    },
    setAll: (on) => update(on ? new Set(ids) : new Set()),
    clear: () => update(new Set()),
  };
  return <SelectionContext.Provider value={value}>{children}</SelectionContext.Provider>;
}

export function useSelection(): Selection {
  const s = useContext(SelectionContext);
  if (!s) throw new Error("useSelection outside BulkSelectionProvider");
  return s;
}

/** One row's checkbox, named by the ticket it selects. */
export function RowCheckbox({ id, label }: { id: string; label: string }) {
  const { selected, toggle } = useSelection();
  return <input type="checkbox" className="row-check" aria-label={label} checked={selected.has(id)} onChange={(e) => toggle(id, e.target.checked)} />;
}

/** Selects or clears every ticket on this page. */
export function SelectAllCheckbox() {
  const { ids, selected, setAll } = useSelection();
  const t = useMessages(QUEUE_MESSAGES);
  const all = ids.length > 0 && ids.every((id) => selected.has(id));
  const some = !all && ids.some((id) => selected.has(id));
  return (
    <input
      type="checkbox"
      className="row-check"
      aria-label={t("queue.row.selectAll")}
      checked={all}
      ref={(el) => {
        if (el) el.indeterminate = some;
      }}
      onChange={(e) => setAll(e.target.checked)}
    />
  );
}
