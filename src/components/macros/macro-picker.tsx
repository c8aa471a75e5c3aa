"use client";

import Link from "next/link";
import { useEffect, useId, useRef, useState, type KeyboardEvent } from "react";
import { getJson, sendJson } from "@/components/api/send-json";
import { FormAlert } from "@/components/forms/field";
import { MACROS_MESSAGES } from "@/components/messages/macros";
import { useMessages } from "@/components/messages/use-messages";
import type { AppliedMacro, MacroView } from "./macro-types";

/**
 * Picks a macro and fills it in for one ticket (issue 11). Self-contained: it loads the caller's macros
 * when first opened and asks the server to fill the chosen one in (placeholders as text, "me" resolved),
 * then hands the result to `onApply`. It writes nothing: the composer sends the reply and the changes
 * through the normal comment POST and PATCH, which authorize and audit them.
 */
export function MacroPicker({ ticketId, onApply }: { ticketId: string; onApply: (applied: AppliedMacro) => void }) {
  const panelId = useId();
  const t = useMessages(MACROS_MESSAGES);
  const [open, setOpen] = useState(false);
  const [macros, setMacros] = useState<MacroView[] | null>(null);
  const [query, setQuery] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [applying, setApplying] = useState<string | null>(null);
  const toggleRef = useRef<HTMLButtonElement>(null);
  const searchRef = useRef<HTMLInputElement>(null);

  // Opening the panel is the user's request to pick: the search field takes the focus then, and only then.
  useEffect(() => {
    if (open) searchRef.current?.focus();
  }, [open]);

  async function load() {
    const res = await getJson<{ items: MacroView[] }>("/api/macros");
    if (res.ok) setMacros(res.data.items);
    else setError(res.error.message);
  }

  function toggle() {
    if (!open && macros === null) void load();
    setError(null);
    setOpen(!open);
  }

  function close() {
    setOpen(false);
    toggleRef.current?.focus();
  }

  async function apply(macro: MacroView) {
    if (applying) return;
    setApplying(macro.id);
    setError(null);
    const res = await sendJson<AppliedMacro>("POST", `/api/tickets/${ticketId}/macros/${macro.id}/render`, {});
    setApplying(null);
    if (!res.ok) return setError(res.error.status === 404 ? t("macros.picker.gone") : res.error.message);
    onApply({ name: res.data.name, bodyMd: res.data.bodyMd, changes: res.data.changes });
    close();
  }

  function onKeyDown(event: KeyboardEvent<HTMLFieldSetElement>) {
    if (event.key === "Escape") {
      event.preventDefault();
      close();
    }
  }

  const needle = query.trim().toLowerCase();
  const shown = (macros ?? []).filter((m) => !needle || m.name.toLowerCase().includes(needle));

  return (
    <div className="macro-picker">
      <button ref={toggleRef} type="button" className="btn" aria-expanded={open} aria-controls={panelId} onClick={toggle}>
        {t("macros.picker.insert")}
      </button>
      {open && (
        <fieldset id={panelId} className="macro-picker-panel card" onKeyDown={onKeyDown}>
          <legend className="sr-only">{t("macros.picker.legend")}</legend>
          <label className="sr-only" htmlFor={`${panelId}-q`}>
            {t("macros.picker.find")}
          </label>
          <input
            ref={searchRef}
            id={`${panelId}-q`}
            className="input"
            type="search"
            placeholder={t("macros.picker.find")}
            value={query}
            onChange={(e) => setQuery(e.target.value)}
          />
          {macros === null && !error && <p className="muted macro-picker-note">{t("macros.picker.loading")}</p>}
          {macros !== null && shown.length === 0 && (
            <p className="muted macro-picker-note">{t(macros.length === 0 ? "macros.picker.none" : "macros.picker.noMatch")}</p>
          )}
          {shown.length > 0 && (
            <ul className="macro-picker-list">
              {shown.map((m) => (
                <li key={m.id}>
                  <button type="button" className="macro-picker-item" onClick={() => void apply(m)} disabled={applying !== null} aria-busy={applying === m.id}>
                    <span className="macro-picker-name">{m.name}</span>
                    <span className="badge badge-priority-low">{t(m.shared ? "macros.badge.shared" : "macros.badge.personal")}</span>
                  </button>
                </li>
              ))}
            </ul>
          )}
          <FormAlert inline message={error} />
          <p className="macro-picker-note">
            <Link href="/app/macros" prefetch={false}>
              {t("macros.picker.manage")}
            </Link>
          </p>
        </fieldset>
      )}
    </div>
  );
}
