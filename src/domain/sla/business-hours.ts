// Business-time arithmetic for SLA targets (S9, D6): pure functions of a calendar and instants. Local
// times are turned into instants through Intl with the organization's IANA time zone, so daylight-saving
// changes move the opening hours with the wall clock (a 09:00 start stays 09:00 local on both sides).
import { WEEKDAYS, type TWeeklyHours } from "@/db/schema/sla";

export interface BusinessCalendar {
  timeZone: string;
  /** 24/7: every millisecond counts, holidays included. */
  alwaysOpen: boolean;
  weeklyHours: TWeeklyHours;
  /** Local dates ("2026-12-25") closed all day. */
  holidays: readonly string[];
}

export const ALWAYS_OPEN: BusinessCalendar = { timeZone: "UTC", alwaysOpen: true, weeklyHours: {}, holidays: [] };

const DAY_MS = 86_400_000;
// A schedule with a single open hour a year still terminates; anything longer is a configuration error.
const MAX_DAYS = 3 * 366;

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** True when Intl knows the zone (validation of admin input): the one check, in lib/preferences.ts. */
export { isValidTimeZone } from "@/lib/preferences";

type LocalParts = { y: number; m: number; d: number; hh: number; mm: number; ss: number };

function localParts(timeZone: string, at: number): LocalParts {
  const out: Record<string, number> = {};
  for (const p of formatter(timeZone).formatToParts(new Date(at))) if (p.type !== "literal") out[p.type] = Number(p.value);
  return { y: out.year!, m: out.month!, d: out.day!, hh: out.hour!, mm: out.minute!, ss: out.second! };
}

/** How far the zone's wall clock is ahead of UTC at an instant. */
function offsetAt(timeZone: string, at: number): number {
  const p = localParts(timeZone, at);
  return Date.UTC(p.y, p.m - 1, p.d, p.hh, p.mm, p.ss) - Math.floor(at / 1000) * 1000;
}

/**
 * The zone's offset on a local date when it is the same from a day before to a day after (no change
 * near it: nearly every date), else null. Remembered per zone and date: an admin's calendar with a few
 * open minutes a day and a year-long target made the engine walk three years asking Intl up to 32 times
 * a day — 280,000 calls, seconds of the one event loop per SLA preview, save or ticket (attack pass, S8).
 * Now it asks three times per date, once per process.
 */
const STEADY_CACHE_MAX = 50_000;
const steadyOffsets = new Map<string, number | null>();
function steadyOffset(timeZone: string, y: number, m: number, d: number): number | null {
  const key = `${timeZone}|${y}-${m}-${d}`;
  let offset = steadyOffsets.get(key);
  if (offset === undefined) {
    const midnight = Date.UTC(y, m - 1, d);
    // Every instant the exact path below would ask about for this date lies within these bounds.
    const before = offsetAt(timeZone, midnight - DAY_MS);
    offset = before === offsetAt(timeZone, midnight + DAY_MS / 2) && before === offsetAt(timeZone, midnight + 2 * DAY_MS) ? before : null;
    if (steadyOffsets.size >= STEADY_CACHE_MAX) steadyOffsets.clear();
    steadyOffsets.set(key, offset);
  }
  return offset;
}

/**
 * The instant of a local wall time. In the hour skipped by a spring-forward change the first instant
 * after the gap is used; in the hour repeated by a fall-back change, the earlier of the two.
 */
export function localTimeToInstant(timeZone: string, y: number, m: number, d: number, minuteOfDay: number): number {
  const wall = Date.UTC(y, m - 1, d, 0, minuteOfDay);
  if (minuteOfDay < 0 || minuteOfDay > 1440) return exactInstant(timeZone, wall);
  const steady = steadyOffset(timeZone, y, m, d);
  if (steady !== null) return wall - steady;
  // A date near a change (a few a year): exact, and remembered like the steady ones.
  const key = `${timeZone}|${wall}`;
  let instant = changeDayInstants.get(key);
  if (instant === undefined) {
    instant = exactInstant(timeZone, wall);
    if (changeDayInstants.size >= STEADY_CACHE_MAX) changeDayInstants.clear();
    changeDayInstants.set(key, instant);
  }
  return instant;
}

