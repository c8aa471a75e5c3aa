// The one text rule (issue 9 items 11 and 13): single-line fields refuse control characters, line breaks
// and the invisible formatting characters that let a name impersonate someone; Markdown keeps its lines.
import { describe, expect, it } from "vitest";
import { isMultiLineText, isSingleLineText } from "./text-input";

describe("text input rule", () => {
  it.each([
    ["NUL", "Ada\u0000"],
    ["newline", "Ada\nAdmin"],
    ["right-to-left override", "Ada \u202eNIMDA"],
    ["first-strong isolate", "Ada Admin (admin, admin@acme.test)\u2066"],
    ["pop directional isolate", "x\u2069"],
    ["left-to-right mark", "Ada\u200e"],
    ["zero-width space", "Ad\u200ba"],
    ["BOM", "\ufeffAda"],
    ["lone surrogate", "Ada\ud800"],
  ])("a single-line field refuses %s", (_label, value) => {
    expect(isSingleLineText(value)).toBe(false);
  });

  it("accepts ordinary names in any script, with the joiners those scripts need", () => {
    for (const name of ["Ada Lovelace", "José Núñez", "Zoë O'Brien", "佐藤 花子", "محمد", "क्‍ष", "می‌خواهم", "👩‍💻 Dev"]) {
      expect(isSingleLineText(name), name).toBe(true);
    }
  });

  it("Markdown bodies keep tabs and line breaks, and refuse NUL", () => {
    expect(isMultiLineText("line one\n\tline two\r\n")).toBe(true);
    expect(isMultiLineText("a\u0000b")).toBe(false);
  });
});
