// The fixed placeholders of a macro body (issue 11) and the ONE way they are filled: a single pass that
// swaps each known `{{name}}` for its value as literal text. Nothing is evaluated — there is no template
// engine, no expressions, no helpers, no lookups on objects — so:
// - an unknown placeholder (`{{ticket.secret}}`, `{{constructor.constructor('…')()}}`) stays as typed;
// - a value is never scanned again: a requester named `{{agent.name}}` stays `{{agent.name}}`;
// - a value's Markdown is escaped, so `**x**`, `<script>` or `[x](javascript:…)` in a name reads as the
//   characters the person typed, and the result still goes through the one sanitised renderer (S5).
export const PLACEHOLDERS = [
  "requester.name",
  "requester.first_name",
  "requester.email",
  "ticket.number",
  "ticket.title",
  "agent.name",
  "organization.name",
] as const;
export type TPlaceholder = (typeof PLACEHOLDERS)[number];
export type PlaceholderValues = Record<TPlaceholder, string>;

// `{{ name }}` with optional spaces; names are lower-case words joined by dots, so nothing with brackets,
// quotes or calls is even a candidate.
const TOKEN = /\{\{\s*([a-z_]+(?:\.[a-z_]+)*)\s*\}\}/g;

// Characters that open inline Markdown (emphasis, code, links, autolinks/HTML, strikethrough, tables,
// entities) and the backslash itself. Every ASCII punctuation character may be backslash-escaped
// (CommonMark), so the escaped text renders exactly as the value reads. `.`, `@` and `:` stay, so an
// e-mail address reads naturally (GFM may link it: mailto/http/https only, like any comment).
const INLINE_MARKUP = /[\\`*_[\]<>~|&]/g;
// At the start of a line these open a block (heading, list, setext underline, ordered list).
const BLOCK_START = /^(#|\+|-|=|\d+[.)])/;

/** A value as Markdown text that renders as exactly its characters. */
export function escapeMarkdownText(value: string): string {
  const inline = value.replace(INLINE_MARKUP, (c) => `\\${c}`);
  return inline.replace(BLOCK_START, (m) => (/^\d/.test(m) ? `${m.slice(0, -1)}\\${m.slice(-1)}` : `\\${m}`));
}

/** Fills the known placeholders of `template` in one pass; everything else is left exactly as written. */
export function fillPlaceholders(template: string, values: PlaceholderValues): string {
  const known = new Map<string, string>(Object.entries(values));
  // A replacer function, not a replacement string: `$&` or `$'` in a value are not patterns.
  return template.replace(TOKEN, (whole, name: string) => {
    const value = known.get(name);
    return value === undefined ? whole : escapeMarkdownText(value);
  });
}

/** The first word of a name ("Ada" of "Ada Lovelace"), or the whole name when it has no space. */
export function firstName(name: string): string {
  return name.trim().split(/\s+/)[0] ?? "";
}
