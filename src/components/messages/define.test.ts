import { describe, expect, it } from "vitest";
import { defineMessages, plural, translator } from "./define";

const SET = defineMessages(
  {
    "nav.queue": "Queue",
    "nav.admin": "Admin",
    greeting: "Hello, {name}",
    selected: (vars, locale) => plural(Number(vars.count), locale, { one: "{count} ticket selected", other: "{count} tickets selected" }),
  },
  { de: { "nav.queue": "Warteschlange", greeting: "Hallo, {name}" } },
);

describe("message sets (issue 13)", () => {
  it("gives English for English locales and for languages without texts", () => {
    expect(translator(SET, "en-GB")("nav.queue")).toBe("Queue");
    expect(translator(SET, "ja-JP")("nav.queue")).toBe("Queue");
  });
  it("serves a second language by its language subtag, English for the ids it lacks", () => {
    const t = translator(SET, "de-CH");
    expect(t("nav.queue")).toBe("Warteschlange");
    expect(t("nav.admin")).toBe("Admin");
    expect(t("greeting", { name: "Ada" })).toBe("Hallo, Ada");
  });
  it("fills placeholders and leaves unknown ones visible instead of dropping text", () => {
    const t = translator(SET, "en-US");
    expect(t("greeting", { name: "Ada" })).toBe("Hello, Ada");
    expect(t("greeting")).toBe("Hello, {name}");
  });
  it("words counts by the locale's plural rules and digits", () => {
    const t = translator(SET, "en-US");
    expect(t("selected", { count: 1 })).toBe("1 ticket selected");
    expect(t("selected", { count: 1200 })).toBe("1,200 tickets selected");
    expect(plural(1200, "de-DE", { one: "{count} Ticket", other: "{count} Tickets" })).toBe("1.200 Tickets");
  });
});
