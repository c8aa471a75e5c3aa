// Which rollup rows a range of days reads (issue 13, migration 0034): the monthly rows of the months it
// covers, and daily rows only at its ends. A month partly in the range is read from its days in the range,
// or — when fewer of its days lie outside the range — as the whole month with those outside days taken
// away. Every rollup column is a sum, so both are exact; a year from the 2nd of a month to the 1st reads
// twelve months and two days instead of 365 days.

const DAY_MS = 86_400_000;

/** Inclusive UTC dates, "YYYY-MM-DD". */
export interface DayRange {
  from: string;
  to: string;
}

export interface MonthPlan {
  /** Months read whole from the monthly table, by their first days (inclusive); null when none. */
  months: DayRange | null;
  /** Days read from the daily table and added. */
  add: DayRange[];
  /** Days of a month read whole that lie outside the range: read from the daily table and taken away. */
  subtract: DayRange[];
}

const dayMs = (day: string) => Date.parse(`${day}T00:00:00Z`);
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const days = (r: { from: number; to: number }) => (r.to - r.from) / DAY_MS + 1;
/**
 * The first day of a month, UTC. Not Date.UTC: it reads years 0–99 as 1900–1999, so a range in year 1–99
 * (a date the schema and PostgreSQL accept) planned no month at all and the read was an empty UNION (a 500).
 */
function monthStart(year: number, month: number): number {
  const d = new Date(0);
  d.setUTCFullYear(year, month, 1);
  return d.getTime();
}

/** Adjacent or overlapping ranges merged, so the daily table is read in as few ranges as possible. */
function merge(ranges: { from: number; to: number }[]): DayRange[] {
  const out: { from: number; to: number }[] = [];
  for (const r of ranges) {
    const last = out.at(-1);
    if (last && r.from <= last.to + DAY_MS) last.to = Math.max(last.to, r.to);
    else out.push({ ...r });
  }
  return out.map((r) => ({ from: isoDay(r.from), to: isoDay(r.to) }));
}

export function planMonths(range: DayRange): MonthPlan {
  const from = dayMs(range.from);
  const to = dayMs(range.to);
  const whole: number[] = [];
  const add: { from: number; to: number }[] = [];
  const subtract: { from: number; to: number }[] = [];
  const first = new Date(from);
  for (let y = first.getUTCFullYear(), m = first.getUTCMonth(); ; m++) {
    const start = monthStart(y, m);
    if (start > to) break;
    const end = monthStart(y, m + 1) - DAY_MS;
    const inside = { from: Math.max(from, start), to: Math.min(to, end) };
    const outside = days({ from: start, to: end }) - days(inside);
    if (outside === 0 || outside < days(inside)) {
      whole.push(start);
      if (inside.from > start) subtract.push({ from: start, to: inside.from - DAY_MS });
      if (inside.to < end) subtract.push({ from: inside.to + DAY_MS, to: end });
    } else {
      add.push(inside);
    }
  }
  // The months read whole are consecutive: every month strictly inside the range is whole.
  const months = whole.length > 0 ? { from: isoDay(whole[0]!), to: isoDay(whole.at(-1)!) } : null;
  return { months, add: merge(add), subtract: merge(subtract) };
}
