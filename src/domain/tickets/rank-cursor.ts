// Cursor of a search in "relevance" order (issue 15): the position is (rank, created, id), best match
// first, newest first among equal ranks. Its own kind, so a cursor of another order is refused, not misread.
import { z } from "zod";
import { zDbDateTime } from "@/domain/db-time";
import type { RankCursor } from "@/db/scoped";
import { defineCursor } from "@/domain/pagination";
import { type Instant, isoOf } from "@/lib/instant";

/**
 * A rank PostgreSQL's `real` can hold, as the keyset compares it with `::real`: a finite number whose 32-bit
 * float is finite and, unless it is 0, not rounded to 0 (1e39 or 1e-50 would be a 500 from the database).
 */
const zRealRank = z
  .number()
  .finite()
  .refine((r) => Number.isFinite(Math.fround(r)) && (r === 0 || Math.fround(r) !== 0));

const rankCursor = defineCursor(
  "rank",
  z.tuple([zRealRank, zDbDateTime(), z.uuid()]).transform(([rank, at, id]) => ({ rank, createdAt: new Date(at), id })),
);

export const encodeRankCursor = (c: { rank: number; createdAt: Instant; id: string }): string => rankCursor.encode([c.rank, isoOf(c.createdAt), c.id]);
export const decodeRankCursor = (raw: string | undefined): RankCursor | undefined => rankCursor.decode(raw);
