// The stored-XSS payload set (S5): each is a known vector; none may survive any path that renders user
// text as HTML — the Markdown renderer (src/lib/markdown.test.tsx), the e-mails we send, and inbound mail
// (issue 12), whose HTML must stay inert through sanitize-html, turndown and the renderer. `expectInertHtml`
// is the one assertion about what may come out.
import { expect } from "vitest";

export const XSS_PAYLOADS = [
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

/**
 * Asserts that rendered HTML holds no active content: no script-capable elements, no event handlers, no
 * script/data URLs, no inline styles, no base/meta/link. `wholeDocument` lets a document we compose (an
 * e-mail's) keep its own <head> — charset and viewport meta, title, static <style> — which user content
 * never reaches but escaped in the title; the body is checked as any fragment.
 */
export function expectInertHtml(rendered: string, opts: { wholeDocument?: boolean } = {}): void {
  let html = rendered.toLowerCase();
  if (opts.wholeDocument) {
    const head = /<head>([\s\S]*?)<\/head>/.exec(html)?.[1] ?? "";
    // Our head, exactly: two metas, a title of text, one style of text.
    expect(head.replace(/<title>[^<]*<\/title>/, "").replace(/<style>[^<]*<\/style>/, "")).toBe(
      '<meta charset="utf-8"/><meta name="viewport" content="width=device-width, initial-scale=1"/>',
    );
    html = html.replace(/<head>[\s\S]*?<\/head>/, "");
  }
  expect(html).not.toMatch(/<script|<iframe|<svg|<object|<embed|<img|<form|<style|<math|<details|<base|<meta|<link/);
  // Checked inside tags only: the same words as plain text are harmless prose.
  const tags = html.match(/<[^>]+>/g) ?? [];
  for (const tag of tags) {
    expect(tag).not.toMatch(/\son[a-z]+=/);
    expect(tag).not.toMatch(/(href|src|action|data)="\s*(javascript|data|vbscript):/);
    expect(tag).not.toContain("style=");
  }
}
