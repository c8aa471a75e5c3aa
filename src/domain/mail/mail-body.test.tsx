// Issue 12 + S5: a hostile HTML mail becomes Markdown that the one renderer shows inert; quoted history and
// signatures are cut; ordinary formatting survives.
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { Markdown } from "@/components/markdown";
import { expectInertHtml, XSS_PAYLOADS } from "../../../tests/support/xss-payloads";
import { htmlToMarkdown, mailBodyToMarkdown, markdownLinkDestination, TEXT_INPUT_MAX } from "./mail-body";
import { subjectToTitle } from "./mail-text";

const render = (md: string) => renderToStaticMarkup(<Markdown source={md} />);

// Mail-only vectors on top of the shared set: what an HTML mail can carry that Markdown cannot.
const MAIL_HTML = [
  '<base href="https://evil.example/"><a href="/x">relative</a>',
  '<meta http-equiv="refresh" content="0;url=https://evil.example">',
  '<link rel="stylesheet" href="https://evil.example/x.css">',
  '<a href="jav&#x09;ascript:alert(1)">tab-split scheme</a>',
  '<a href="&#106;avascript:alert(1)">entity scheme</a>',
  '<img src="cid:logo@x" onerror="alert(1)" alt="logo">',
  '<table background="javascript:alert(1)"><tr><td>cell</td></tr></table>',
  '<p style="x:expression(alert(1))">css expression</p>',
  "<!--[if gte mso 9]><script>alert(1)</script><![endif]-->",
  '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>',
];

describe("inbound HTML mail renders inert (S5, issue 12)", () => {
  for (const payload of [...XSS_PAYLOADS, ...MAIL_HTML]) {
    it(`neutralises ${payload}`, () => {
      const md = mailBodyToMarkdown({ html: `<html><body><p>Hello</p>${payload}<p>Bye</p></body></html>` }, 20_000);
      expectInertHtml(render(md));
      // The same payload as a plain-text mail goes through the renderer as written.
      expectInertHtml(render(mailBodyToMarkdown({ text: payload }, 20_000)));
    });
  }

  it("keeps ordinary formatting and safe links", () => {
    const md = htmlToMarkdown('<p><b>Bold</b> and <i>it</i></p><ul><li>one</li><li>two</li></ul><p><a href="https://example.com/docs">docs</a></p>');
    const html = render(md);
    expect(html).toContain("<strong>Bold</strong>");
    expect(html).toContain("<li>one</li>");
    expect(html).toContain('href="https://example.com/docs"');
  });

  it("cuts quoted history and signatures: text, Gmail, Apple Mail and Outlook", () => {
    const text = "Works now, thanks!\n\n-- \nJane\n\nOn Mon, Dec 1, 2026 at 10:00 Support <support@x.test> wrote:\n> Please restart.\n";
    expect(mailBodyToMarkdown({ text }, 1000)).toBe("Works now, thanks!");
    const gmail = '<div>New text</div><div class="gmail_quote"><div>On Mon wrote:</div><blockquote>old secret</blockquote></div>';
    expect(mailBodyToMarkdown({ html: gmail }, 1000)).toBe("New text");
    const apple = '<div>New text</div><blockquote type="cite">old secret</blockquote>';
    expect(mailBodyToMarkdown({ html: apple }, 1000)).toBe("New text");
    const outlook = '<div>New text</div><div id="divRplyFwdMsg">From: Support</div>';
    expect(mailBodyToMarkdown({ html: outlook }, 1000)).toBe("New text");
  });

  it("removes control characters and cuts at the limit, saying so", () => {
    const md = mailBodyToMarkdown({ text: `a\u0000b\u001bc ${"x".repeat(500)}` }, 200);
    expect(md).not.toMatch(/[\u0000\u001b]/);
    expect(md.length).toBeLessThanOrEqual(200);
    expect(md).toContain("cut here");
  });

  it("makes one-line titles from subjects, without reply prefixes", () => {
    expect(subjectToTitle("Re: AW: Fwd: Printer\u0000 on fire\r\n", 200)).toBe("Printer on fire");
    expect(subjectToTitle("", 200)).toBe("(no subject)");
    expect(subjectToTitle("x".repeat(300), 200)).toHaveLength(200);
  });
});

