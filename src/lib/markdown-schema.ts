// The strict allowlist every piece of user Markdown is rendered through (S5). Anything not listed here
// is dropped: raw HTML, images (tracking pixels, data: URLs), ids and names (DOM clobbering), styles,
// event handlers and every URL scheme but http, https and mailto.
import type { Options as SanitizeSchema } from "rehype-sanitize";

export const MARKDOWN_SCHEMA: SanitizeSchema = {
  strip: ["script", "style", "iframe", "object", "embed", "svg", "math", "template", "noscript"],
  tagNames: [
    "p", "br", "strong", "em", "del", "code", "pre", "blockquote", "hr",
    "ul", "ol", "li", "h1", "h2", "h3", "h4", "h5", "h6",
    "a", "table", "thead", "tbody", "tr", "th", "td", "input",
  ],
  attributes: {
    a: ["href"],
    code: [["className", /^language-[\w-]+$/]],
    ol: ["start"],
    li: [["className", "task-list-item"]],
    ul: [["className", "contains-task-list"]],
    input: [["type", "checkbox"], ["disabled", true], "checked"],
    th: [["align", "left", "center", "right"]],
    td: [["align", "left", "center", "right"]],
  },
  required: { input: { type: "checkbox", disabled: true } },
  protocols: { href: ["http", "https", "mailto"] },
  ancestors: { li: ["ul", "ol"], tbody: ["table"], thead: ["table"], tr: ["table"], th: ["table"], td: ["table"] },
  clobber: [],
  allowComments: false,
  allowDoctypes: false,
};
