"use client";

import { useId, useState } from "react";
import { FieldError } from "@/components/forms/field-error";
import { COMMON_MESSAGES } from "@/components/messages/common";
import { SLA_SETTINGS_MESSAGES } from "@/components/messages/sla-settings";
import { useMessages } from "@/components/messages/use-messages";
import { useTimePrefs } from "@/components/time/client-time";
import { formatCalendarDay } from "@/components/time/format-time";
import type { ErrorsAt } from "./sla-settings-form";
import { parseHolidayList, type SlaDraft } from "./sla-draft";

interface Props {
  holidays: string[];
  update: (change: (d: SlaDraft) => SlaDraft) => void;
  errorsAt: ErrorsAt;
}

/** Closed dates: a year's list pasted at once, each removable. Saved with the rest of the form. */
export function SlaHolidaysFieldset({ holidays, update, errorsAt }: Props) {
  const id = useId();
  const t = useMessages(SLA_SETTINGS_MESSAGES);
  const common = useMessages(COMMON_MESSAGES);
  const [text, setText] = useState("");
  const [pasteError, setPasteError] = useState<string | null>(null);
  const prefs = useTimePrefs();
  // How this reader writes a day, as an example in the hint and the errors ("24/12/2027" in en-GB).
  const localExample = formatCalendarDay("2027-12-24", { ...prefs, style: "numeric" });
  const serverError = errorsAt("holidays");
  const error = pasteError ?? serverError;

  function add() {
    const { dates, invalid } = parseHolidayList(text, prefs);
    if (invalid.length > 0) {
      setPasteError(t("holidays.notDates", { example: localExample, dates: `${invalid.slice(0, 5).join(", ")}${invalid.length > 5 ? "…" : ""}` }));
      return;
    }
    if (dates.length === 0) {
      setPasteError(t("holidays.pasteSome", { example: localExample }));
      return;
    }
    setPasteError(null);
    setText("");
    update((d) => ({ ...d, holidays: [...new Set([...d.holidays, ...dates])].sort() }));
  }

  return (
    <fieldset className="sla-fieldset">
      <legend>{t("holidays.legend")}</legend>
      <div className="field">
        <label htmlFor={`${id}-paste`}>{t("holidays.add")}</label>
        <textarea
          id={`${id}-paste`}
          className="textarea sla-holiday-paste"
          rows={3}
          value={text}
          onChange={(e) => setText(e.target.value)}
          aria-invalid={error ? true : undefined}
          aria-describedby={`${id}-hint${error ? ` ${id}-error` : ""}`}
        />
        <p id={`${id}-hint`} className="field-hint">
          {t("holidays.hint", { example: localExample })}
        </p>
        <FieldError id={`${id}-error`} label={t("holidays.legend")} message={error} />
        <button type="button" className="btn" onClick={add}>
          {t("holidays.addDates")}
        </button>
      </div>
      {holidays.length === 0 ? (
        <p className="muted">{t("holidays.none")}</p>
      ) : (
        <ul className="sla-holidays" aria-label={t("holidays.list", { count: holidays.length })}>
          {holidays.map((date) => (
            <li key={date}>
              <time dateTime={date}>{formatCalendarDay(date, prefs)}</time>
              <button
                type="button"
                className="btn btn-quiet admin-btn-small"
                onClick={() => update((d) => ({ ...d, holidays: d.holidays.filter((h) => h !== date) }))}
              >
                {common("action.remove")}
                <span className="sr-only"> {date}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </fieldset>
  );
}
