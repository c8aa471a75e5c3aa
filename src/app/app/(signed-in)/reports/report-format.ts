// How the reports page words its numbers: business durations as "2 h 26 min", rates as "93.5 %", in the
// reader's language (the reports message set).
import type { ReportsTranslator } from "@/components/messages/reports";

export function formatDuration(t: ReportsTranslator, ms: number | null): string {
  if (ms === null) return t("format.none");
  const minutes = Math.round(ms / 60_000);
  if (minutes < 1) return t("format.underMinute");
  const d = Math.floor(minutes / 1440);
  const h = Math.floor((minutes % 1440) / 60);
  const m = minutes % 60;
  if (d > 0) return h > 0 ? t("format.daysHours", { d, h }) : t("format.days", { d });
  if (h > 0) return m > 0 ? t("format.hoursMinutes", { h, m }) : t("format.hours", { h });
  return t("format.minutes", { m });
}

export function formatRate(t: ReportsTranslator, rate: number | null): string {
  return rate === null ? t("format.none") : t("format.percent", { value: (Math.round(rate * 1000) / 10).toFixed(1) });
}

export const hours = (ms: number | null) => (ms === null ? Number.NaN : Math.round(ms / 360_000) / 10);

/** A share (0–1) as a chart value in percent with one decimal; NaN (no bar, "–") when there is none. */
export const percentValue = (rate: number | null) => (rate === null ? Number.NaN : Math.round(rate * 1000) / 10);
