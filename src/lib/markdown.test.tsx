// S5: user Markdown renders inert. Each payload is a known stored-XSS vector; none may survive.
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { Markdown } from "@/components/markdown";

const render = (source: string) => renderToStaticMarkup(<Markdown source={source} />);

const PAYLOADS = [
  "<script>alert(1)</script>",
  "<img src=x onerror=alert(1)>",
  "<svg onload=alert(1)><circle/></svg>",
  '<iframe src="javascript:alert(1)"></iframe>',
  "[click](javascript:alert(1))",
  "[click](JaVaScRiPt:alert(1))",
  "[click](  javascript:alert(1))",
  "[data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
  "[vb](vbscript:msgbox(1))",
  "![img](javascript:alert(1))",
  "![pixel](https://evil.example/track.gif)",
  '<a href="javascript:alert(1)">x</a>',
  '<div style="background:url(javascript:alert(1))">x</div>',
  '<form action="https://evil.example"><button>go</button></form>',
  "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
  "<details open ontoggle=alert(1)>",
  '[x](https://ok.example "title" onmouseover=alert(1))',
  '<object data="javascript:alert(1)"></object>',
  '<embed src="javascript:alert(1)">',
  "<input autofocus onfocus=alert(1)>",
];

describe("Markdown rendering is inert (S5)", () => {
  for (const payload of PAYLOADS) {
    it(`neutralises ${payload}`, () => {
      const html = render(payload).toLowerCase();
      expect(html).not.toMatch(/<script|<iframe|<svg|<object|<embed|<img|<form|<style|<math|<details/);
      // Checked inside tags only: the same words as plain text are harmless prose.
      const tags = html.match(/<[^>]+>/g) ?? [];
      for (const tag of tags) {
        expect(tag).not.toMatch(/\son[a-z]+=/);
        expect(tag).not.toMatch(/(href|src|action|data)="\s*(javascript|data|vbscript):/);
        expect(tag).not.toContain("style=");
      }
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