const changeDayInstants = new Map<string, number>();

function exactInstant(timeZone: string, wall: number): number {
  // Offsets a day either side: real zones never change twice within two days.
  const candidates = [...new Set([wall - offsetAt(timeZone, wall - DAY_MS), wall - offsetAt(timeZone, wall + DAY_MS)])];
  const valid = candidates.filter((c) => offsetAt(timeZone, c) === wall - c);
  return valid.length ? Math.min(...valid) : Math.max(...candidates);
}

type LocalDate = { y: number; m: number; d: number };

function localDateOf(timeZone: string, at: number): LocalDate {
  const p = localParts(timeZone, at);
  return { y: p.y, m: p.m, d: p.d };
}

function nextDate(date: LocalDate): LocalDate {
  const next = new Date(Date.UTC(date.y, date.m - 1, date.d + 1));
  return { y: next.getUTCFullYear(), m: next.getUTCMonth() + 1, d: next.getUTCDate() };
}

const isoDate = (date: LocalDate) => `${date.y}-${String(date.m).padStart(2, "0")}-${String(date.d).padStart(2, "0")}`;

export function parseClockTime(hhmm: string): number {
  const match = /^(\d{2}):(\d{2})$/.exec(hhmm);
  if (!match) throw new Error(`invalid time ${hhmm}`);
  return Number(match[1]) * 60 + Number(match[2]);
}

/** The open intervals of one local date, as instants, in order. */
function openIntervals(cal: BusinessCalendar, date: LocalDate): [number, number][] {
  if (cal.holidays.includes(isoDate(date))) return [];
  const weekday = WEEKDAYS[new Date(Date.UTC(date.y, date.m - 1, date.d)).getUTCDay()]!;
  return (cal.weeklyHours[weekday] ?? [])
    .map((i): [number, number] => [
      localTimeToInstant(cal.timeZone, date.y, date.m, date.d, parseClockTime(i.start)),
      localTimeToInstant(cal.timeZone, date.y, date.m, date.d, parseClockTime(i.end)),
    ])
    .filter(([s, e]) => e > s)
    .sort((a, b) => a[0] - b[0]);
}

/** Business milliseconds in [from, to). */
export function businessMsBetween(cal: BusinessCalendar, from: Date, to: Date): number {
  const a = from.getTime();
  const b = to.getTime();
  if (b <= a) return 0;
  if (cal.alwaysOpen) return b - a;
  let total = 0;
  let date = localDateOf(cal.timeZone, a);
  for (let i = 0; i < MAX_DAYS * 10; i++) {
    if (localTimeToInstant(cal.timeZone, date.y, date.m, date.d, 0) >= b) break;
    for (const [s, e] of openIntervals(cal, date)) total += Math.max(0, Math.min(e, b) - Math.max(s, a));
    date = nextDate(date);
  }
  return total;
}

/** The instant at which `ms` business milliseconds have passed since `from`. */
export function addBusinessMs(cal: BusinessCalendar, from: Date, ms: number): Date {
  const start = from.getTime();
  if (ms <= 0) return new Date(start);
  if (cal.alwaysOpen) return new Date(start + ms);
  let remaining = ms;
  let date = localDateOf(cal.timeZone, start);
  for (let i = 0; i < MAX_DAYS; i++) {
    for (const [s, e] of openIntervals(cal, date)) {
      const open = Math.max(s, start);
      if (e <= open) continue;
      if (remaining <= e - open) return new Date(open + remaining);
      remaining -= e - open;
    }
    date = nextDate(date);
  }
  throw new Error("business calendar has no open time within three years");
}
