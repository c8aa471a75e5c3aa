// Keyset pagination shared by every list (S7): a server-enforced maximum page size and an opaque cursor.
import { z } from "zod";
import { Invalid } from "@/lib/errors";
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

export const ZCursor = z.string().max(200).optional();

export function encodeCursor(c: KeysetCursor): string {
  return Buffer.from(JSON.stringify([c.createdAt.toISOString(), c.id])).toString("base64url");
}

export function decodeCursor(raw: string | undefined): KeysetCursor | undefined {
  if (!raw) return undefined;
  try {
    const parsed = z
      .tuple([z.iso.datetime(), z.uuid()])
      .parse(JSON.parse(Buffer.from(raw, "base64url").toString("utf8")));
    return { createdAt: new Date(parsed[0]), id: parsed[1] };
  } catch {
    throw Invalid("Invalid cursor");
  }
}

/** Cursor over a monotonically increasing sequence number (comments, in conversation order). */
export function encodeSeqCursor(seq: number): string {
  return Buffer.from(JSON.stringify({ seq })).toString("base64url");
}

export function decodeSeqCursor(raw: string | undefined): number | undefined {
  if (!raw) return undefined;
  try {
    return z.object({ seq: z.number().int().nonnegative() }).parse(JSON.parse(Buffer.from(raw, "base64url").toString("utf8"))).seq;
  } catch {
    throw Invalid("Invalid cursor");
  }
}

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
