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
