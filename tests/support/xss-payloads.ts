// The stored-XSS payload set (S5), shared by every path that renders user content: the Markdown unit
// test, and inbound mail (issue 12), whose HTML must stay inert through sanitize-html, turndown and the
// renderer. `expectInert` is the one assertion about what may come out.
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

/** Rendered HTML carries no active element, event handler, script URL or style. */
export function expectInert(rendered: string): void {
  const html = rendered.toLowerCase();
  expect(html).not.toMatch(/<script|<iframe|<svg|<object|<embed|<img|<form|<style|<math|<details|<base|<meta|<link/);
  // Checked inside tags only: the same words as plain text are harmless prose.
  const tags = html.match(/<[^>]+>/g) ?? [];
  for (const tag of tags) {
    expect(tag).not.toMatch(/\son[a-z]+=/);
    expect(tag).not.toMatch(/(href|src|action|data)="\s*(javascript|data|vbscript):/);
    expect(tag).not.toContain("style=");
  }
}
