// Text from a mail made fit for the fields it lands in (S21, issue 12): the same floor every API body
// meets (src/lib/text-input.ts) — control characters and lone surrogates removed rather than refused,
// because a customer's mail client, not the customer, put them there.
const MULTI_LINE_UNSAFE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
const SINGLE_LINE_UNSAFE =
  /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u061c\u200b\u200e\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

export function toMultiLineText(s: string): string {
  return s.replace(/\r\n?/g, "\n").replace(MULTI_LINE_UNSAFE, "");
}

export function toSingleLineText(s: string): string {
  return s.replace(SINGLE_LINE_UNSAFE, " ").replace(/\s+/g, " ").trim();
}

/** Cuts at `max` characters (never inside a surrogate pair), saying so at the end. */
export function clipText(s: string, max: number, note: string): string {
  if (s.length <= max) return s;
  let end = Math.max(0, max - note.length);
  if (end > 0 && /[\ud800-\udbff]/.test(s[end - 1]!)) end--;
  return s.slice(0, end) + note;
}

// Reply and forward prefixes of the common mail clients, in the languages our customers write in.
const SUBJECT_PREFIX = /^\s*(?:(?:re|fw|fwd|aw|wg|sv|vs|antw|rif|r|tr|res|enc)\s*(?:\[\d+\])?\s*:\s*)+/i;

/** A ticket title from a Subject: one line, reply/forward prefixes off, at most `max` characters. */
export function subjectToTitle(subject: string | undefined, max: number): string {
  const line = toSingleLineText(subject ?? "")
    .replace(SUBJECT_PREFIX, "")
    .trim();
  return clipText(line || "(no subject)", max, "…");
}
