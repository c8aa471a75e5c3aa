import { eq, sql, type SQL } from "drizzle-orm";
import { tickets } from "@/db/schema";

/**
 * Full-text search over title and Markdown description (S15), served by the GIN index on search_vector.
 * Every word is matched as a prefix ("print" finds "printer"), all words must match; "#42" or "42"
 * also finds ticket number 42. Words are reduced to letters and digits, so the query cannot inject
 * tsquery operators.
 */
export function ticketSearchCondition(q: string): SQL | undefined {
  const words = (q.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).slice(0, 12);
  if (words.length === 0) return undefined;
  const tsquery = words.map((w) => `${w}:*`).join(" & ");
  const textMatch = sql`${tickets.searchVector} @@ to_tsquery('english', ${tsquery})`;
  const numberMatch = /^#?\d{1,9}$/.test(q.trim()) ? eq(tickets.number, Number(q.trim().replace("#", ""))) : undefined;
  return numberMatch ? sql`(${textMatch} OR ${numberMatch})` : textMatch;
}
