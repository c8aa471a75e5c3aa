"use client";

import { useId, useState, type KeyboardEvent } from "react";
import { TAG_MESSAGES } from "@/components/messages/tags";
import { useMessages } from "@/components/messages/use-messages";
import { normalise, useTagSuggestions } from "./use-tag-suggestions";

const MAX_TAGS = 20;

/**
 * A ticket's tags as removable labels and a field to add one (Enter or a comma adds it), suggesting the
 * organization's tags as you type. Names are shown as text only; the server normalises and checks them.
 */
export function TagEditor({ label, value, onChange, error }: { label: string; value: string[]; onChange: (tags: string[]) => void; error?: string }) {
  const t = useMessages(TAG_MESSAGES);
  const [typed, setTyped] = useState("");
  const [focused, setFocused] = useState(false);
  const suggestions = useTagSuggestions(typed, focused).filter((s) => !value.includes(s));
  const inputId = useId();
  const listId = useId();
  const full = value.length >= MAX_TAGS;

  function add(raw: string) {
    const name = normalise(raw.replace(/,/g, " "));
    setTyped("");
    if (name && !value.includes(name) && !full) onChange([...value, name].sort());
  }

  function onKeyDown(e: KeyboardEvent<HTMLInputElement>) {
    if (e.key === "Enter" || e.key === ",") {
      e.preventDefault();
      add(typed);
    } else if (e.key === "Backspace" && typed === "" && value.length > 0) {
      onChange(value.slice(0, -1));
    }
  }

  return (
    <div className="field tag-editor">
      <label htmlFor={inputId}>{label}</label>
      {value.length > 0 && (
        <ul className="tag-list" aria-label={t("tags.count", { label, count: value.length })}>
          {value.map((tag) => (
            <li key={tag} className="tag">
              {tag}
              <button type="button" className="tag-remove" aria-label={t("tags.remove", { tag })} onClick={() => onChange(value.filter((x) => x !== tag))}>
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      <input
        id={inputId}
        className="input"
        list={listId}
        value={typed}
        maxLength={40}
        autoComplete="off"
        disabled={full}
        placeholder={full ? t("tags.full", { max: MAX_TAGS }) : t("tags.add")}
        aria-invalid={error ? true : undefined}
        onFocus={() => setFocused(true)}
        onBlur={() => typed.trim() && add(typed)}
        onChange={(e) => (e.target.value.endsWith(",") ? add(e.target.value) : setTyped(e.target.value))}
        onKeyDown={onKeyDown}
      />
      <datalist id={listId}>
        {suggestions.slice(0, 20).map((n) => (
          <option key={n} value={n} />
        ))}
      </datalist>
      {error && (
        <p className="field-error" role="alert">
          {t("tags.error", { label, error })}
        </p>
      )}
    </div>
  );
}
