// Postgres errors that are the client's doing: a duplicate (409) or an impossible date (400), not a 500.
export function isUniqueViolation(e: unknown): boolean {
  const code = (e as { code?: string; cause?: { code?: string } } | null)?.code ?? (e as { cause?: { code?: string } } | null)?.cause?.code;
  return code === "23505";
}

/**
 * Postgres refusing a date: a date the client chose (a filter, a cursor, an export range) outside
 * what a timestamp holds — year 0, or past 9999 as JavaScript writes it. The client's mistake, a 400 (attack
 * pass 2: such dates in any cursor or date filter were 500s any signed-in user could produce at will).
 */
export function isDateOutOfRange(e: unknown): boolean {
  const code = (e as { code?: string; cause?: { code?: string } } | null)?.code ?? (e as { cause?: { code?: string } } | null)?.cause?.code;
  // 22008 datetime_field_overflow (year 0); JavaScript writes year 10000 as "+010000-01-01T…Z", which
  // PostgreSQL reads as a time zone displacement (22009) or refuses as a format (22007).
  return code === "22007" || code === "22008" || code === "22009";
}

/** Raised by the database (migration 0033) when a row would be written in the name of an erased person. */
export function isErasedPerson(e: unknown): boolean {
  const code = (e as { code?: string; cause?: { code?: string } } | null)?.code ?? (e as { cause?: { code?: string } } | null)?.cause?.code;
  return code === "HDE01";
}
