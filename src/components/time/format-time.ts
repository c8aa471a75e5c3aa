// The ONE place dates and times are worded for people (issue 13): every page's times go through here, in
// the reader's effective time zone and locale (lib/preferences.ts), the zone named in the text, so a
// screenshot or a copied line is never ambiguous. Machine-readable outputs (the API, exports/CSV, <time
// dateTime>) stay ISO-8601 UTC and do not use this module.
//
// Times are worded on the server for server-rendered pages (no hydration mismatch between Node's and
// the browser's ICU); the few client-only texts (an invite's expiry after the form is sent, the stale-page
// warning) use the same functions with the same preferences (time-prefs-context.tsx).
import { FALLBACK_LOCALE, FALLBACK_TIME_ZONE, type TimePrefs } from "@/lib/preferences";

export type { TimePrefs };

/** Until a caller knows the reader: the fallback of lib/preferences.ts (UTC, en-GB). */
export const DEFAULT_TIME_PREFS: TimePrefs = { timeZone: FALLBACK_TIME_ZONE, locale: FALLBACK_LOCALE };

const keyOf = (p: TimePrefs) => `${p.locale}|${p.timeZone}`;

function cached<T>(store: Map<string, T>, key: string, make: () => T): T {
  let value = store.get(key);
  if (value === undefined) {
    if (store.size >= 200) store.clear();
    value = make();
    store.set(key, value);
  }
  return value;
}

// "1 Dec 2026, 14:30 CET" (en-GB, Europe/Berlin), "Dec 1, 2026, 9:30 AM EST" (en-US, America/New_York).
// dateStyle/timeStyle cannot carry the zone's name, so the fields are spelled out.
const absoluteFormatters = new Map<string, Intl.DateTimeFormat>();
const absoluteFormatter = (p: TimePrefs) =>
  cached(
    absoluteFormatters,
    keyOf(p),
    () =>
      new Intl.DateTimeFormat(p.locale, {
        timeZone: p.timeZone,
        year: "numeric",
        month: "short",
        day: "numeric",
        hour: "2-digit",
        minute: "2-digit",
        timeZoneName: "short",
      }),
  );

const dateFormatters = new Map<string, Intl.DateTimeFormat>();
const dateFormatter = (p: TimePrefs) =>
  cached(dateFormatters, keyOf(p), () => new Intl.DateTimeFormat(p.locale, { timeZone: p.timeZone, dateStyle: "medium" }));

/**
 * Absolute times by minute, the format's own precision: a queue page shows dozens of times, and
 * Intl.DateTimeFormat#format is the slow part of wording them (issue 15). Bounded; dropped when full.
 */
const absoluteByMinute = new Map<string, string>();
const ABSOLUTE_CACHE_MAX = 20_000;

export function formatAbsolute(date: Date, prefs: TimePrefs = DEFAULT_TIME_PREFS): string {
  const key = `${keyOf(prefs)}|${Math.floor(date.getTime() / 60_000)}`;
  let text = absoluteByMinute.get(key);
  if (text === undefined) {
    if (absoluteByMinute.size >= ABSOLUTE_CACHE_MAX) absoluteByMinute.clear();
    text = absoluteFormatter(prefs).format(date);
    absoluteByMinute.set(key, text);
  }
  return text;
}

/** A calendar day ("1 Dec 2026") in the reader's zone and locale. */
export function formatDate(date: Date, prefs: TimePrefs = DEFAULT_TIME_PREFS): string {
  return dateFormatter(prefs).format(date);
}

/**
 * A calendar day that is not an instant (a holiday, an export's "from" day: "2026-12-24"), in the
 * reader's locale. Worded at noon UTC in UTC, so no zone can move it to the day before or after.
 */
export function formatCalendarDay(isoDay: string, prefs: Pick<TimePrefs, "locale"> & { style?: "medium" | "numeric" } = DEFAULT_TIME_PREFS): string {
  const at = new Date(`${isoDay}T12:00:00Z`);
  if (Number.isNaN(at.getTime())) return isoDay;
  if (prefs.style === "numeric") return numericDayFormatter(prefs.locale).format(at);
  return dateFormatter({ locale: prefs.locale, timeZone: "UTC" }).format(at);
}

