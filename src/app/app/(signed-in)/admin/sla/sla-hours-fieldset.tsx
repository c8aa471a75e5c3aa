"use client";

import { FieldError } from "@/components/forms/field-error";
import { COMMON_MESSAGES } from "@/components/messages/common";
import { SLA_SETTINGS_MESSAGES } from "@/components/messages/sla-settings";
import { useMessages } from "@/components/messages/use-messages";
import type { ErrorsAt } from "./sla-settings-form";
import { WEEK_ORDER, type SlaDraft } from "./sla-draft";

const MAX_INTERVALS = 4;

interface Props {
  draft: SlaDraft;
  update: (change: (d: SlaDraft) => SlaDraft) => void;
  errorsAt: ErrorsAt;
}

/** Open around the clock, or opening hours per weekday with up to four intervals a day (a lunch break, a late shift). */
export function SlaHoursFieldset({ draft, update, errorsAt }: Props) {
  const t = useMessages(SLA_SETTINGS_MESSAGES);
  const common = useMessages(COMMON_MESSAGES);
  const setDay = (day: keyof SlaDraft["weeklyHours"], intervals: SlaDraft["weeklyHours"]["mon"]) =>
    update((d) => ({ ...d, weeklyHours: { ...d.weeklyHours, [day]: intervals } }));
  const hoursError = errorsAt("weeklyHours");
  const hoursErrorOnly = hoursError && !WEEK_ORDER.some((d) => errorsAt(`weeklyHours.${d}`)) ? hoursError : undefined;

  return (
    <fieldset className="sla-fieldset" aria-describedby={hoursErrorOnly ? "sla-hours-error" : undefined}>
      <legend>{t("hours.legend")}</legend>
      <label className="checkbox">
        <input type="checkbox" checked={draft.alwaysOpen} onChange={(e) => update((d) => ({ ...d, alwaysOpen: e.target.checked }))} />
        {t("hours.alwaysOpen")}
      </label>
      {!draft.alwaysOpen && (
        <div className="sla-week">
          {WEEK_ORDER.map((day) => {
            const intervals = draft.weeklyHours[day];
            const name = t(`day.${day}`);
            return (
              <fieldset key={day} className="sla-day">
                <legend>{name}</legend>
                {intervals.length === 0 && <p className="muted sla-closed">{t("hours.closed")}</p>}
                {intervals.map((interval, i) => {
                  const id = `sla-${day}-${i}`;
                  const error = errorsAt(`weeklyHours.${day}.${i}`);
                  const describedBy = error ? `${id}-error` : undefined;
                  const which = t("hours.interval", { day: name, number: i + 1 });
                  const change = (key: "start" | "end", value: string) =>
                    setDay(
                      day,
                      intervals.map((x, j) => (j === i ? { ...x, [key]: value } : x)),
                    );
                  return (
                    <div key={id} className="sla-interval">
                      <label htmlFor={`${id}-start`}>
                        <span className="sr-only">{which} </span>
                        {t("hours.opens")}
                      </label>
                      <input
                        id={`${id}-start`}
                        type="time"
                        className="input sla-time"
                        value={interval.start}
                        aria-invalid={error ? true : undefined}
                        aria-describedby={describedBy}
                        onChange={(e) => change("start", e.target.value)}
                      />
                      <label htmlFor={`${id}-end`}>
                        <span className="sr-only">{which} </span>
                        {t("hours.closes")}
                      </label>
                      <input
                        id={`${id}-end`}
                        type="time"
                        className="input sla-time"
                        value={interval.end}
                        aria-invalid={error ? true : undefined}
                        aria-describedby={describedBy}
                        onChange={(e) => change("end", e.target.value)}
                      />
                      <button
                        type="button"
                        className="btn btn-quiet admin-btn-small"
                        onClick={() =>
                          setDay(
                            day,
                            intervals.filter((_, j) => j !== i),
                          )
                        }
                      >
                        {common("action.remove")}
                        <span className="sr-only"> {t("hours.intervalName", { day: name, number: i + 1 })}</span>
                      </button>
                      <FieldError id={`${id}-error`} label={t("hours.intervalName", { day: name, number: i + 1 })} message={error} />
                    </div>
                  );
                })}
                {intervals.length < MAX_INTERVALS && (
                  <button
                    type="button"
                    className="btn btn-quiet admin-btn-small"
                    onClick={() => setDay(day, [...intervals, intervals.length === 0 ? { start: "09:00", end: "17:00" } : { start: "18:00", end: "20:00" }])}
                  >
                    {t("hours.add")}
                    <span className="sr-only"> {t("hours.addOn", { day: name })}</span>
                  </button>
                )}
              </fieldset>
            );
          })}
        </div>
      )}
      <FieldError id="sla-hours-error" label={t("hours.legend")} message={hoursErrorOnly} />
    </fieldset>
  );
}
