// Issue 13: which status changes ask "How did we do?" and which withdraw the question.
import { describe, expect, it } from "vitest";
import { satisfactionStep } from "./ask-for-satisfaction";

describe("satisfactionStep", () => {
  it("asks when a ticket becomes resolved from a working status", () => {
    for (const from of ["open", "pending", "on_hold"] as const) expect(satisfactionStep(from, "resolved"), from).toBe("ask");
  });
  it("withdraws on a reopen from resolved or closed", () => {
    for (const from of ["resolved", "closed"] as const)
      for (const to of ["open", "pending", "on_hold"] as const) expect(satisfactionStep(from, to)).toBe("withdraw");
  });
  it("does nothing for moves that are neither (closing, staff moving closed → resolved, no change)", () => {
    expect(satisfactionStep("open", "closed")).toBeNull();
    expect(satisfactionStep("resolved", "closed")).toBeNull();
    expect(satisfactionStep("closed", "resolved")).toBeNull();
    expect(satisfactionStep("resolved", "resolved")).toBeNull();
    expect(satisfactionStep("open", "pending")).toBeNull();
    expect(satisfactionStep("open", undefined)).toBeNull();
  });
});
