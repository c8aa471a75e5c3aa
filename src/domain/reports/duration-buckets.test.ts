import { describe, expect, it } from "vitest";
import { bucketUpperMs, percentileBucket, summarize } from "./duration-buckets";

describe("report percentiles from histograms (issue 13)", () => {
  it("takes the nearest rank, like percentile_disc", () => {
    // Ten tickets: 5 in bucket 1, 4 in bucket 3, 1 in bucket 9.
    const h = new Map([
      [3, 4],
      [1, 5],
      [9, 1],
    ]);
    expect(percentileBucket(h, 0.5)).toBe(1); // rank 5
    expect(percentileBucket(h, 0.9)).toBe(3); // rank 9
    expect(percentileBucket(h, 0.91)).toBe(9); // rank ceil(9.1) = 10
    expect(percentileBucket(new Map([[4, 1]]), 0.5)).toBe(4);
  });

  it("is empty without tickets and ignores buckets summed to zero", () => {
    expect(percentileBucket(new Map(), 0.5)).toBeNull();
    expect(summarize(new Map([[5, 0]]))).toEqual({ tickets: 0, medianMs: null, p90Ms: null });
  });

  it("reports a bucket's upper bound: under a minute, then 1.25 times wider each", () => {
    expect(bucketUpperMs(0)).toBe(60_000);
    expect(bucketUpperMs(1)).toBe(75_000);
    expect(bucketUpperMs(2)).toBe(93_750);
  });
});