const numericDayFormatters = new Map<string, Intl.DateTimeFormat>();
const numericDayFormatter = (locale: string) =>
  cached(numericDayFormatters, locale, () => new Intl.DateTimeFormat(locale, { timeZone: "UTC", year: "numeric", month: "2-digit", day: "2-digit" }));

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ["year", 365 * 24 * 3600],
  ["month", 30 * 24 * 3600],
  ["week", 7 * 24 * 3600],
  ["day", 24 * 3600],
  ["hour", 3600],
  ["minute", 60],
];
const relativeFormatters = new Map<string, Intl.RelativeTimeFormat>();
const relativeFormatter = (locale: string) =>
  cached(relativeFormatters, locale, () => new Intl.RelativeTimeFormat(locale, { numeric: "auto", style: "short" }));

/** "3 hr. ago", "in 2 days", "just now": the unit is the largest that fits; worded in the reader's locale. */
export function formatRelative(date: Date, now: Date, prefs: TimePrefs = DEFAULT_TIME_PREFS): string {
  const seconds = Math.round((date.getTime() - now.getTime()) / 1000);
  const rtf = relativeFormatter(prefs.locale);
  for (const [unit, size] of UNITS) {
    if (Math.abs(seconds) >= size) return rtf.format(Math.trunc(seconds / size), unit);
  }
  return prefs.locale.startsWith("en") ? "just now" : rtf.format(0, "second");
}

/** Everything a <time> shows (time-text.tsx), worded once on the server. */
export function timeWords(value: string | Date, now: Date, prefs: TimePrefs = DEFAULT_TIME_PREFS): readonly [string, string, string] {
  const date = typeof value === "string" ? new Date(value) : value;
  return [date.toISOString(), formatAbsolute(date, prefs), formatRelative(date, now, prefs)];
}

const dayOrders = new Map<string, ("year" | "month" | "day")[]>();

/** The order a locale writes a numeric date in: ["day", "month", "year"] for en-GB and de-DE, month first for en-US. */
function dayOrder(locale: string): ("year" | "month" | "day")[] {
  return cached(dayOrders, locale, () =>
    new Intl.DateTimeFormat(locale, { timeZone: "UTC", year: "numeric", month: "2-digit", day: "2-digit" })
      .formatToParts(new Date(Date.UTC(2001, 10, 22)))
      .map((p) => p.type)
      .filter((t): t is "year" | "month" | "day" => t === "year" || t === "month" || t === "day"),
  );
}

/**
 * A calendar day typed by a person: ISO ("2026-12-24") always, or the reader's own numeric way of writing
 * it ("24.12.2026" in de-DE, "12/24/2026" in en-US, "24/12/2026" in en-GB); "2026-12-24", or null when it
 * is neither or names no real day (31 April). Without `prefs`, ISO only.
 */
export function parseCalendarDay(text: string, prefs?: Pick<TimePrefs, "locale">): string | null {
  const t = text.trim();
  let y: number;
  let m: number;
  let d: number;
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(t);
  if (iso) {
    [y, m, d] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
  } else {
    if (!prefs) return null;
    const pieces = /^(\d{1,4})[./\-\s]+(\d{1,2}|\d{4})[./\-\s]+(\d{1,4})\.?$/.exec(t);
    const order = dayOrder(prefs.locale);
    if (!pieces || order.length !== 3) return null;
    const value = Object.fromEntries(order.map((part, i) => [part, pieces[i + 1]!])) as Record<"year" | "month" | "day", string>;
    if (value.year.length !== 4) return null;
    [y, m, d] = [Number(value.year), Number(value.month), Number(value.day)];
  }
  const at = new Date(Date.UTC(y, m - 1, d));
  if (at.getUTCFullYear() !== y || at.getUTCMonth() !== m - 1 || at.getUTCDate() !== d) return null;
  return at.toISOString().slice(0, 10);
}
