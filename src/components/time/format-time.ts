// Times are rendered on the server, so they use one explicit zone (UTC) rather than the server's local
// one; the full timestamp sits in the title so a hover shows exactly what "2 h ago" means.
const ABSOLUTE = new Intl.DateTimeFormat("en-GB", {
  dateStyle: "medium",
  timeStyle: "short",
  timeZone: "UTC",
});

/**
 * Absolute times by minute, the format's own precision: a queue page shows dozens of times, and
 * Intl.DateTimeFormat#format is the slow part of wording them (issue 15). Bounded; dropped when full.
 */
const absoluteByMinute = new Map<number, string>();
const ABSOLUTE_CACHE_MAX = 20_000;

export function formatAbsolute(date: Date): string {
  const minute = Math.floor(date.getTime() / 60_000);
  let text = absoluteByMinute.get(minute);
  if (text === undefined) {
    if (absoluteByMinute.size >= ABSOLUTE_CACHE_MAX) absoluteByMinute.clear();
    text = `${ABSOLUTE.format(date)} UTC`;
    absoluteByMinute.set(minute, text);
  }
  return text;
}

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ["year", 365 * 24 * 3600],
  ["month", 30 * 24 * 3600],
  ["week", 7 * 24 * 3600],
  ["day", 24 * 3600],
  ["hour", 3600],
  ["minute", 60],
];
const RELATIVE = new Intl.RelativeTimeFormat("en", { numeric: "auto", style: "short" });

/** "3 hr. ago", "in 2 days", "now": the unit is the largest that fits. */
export function formatRelative(date: Date, now: Date): string {
  const seconds = Math.round((date.getTime() - now.getTime()) / 1000);
  for (const [unit, size] of UNITS) {
    if (Math.abs(seconds) >= size) return RELATIVE.format(Math.trunc(seconds / size), unit);
  }
  return "just now";
}

/** Everything a <time> shows (time-text.tsx), worded once on the server. */
export function timeWords(value: string | Date, now: Date): readonly [string, string, string] {
  const date = typeof value === "string" ? new Date(value) : value;
  return [date.toISOString(), formatAbsolute(date), formatRelative(date, now)];
}
