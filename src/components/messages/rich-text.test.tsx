// Issue 13: a message with elements inside it stays one sentence, and nothing in it becomes HTML.
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { defineMessages, translator } from "./define";
import { richText } from "./rich-text";

const SET = defineMessages({
  sent: "If {email} belongs to an account, a link is on its way.",
  at: "resolution {resolution}, {time}",
});

describe("richText (issue 13)", () => {
  it("puts elements where the message has their placeholders", () => {
    const t = translator(SET, "en-GB");
    expect(renderToStaticMarkup(<p>{richText(t("sent"), { email: <strong>ada@example.com</strong> })}</p>)).toBe(
      "<p>If <strong>ada@example.com</strong> belongs to an account, a link is on its way.</p>",
    );
  });

  it("takes values filled by t() and slots together, and leaves an unknown placeholder visible", () => {
    const t = translator(SET, "en-GB");
    expect(renderToStaticMarkup(<span>{richText(t("at", { resolution: 2 }), { time: <time>today</time> })}</span>)).toBe(
      "<span>resolution 2, <time>today</time></span>",
    );
    expect(renderToStaticMarkup(<span>{richText("a {constructor} b", {})}</span>)).toBe("<span>a {constructor} b</span>");
  });

  it("renders messages and string slots as text, never as markup", () => {
    const html = renderToStaticMarkup(<p>{richText("<b>{who}</b>", { who: "<script>alert(1)</script>" })}</p>);
    expect(html).toBe("<p>&lt;b&gt;&lt;script&gt;alert(1)&lt;/script&gt;&lt;/b&gt;</p>");
  });
});

const REORDERED = defineMessages({ sent: "Send also sets the status to {status}." }, { de: { sent: "{status} wird beim Senden gesetzt." } });

describe("richText() in another language", () => {
  it("puts each element where the language's text has its placeholder", () => {
    const html = (locale: string) => renderToStaticMarkup(<p>{richText(translator(REORDERED, locale)("sent"), { status: <strong>Pending</strong> })}</p>);
    expect(html("en")).toBe("<p>Send also sets the status to <strong>Pending</strong>.</p>");
    expect(html("de")).toBe("<p><strong>Pending</strong> wird beim Senden gesetzt.</p>");
  });

  it("renders values as text, never as markup, and does not split them; an unknown placeholder stays visible", () => {
    const html = renderToStaticMarkup(<p>{richText("{who} and {what} {missing}", { who: "<img src=x onerror=alert(1)>", what: "{who}" })}</p>);
    expect(html).toBe("<p>&lt;img src=x onerror=alert(1)&gt; and {who} {missing}</p>");
  });
});
