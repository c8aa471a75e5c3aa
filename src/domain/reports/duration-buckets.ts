// Medians and 90th percentiles from the rollups' business-time histograms (issue 13). Bucket b >= 1 holds
// durations in [1.25^(b-1), 1.25^b) minutes and bucket 0 those under a minute (report_bucket() in
// migration 0032 sorts them). A percentile is the nearest rank (PostgreSQL's percentile_disc): the
// smallest duration that at least p of the tickets did not exceed; it is reported as the upper bound of
// its bucket, so "median 2 h 26 min" reads "half the tickets took at most about that", within 25 %.

export const BUCKET_RATIO = 1.25;
const MINUTE_MS = 60_000;

/** The upper bound (ms) of a bucket. */
export function bucketUpperMs(bucket: number): number {
  return bucket <= 0 ? MINUTE_MS : Math.round(MINUTE_MS * BUCKET_RATIO ** bucket);
}

/** The bucket holding the nearest-rank percentile `p` (0 < p <= 1) of a histogram; null when empty. */
export function percentileBucket(histogram: ReadonlyMap<number, number>, p: number): number | null {
  const buckets = [...histogram.entries()].filter(([, n]) => n > 0).sort((a, b) => a[0] - b[0]);
  const total = buckets.reduce((sum, [, n]) => sum + n, 0);
  if (total === 0) return null;
  // The same rank percentile_disc takes: ceil(p * n), at least the first.
  const rank = Math.max(1, Math.ceil(p * total));
  let seen = 0;
  for (const [bucket, n] of buckets) {
    seen += n;
    if (seen >= rank) return bucket;
  }
  return buckets[buckets.length - 1]![0];
}

export interface DurationSummary {
  tickets: number;
  /** Upper bounds (ms) of the buckets holding the median and the 90th percentile; null without tickets. */
  medianMs: number | null;
  p90Ms: number | null;
}

export function summarize(histogram: ReadonlyMap<number, number>): DurationSummary {
  const tickets = [...histogram.values()].reduce((a, b) => a + b, 0);
  const median = percentileBucket(histogram, 0.5);
  const p90 = percentileBucket(histogram, 0.9);
  return { tickets, medianMs: median === null ? null : bucketUpperMs(median), p90Ms: p90 === null ? null : bucketUpperMs(p90) };
}
