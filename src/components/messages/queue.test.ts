import { describe, expect, it } from "vitest";
import { translator } from "./define";
import { EXPORTS_MESSAGES } from "./exports";
import { MACROS_MESSAGES } from "./macros";
import { QUEUE_MESSAGES } from "./queue";

describe("the queue's, macros' and exports' counts (issue 13)", () => {
  it("words counts by the locale's plural rules and digits", () => {
    const en = translator(QUEUE_MESSAGES, "en-US");
    expect(en("queue.bulk.selected", { count: 3 })).toBe("3 selected");
    expect(en("queue.bulk.apply", { count: 1 })).toBe("Apply to 1 ticket");
    expect(en("queue.bulk.apply", { count: 2 })).toBe("Apply to 2 tickets");
    expect(en("queue.pages.shown", { count: 1 })).toBe("1 ticket on this page");
    expect(en("queue.pages.shown", { count: 1200 })).toBe("1,200 tickets on this page");
    expect(en("queue.bulk.ticket_closed", { count: 2 })).toBe("2 closed (reopen first)");
    expect(en("queue.views.count", { count: 37 })).toBe("37");
    expect(en("queue.views.countMore", { count: 1000 })).toBe("1,000+");
    expect(translator(QUEUE_MESSAGES, "de-DE")("queue.views.countMore", { count: 1000 })).toBe("1.000+");
    expect(translator(MACROS_MESSAGES, "en-GB")("macros.usage", { count: 3, limit: 1000 })).toBe("(3 of 1,000)");
    const exportsEn = translator(EXPORTS_MESSAGES, "en-US");
    expect(exportsEn("exports.waiting", { count: 1 })).toBe("One export is being prepared; this list updates by itself.");
    expect(exportsEn("exports.waiting", { count: 2 })).toBe("2 exports are being prepared; this list updates by itself.");
  });

  it("keeps the subtitle's order in the sentence and the caption", () => {
    const t = translator(QUEUE_MESSAGES, "en-US");
    expect(t("queue.subtitle.all", { order: t("queue.order.relevance", { window: 200 }) })).toBe(
      "Every ticket in your organization, best match first among the newest 200 matches.",
    );
    expect(t("queue.subtitle.sharedViewChanged", { order: t("queue.orderStart.due") })).toBe("Shared view, filters changed · Due soonest first.");
  });

  it("leaves a value's braces alone: a name is filled in as written, never read as a placeholder", () => {
    const t = translator(QUEUE_MESSAGES, "en-US");
    expect(t("queue.views.deleteNamed", { name: "{name} $& x" })).toBe("Delete view {name} $& x");
  });
});