describe("a link in an HTML mail stays exactly one link (attack pass b, B6)", () => {
  const links = (html: string) => [...html.matchAll(/<a href="([^"]*)"[^>]*>(.*?)<\/a>/g)].map((m) => ({ href: m[1], text: m[2] }));
  const cases: [html: string, href: string, text: string][] = [
    ['<a href="https://ok.test/z)[click](/app/admin">x</a>', "https://ok.test/z%29%5Bclick%5D%28/app/admin", "x"],
    ['<a href="https://ok.test/z\\">x</a> then )[click](/app/admin)', "https://ok.test/z%5C", "x"],
    ['<a href="https://ok.test/a b)c">t</a>', "https://ok.test/a%20b%29c", "t"],
    ['<a href="https://ok.test/q?a=[1]&amp;b=(2)">t</a>', "https://ok.test/q?a=%5B1%5D&amp;b=%282%29", "t"],
    ['<a href="https://ok.test/&lt;x&gt;">t</a>', "https://ok.test/%3Cx%3E", "t"],
    ['<a href="https://ok.test/ &quot;title&quot;)[c](/app/admin">t</a>', "https://ok.test/%20%22title%22%29%5Bc%5D%28/app/admin", "t"],
    ['<a href="https://ok.test/">x](/app/admin)[y</a>', "https://ok.test/", "x](/app/admin)[y"],
    ['<a href="https://ok.test/"><b>bo](/app/admin)ld</b></a>', "https://ok.test/", "<strong>bo](/app/admin)ld</strong>"],
    ['<a href="https://ok.test/"><code>](/app/admin)[</code></a>', "https://ok.test/", "<code>](/app/admin)[</code>"],
    ['<a href="https://ok.test/">`](/app/admin)`</a>', "https://ok.test/", "`](/app/admin)`"],
    ['<a href="mailto:a@ok.test?subject=(x)[y](/app/admin)">mail us</a>', "mailto:a@ok.test?subject=%28x%29%5By%5D%28/app/admin%29", "mail us"],
  ];
  for (const [html, href, text] of cases) {
    it(`one link for ${html}`, () => {
      const md = htmlToMarkdown(html);
      const rendered = render(md);
      expect(links(rendered), md).toEqual([{ href, text }]);
      expect(rendered).not.toContain('href="/app/admin"');
    });
  }

  it("percent-encodes what ends or escapes a destination, and leaves the rest", () => {
    expect(markdownLinkDestination("https://ok.test/a(b)[c]<d>\\e f\"g'h`i\u00a0j")).toBe("https://ok.test/a%28b%29%5Bc%5D%3Cd%3E%5Ce%20f%22g%27h%60i%C2%A0j");
    expect(markdownLinkDestination("https://ok.test/path?q=1&r=%20#frag")).toBe("https://ok.test/path?q=1&r=%20#frag");
  });
});

describe("plain text is read up to TEXT_INPUT_MAX (attack pass B5)", () => {
  it("a text part of megabytes is cut before any pass over it: what lies past the cap never reaches the ticket", () => {
    // Control characters are dropped by the text pass: without the cap, the words after them would be the
    // ticket's text; with it, the passes never see them.
    const text = `Printer offline.\n${"\u0007".repeat(TEXT_INPUT_MAX)}AFTER-THE-CAP ${"z".repeat(5_000_000)}`;
    const md = mailBodyToMarkdown({ text }, 20_000);
    expect(md).toContain("Printer offline.");
    expect(md).not.toContain("AFTER-THE-CAP");
    expect(md.length).toBeLessThanOrEqual(20_000);
  });
});
