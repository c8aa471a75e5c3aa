// Text that may enter the system (S21; issue 9 item 11). A NUL byte reached PostgreSQL and came back as a
// 500 whose log line carried the query parameters; other control characters break CSV cells, e-mail
// headers and log lines, and lone surrogates cannot be stored as UTF-8. The ONE rule for every boundary:
// - single-line fields (titles, names, search terms, ids, filters): no C0/C1 control character at all,
//   no line or paragraph separator, no invisible bidi/formatting character;
// - multi-line Markdown bodies: tab, LF and CR only;
// - never a lone UTF-16 surrogate.
// Schemas use zSingleLine()/zMultiLine(); parseWith() (src/http/body.ts) applies the multi-line floor to
// every string of every body and query before any schema, so a field someone forgets is still covered.
import { z } from "zod";

// Also the invisible formatting characters (bidi embeddings, overrides and isolates, directional marks,
// zero-width space, word joiner, BOM): in a name they reorder or hide what staff read next to it
// ("Ada Admin (admin, …)⁦" — outside review). ZWJ/ZWNJ stay: scripts need them.
const SINGLE_LINE_FORBIDDEN = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u061c\u200b\u200e\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/;
const MULTI_LINE_FORBIDDEN = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

export const isSingleLineText = (s: string) => !SINGLE_LINE_FORBIDDEN.test(s) && !LONE_SURROGATE.test(s);
export const isMultiLineText = (s: string) => !MULTI_LINE_FORBIDDEN.test(s) && !LONE_SURROGATE.test(s);

export const SINGLE_LINE_MESSAGE = "must not contain control characters or line breaks";
export const MULTI_LINE_MESSAGE = "must not contain control characters";

/** A one-line text field: titles, names, search terms, filters. Chain .trim().min().max() after it. */
export const zSingleLine = () => z.string().refine(isSingleLineText, { message: SINGLE_LINE_MESSAGE });
/** A multi-line Markdown body: tab, LF and CR are allowed, other control characters are not. */
export const zMultiLine = () => z.string().refine(isMultiLineText, { message: MULTI_LINE_MESSAGE });

/** No request body of ours nests deeper; a deeper one is refused before anything walks it (recursion). */
export const MAX_JSON_DEPTH = 32;

/** Whether parsed JSON nests arrays/objects deeper than `max` (iterative: any depth is safe to ask about). */
export function nestedDeeperThan(value: unknown, max = MAX_JSON_DEPTH): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [v, depth] = stack.pop()!;
    if (v === null || typeof v !== "object") continue;
    if (depth >= max) return true;
    for (const child of Array.isArray(v) ? v : Object.values(v)) stack.push([child, depth + 1]);
  }
  return false;
}

/** The first string (key or value) anywhere in `value` that breaks the multi-line floor, by path; null if none. */
export function findUnsafeText(value: unknown, path: (string | number)[] = []): string | null {
  if (typeof value === "string") return isMultiLineText(value) ? null : path.join(".") || "(value)";
  if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) {
      const bad = findUnsafeText(v, [...path, i]);
      if (bad !== null) return bad;
    }
    return null;
  }
  if (value && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) {
      if (!isSingleLineText(k)) return [...path, "(key)"].join(".");
      const bad = findUnsafeText(v, [...path, k]);
      if (bad !== null) return bad;
    }
  }
  return null;
}
