// S5: user Markdown renders inert. Each payload is a known stored-XSS vector; none may survive.
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { Markdown } from "@/components/markdown";
import { expectInert, XSS_PAYLOADS } from "../../tests/support/xss-payloads";

const render = (source: string) => renderToStaticMarkup(<Markdown source={source} />);

describe("Markdown rendering is inert (S5)", () => {
  for (const payload of XSS_PAYLOADS) {
    it(`neutralises ${payload}`, () => {
      expectInert(render(payload));
    });
  }

  it("still renders ordinary Markdown: emphasis, code, lists, tables, task lists and safe links", () => {
    const html = render(
      "**bold** _it_ `code`\n\n- [x] done\n- [ ] todo\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n[docs](https://example.com/docs) <https://example.com>",
    );
    expect(html).toContain("<strong>bold</strong>");
    expect(html).toContain("<em>it</em>");
    expect(html).toContain("<code>code</code>");
    expect(html).toContain("<table>");
    expect(html).toContain('type="checkbox"');
    expect(html).toContain('href="https://example.com/docs"');
    expect(html).toContain('rel="noopener noreferrer nofollow ugc"');
  });

  it("shows raw HTML neither as markup nor executes it, and keeps the text of plain prose", () => {
    const html = render("Hello <b onclick=x>world</b> & <script>bad()</script> friends");
    expect(html).toContain("Hello");
    expect(html).toContain("friends");
    expect(html).not.toContain("<b");
    expect(html).not.toContain("bad()</script>");
  });
});
