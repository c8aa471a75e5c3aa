import { describe, expect, it } from "vitest";
import { resolveRange } from "./get-report";

const today = new Date("2026-12-01T15:00:00Z");

describe("report range (issue 13)", () => {
  it("defaults to the last 30 UTC days up to today, per day", () => {
    expect(resolveRange({}, today)).toEqual({ from: "2026-11-02", to: "2026-12-01", granularity: "day" });
  });
  it("a start alone covers 30 days from it, but not past today", () => {
    expect(resolveRange({ from: "2026-01-01" }, today)).toEqual({ from: "2026-01-01", to: "2026-01-30", granularity: "day" });
    expect(resolveRange({ from: "2026-11-20", granularity: "week" }, today)).toEqual({ from: "2026-11-20", to: "2026-12-01", granularity: "week" });
    expect(resolveRange({ from: "2027-03-01" }, today)).toEqual({ from: "2027-03-01", to: "2027-03-01", granularity: "day" });
  });
  it("an end alone covers the 30 days before it", () => {
    expect(resolveRange({ to: "2026-03-01" }, today)).toEqual({ from: "2026-01-31", to: "2026-03-01", granularity: "day" });
  });
});
