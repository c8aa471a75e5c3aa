// Issue 13: a translated text with elements in it keeps the language's order, and a value is only ever text.
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { defineMessages, translator } from "./define";
import { rich } from "./rich";

const SET = defineMessages({ sent: "Send also sets the status to {status}." }, { de: { sent: "{status} wird beim Senden gesetzt." } });

describe("rich()", () => {
  it("puts each element where the language's text has its placeholder", () => {
    const html = (locale: string) => renderToStaticMarkup(<p>{rich(translator(SET, locale)("sent"), { status: <strong>Pending</strong> })}</p>);
    expect(html("en")).toBe("<p>Send also sets the status to <strong>Pending</strong>.</p>");
    expect(html("de")).toBe("<p><strong>Pending</strong> wird beim Senden gesetzt.</p>");
  });

  it("renders values as text, never as markup, and does not split them; an unknown placeholder stays visible", () => {
    const html = renderToStaticMarkup(<p>{rich("{who} and {what} {missing}", { who: "<img src=x onerror=alert(1)>", what: "{who}" })}</p>);
    expect(html).toBe("<p>&lt;img src=x onerror=alert(1)&gt; and {who} {missing}</p>");
  });
});
