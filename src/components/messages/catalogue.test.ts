import { describe, expect, it } from "vitest";
import { EN, messagesFor } from "./catalogue";

describe("messagesFor (issue 13)", () => {
  it("gives English for English locales and for languages without a catalogue", () => {
    expect(messagesFor("en-GB")("nav.queue")).toBe("Queue");
    expect(messagesFor("ja-JP")("nav.newTicket")).toBe("New ticket");
  });
  it("serves a second language by its language subtag, English for the ids it lacks", () => {
    const t = messagesFor("de-CH", { en: EN, de: { "nav.queue": "Warteschlange" } });
    expect(t("nav.queue")).toBe("Warteschlange");
    expect(t("nav.admin")).toBe("Admin");
  });
});
