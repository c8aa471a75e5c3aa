import { sql, type SQL, type SQLWrapper } from "drizzle-orm";
import { tickets } from "@/db/schema";
import type { RankExpression, SearchColumns } from "@/db/scoped";

/**
 * How many of the newest matches a search ranks (issue 15). Ranking every match of a common word means
 * reading and scoring a third of a 300,000-ticket organization on every keystroke; the newest few hundred
 * cost a few thousand index entries. Rarer words have fewer matches than this and are ranked in full.
 */
export const SEARCH_RANK_WINDOW = 200;
/**
 * How many of the newest tickets are read to find the window's matches before asking the search index
 * instead: a common word fills the window within them (cheap walk in created order); a rare one does not,
 * and the index lists its few matches. Bounds the work of a search either way.
 */
export const SEARCH_RECENT_SCAN = 3000;

export interface TicketSearch {
  /** The tickets that match: all words, as prefixes, or the ticket number. */
  condition: SQL;
  /** The same condition over other columns (a subquery's). */
  matches: (row: SearchColumns) => SQL;
  /**
   * How well a ticket matches, higher first: cover density (words close together score higher) over the
   * weighted vector, where a title word (weight A, 1.0) counts 2.5 times a description word (B, 0.4);
   * normalised by document length (a short ticket about the words beats a long one that mentions them).
   * The ticket named by number outranks every text match. Built over the given columns, so it is
   * computed outside the query that picks the window, over the window's rows only.
   */
  rank: RankExpression;
}

/**
 * Full-text search over title and Markdown description (S15), served by the GIN index over
 * (organization_id, search_vector). Every word is matched as a prefix ("print" finds "printer"), all
 * words must match; "#42" or "42" also finds ticket number 42. Words are reduced to letters and digits,
 * so the query cannot inject tsquery operators.
 */
export function ticketSearch(q: string): TicketSearch | undefined {
  const words = (q.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).slice(0, 12);
  if (words.length === 0) return undefined;
  const tsquery = sql`to_tsquery('english', ${words.map((w) => `${w}:*`).join(" & ")})`;
  const textMatch = (vector: SQLWrapper) => sql`${vector} @@ ${tsquery}`;
  const textRank = (vector: SQLWrapper) => sql<number>`ts_rank_cd(${vector}, ${tsquery}, 1)`;
  const number = /^#?\d{1,9}$/.test(q.trim()) ? Number(q.trim().replace("#", "")) : undefined;
  const columns = { searchVector: tickets.searchVector, number: tickets.number };
  if (number === undefined) {
    const matches = (row: SearchColumns) => textMatch(row.searchVector);
    return { condition: matches(columns), matches, rank: (row) => textRank(row.searchVector) };
  }
  const matches = (row: SearchColumns) => sql`(${textMatch(row.searchVector)} OR ${row.number} = ${number})`;
  return {
    condition: matches(columns),
    matches,
    rank: (row) => sql<number>`(${textRank(row.searchVector)} + case when ${row.number} = ${number} then 1000 else 0 end)::real`,
  };
}
