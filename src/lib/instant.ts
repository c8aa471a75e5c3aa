// An instant as the API writes it (issue 15): a Date, or the text Date.prototype.toISOString() would
// write for it ("2026-12-01T19:50:00.123Z"). Lists read their timestamps as that text straight from the
// database row (src/db/pg-timestamp.ts) instead of making a Date per column and formatting it again: a
// 25-row page has ~400 timestamps, and PostgreSQL's text is the slow, non-ISO path of Date parsing.
export type Instant = Date | string;

/** A row type with its Date columns as Instants. */
export type WithInstants<T> = { [K in keyof T]: T[K] extends Date ? Instant : T[K] extends Date | null ? Instant | null : T[K] };

/** The ISO text of an instant: a Date formatted, a string as it is (it already is that text). */
export function isoOf(value: Instant): string {
  return typeof value === "string" ? value : value.toISOString();
}

export function isoOrNull(value: Instant | null | undefined): string | null {
  return value == null ? null : isoOf(value);
}

/** Milliseconds since the epoch, as Date.prototype.getTime() answers. */
export function msOf(value: Instant): number {
  return typeof value === "string" ? Date.parse(value) : value.getTime();
}
