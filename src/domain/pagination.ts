// Keyset pagination shared by every list (S7): a server-enforced maximum page size and an opaque cursor.
import { z } from "zod";
import { zDbDateTime } from "./db-time";
import { zSingleLine } from "@/lib/text-input";
import { Invalid, isAppError } from "@/lib/errors";
import { type Instant, isoOf } from "@/lib/instant";
import type { KeysetCursor } from "@/db/scoped";

export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 25;

/** Any requested size is accepted but clamped: asking for 10,000 rows returns at most MAX_PAGE_SIZE. */
export const ZLimit = z.coerce
  .number()
  .int()
  .catch(DEFAULT_PAGE_SIZE)
  .transform((n) => Math.min(Math.max(n, 1), MAX_PAGE_SIZE))
  .default(DEFAULT_PAGE_SIZE);

export const ZCursor = zSingleLine().max(200).optional();

/**
 * The ONE cursor format (issue 10): `base64url(JSON [kind, position])`. The kind names the list order, so
 * a cursor of one list is refused by another instead of being misread; the position is validated by its
 * own schema, so a tampered cursor is a 400, never a query.
 */
export function defineCursor<S extends z.ZodType>(kind: string, position: S) {
  const ZEnvelope = z.tuple([z.literal(kind), position]);
  return {
    encode(value: z.input<S>): string {
      return Buffer.from(JSON.stringify([kind, value])).toString("base64url");
    },
    decode(raw: string | undefined): z.output<S> | undefined {
      if (!raw) return undefined;
      try {
        return ZEnvelope.parse(JSON.parse(Buffer.from(raw, "base64url").toString("utf8")))[1] as z.output<S>;
      } catch {
        throw Invalid("Invalid cursor");
      }
    },
  };
}

/** Newest first by (createdAt, id): tickets, notifications. */
const createdCursor = defineCursor(
  "created",
  z.tuple([zDbDateTime(), z.uuid()]).transform(([at, id]) => ({ createdAt: new Date(at), id })),
);
export const encodeCursor = (c: { createdAt: Instant; id: string }): string => createdCursor.encode([isoOf(c.createdAt), c.id]);
export const decodeCursor = (raw: string | undefined): KeysetCursor | undefined => createdCursor.decode(raw);

/** A monotonically increasing sequence number (comments in conversation order, audit events newest first). */
const seqCursor = defineCursor("seq", z.number().int().nonnegative());
export const encodeSeqCursor = (seq: number): string => seqCursor.encode(seq);
export const decodeSeqCursor = (raw: string | undefined): number | undefined => seqCursor.decode(raw);

const byCreatedAtAndId = (row: { createdAt: Date; id: string }) => encodeCursor({ createdAt: row.createdAt, id: row.id });

/** Fetch limit+1 rows; the extra row tells whether another page exists. */
export function toPage<T extends { createdAt: Date; id: string }, D>(
  rows: T[],
  limit: number,
  map: (row: T) => D,
  cursorOf: (row: T) => string = byCreatedAtAndId,
) {
  const hasMore = rows.length > limit;
  const pageRows = hasMore ? rows.slice(0, limit) : rows;
  const last = pageRows[pageRows.length - 1];
  return { items: pageRows.map(map), nextCursor: hasMore && last ? cursorOf(last) : null };
}

/**
 * For pages: a cursor that is not one of ours (edited, stale, from another list) shows the first page
 * instead of an error, as a reader who followed an old link expects. APIs answer 400 instead.
 */
export async function firstPageOnBadCursor<T>(cursor: string | undefined, list: (cursor: string | undefined) => Promise<T>): Promise<T> {
  try {
    return await list(cursor);
  } catch (e) {
    if (!cursor || !isAppError(e) || e.kind !== "invalid") throw e;
    return list(undefined);
  }
}

/**
 * A page in either direction (the queue's Previous and Next, issue 11). `rows` holds up to limit+1 rows as
 * fetched: in list order when paging forward, nearest-to-the-cursor first when paging back (`before`).
 * `fromCursor`: the request started at a position, so something lies before this page.
 */
export function toTwoWayPage<T, D>(
  rows: T[],
  limit: number,
  map: (row: T) => D,
  cursorOf: (row: T) => string,
  opts: { before: boolean; fromCursor: boolean },
): { items: D[]; nextCursor: string | null; prevCursor: string | null } {
  const hasMore = rows.length > limit;
  const taken = hasMore ? rows.slice(0, limit) : rows;
  const pageRows = opts.before ? taken.reverse() : taken;
  const first = pageRows[0];
  const last = pageRows[pageRows.length - 1];
  const morePrev = opts.before ? hasMore : opts.fromCursor;
  // Paging back there is always the row at the cursor after this page.
  const moreNext = opts.before ? true : hasMore;
  return {
    items: pageRows.map(map),
    nextCursor: moreNext && last ? cursorOf(last) : null,
    prevCursor: morePrev && first ? cursorOf(first) : null,
  };
}
