// PostgreSQL's text of a timestamptz, turned into the text Date.prototype.toISOString() writes (issue 15).
// With the session's TimeZone at UTC (ours: the server's default) and DateStyle ISO, PostgreSQL writes
// "2026-12-01 19:50:00.123456+00": the same fields as the ISO text, so they are moved, not parsed. A
// Date keeps milliseconds and drops the rest (V8 truncates, it does not round), as this does. Anything
// else (another time zone's offset, a year before 1000 — which Date's parser reads as 19xx — or past 9999
// or BC, 'infinity') takes the way drizzle takes, `new Date(text)`, so the answer is the same in every
// case, including the RangeError of an invalid one.
const CANONICAL = /^[1-9]\d{3}-\d\d-\d\d \d\d:\d\d:\d\d(?:\.\d{1,6})?\+00$/;

export function isoFromPgTimestamptz(text: string): string {
  if (!CANONICAL.test(text)) return new Date(text).toISOString();
  // "YYYY-MM-DD HH:MM:SS" is 19 characters, then an optional ".f{1,6}", then "+00".
  const fraction = text.length > 22 ? text.slice(20, text.length - 3) : "";
  return `${text.slice(0, 10)}T${text.slice(11, 19)}.${`${fraction}000`.slice(0, 3)}Z`;
}
