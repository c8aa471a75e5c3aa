// A refusal is recognised whichever copy of rate-limiter-flexible made it (the limiters are shared on
// globalThis by the server's and Next's copies of this module); anything else is a limiter failure.
import { RateLimiterRes } from "rate-limiter-flexible";
import { describe, expect, it } from "vitest";
import { isLimiterRes } from "./limiter";

describe("isLimiterRes", () => {
  it("takes this copy's RateLimiterRes and another copy's (same fields, other class)", () => {
    expect(isLimiterRes(new RateLimiterRes(0, 59_000, 11, false))).toBe(true);
    class OtherCopy {
      remainingPoints = 0;
      msBeforeNext = 59_000;
      consumedPoints = 11;
      isFirstInDuration = false;
    }
    expect(isLimiterRes(new OtherCopy())).toBe(true);
  });

  it("does not take a Redis error, a string, null or an object missing a field", () => {
    for (const v of [
      new Error("ECONNREFUSED"),
      "refused",
      null,
      undefined,
      { msBeforeNext: 1, remainingPoints: 0 },
      { msBeforeNext: "1", remainingPoints: 0, consumedPoints: 1 },
    ])
      expect(isLimiterRes(v)).toBe(false);
  });
});
