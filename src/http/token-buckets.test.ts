import { describe, expect, it } from "vitest";
import { TokenBuckets } from "./token-buckets";

describe("token buckets of the anonymous gate (S8)", () => {
  it("a key spends its burst, is refused with the wait for the next token, and refills over time", () => {
    const b = new TokenBuckets(3, 0.5); // 3 at once, one back every 2 s
    const taken = [0, 1, 2, 3].map(() => b.take("a", 0));
    expect(taken.map((d) => d.allowed)).toEqual([true, true, true, false]);
    expect(taken[3]).toEqual({ allowed: false, retryAfterSec: 2 });
    expect(b.take("a", 1000)).toEqual({ allowed: false, retryAfterSec: 1 });
    expect(b.take("a", 2000).allowed).toBe(true);
    // Another key has its own burst.
    expect(b.take("b", 2000).allowed).toBe(true);
  });

  it("a long pause refills no more than the burst; time running backwards refills nothing", () => {
    const b = new TokenBuckets(2, 1);
    b.take("a", 0);
    b.take("a", 0);
    const after = [1, 2, 3].map(() => b.take("a", 3_600_000).allowed);
    expect(after).toEqual([true, true, false]);
    expect(b.take("a", 0).allowed).toBe(false);
  });

  it("a refund gives one token back, never above the burst", () => {
    const b = new TokenBuckets(1, 0.001);
    expect(b.take("a", 0).allowed).toBe(true);
    b.refund("a");
    b.refund("a");
    expect([b.take("a", 0).allowed, b.take("a", 0).allowed]).toEqual([true, false]);
  });

  it("memory is bounded: past maxKeys the least recently used key is forgotten", () => {
    const b = new TokenBuckets(1, 0.001, 3);
    b.take("old", 0);
    b.take("kept", 0);
    for (const k of ["x", "y"]) b.take(k, 0);
    b.take("kept", 0); // touched again: now the most recent
    b.take("z", 0);
    expect(b.size).toBe(3);
    expect(b.take("kept", 0).allowed).toBe(false); // still known, still empty
  });
});
