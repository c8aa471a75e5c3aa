// Issue 11 (S5): tag names are data. Whatever a tag holds renders as text, never as markup.
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { ZTagName } from "@/domain/tags/tag-name";
import { TagList } from "./tag-list";

const PAYLOADS = [
  "<script>alert(1)</script>",
  "<img src=x onerror=alert(1)>",
  '"><svg onload=alert(1)>',
  "<iframe src=javascript:alert(1)>",
  "javascript:alert(1)",
  "{{constructor.constructor('alert(1)')()}}",
  // biome-ignore lint/suspicious/noTemplateCurlyInString: the payload is a template placeholder on purpose
  "${alert(1)}",
  "<a href=javascript:alert(1)>x</a>",
];

describe("tags render inert (issue 11, S5)", () => {
  for (const raw of PAYLOADS) {
    it(`shows ${raw} as text`, () => {
      const name = ZTagName.parse(raw.slice(0, 40));
      const html = renderToStaticMarkup(<TagList tags={[name]} label="Tags" />);
      expect(html).not.toMatch(/<(script|img|svg|iframe|a)\b/i);
      for (const tag of html.match(/<[^>]+>/g) ?? []) expect(tag).not.toMatch(/\son[a-z]+=|href=|src=/i);
      // The text is all there, escaped.
      expect(html).toContain(name.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#x27;"));
    });
  }
});
