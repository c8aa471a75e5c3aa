// In-process token buckets, one per key, for the anonymous gate (anonymous-gate.ts). Pure and synchronous:
// a decision is a Map lookup and some arithmetic, no I/O, so refusing a flood costs next to nothing.
// Time is passed in (monotonic milliseconds, not the wall clock: a clock step must not refill a bucket).

export interface BucketDecision {
  allowed: boolean;
  /** Whole seconds until one token is back (0 when allowed). */
  retryAfterSec: number;
}

interface Bucket {
  tokens: number;
  at: number;
}

export class TokenBuckets {
  private readonly buckets = new Map<string, Bucket>();

  /**
   * @param capacity the burst a key may spend at once
   * @param perSec   tokens added back per second
   * @param maxKeys  memory bound: past it the least recently used key is forgotten (it starts full again;
   *                 the shared Redis budget behind the gate still counts it)
   */
  constructor(
    readonly capacity: number,
    readonly perSec: number,
    private readonly maxKeys = 50_000,
  ) {}

  take(key: string, nowMs: number): BucketDecision {
    const found = this.buckets.get(key);
    const bucket = found ?? { tokens: this.capacity, at: nowMs };
    bucket.tokens = Math.min(this.capacity, bucket.tokens + (Math.max(0, nowMs - bucket.at) / 1000) * this.perSec);
    bucket.at = nowMs;
    // Re-inserting keeps the Map in least-recently-used order, so the oldest key is the first one.
    if (found) this.buckets.delete(key);
    this.buckets.set(key, bucket);
    if (this.buckets.size > this.maxKeys) this.buckets.delete(this.buckets.keys().next().value as string);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return { allowed: true, retryAfterSec: 0 };
    }
    return { allowed: false, retryAfterSec: Math.max(1, Math.ceil((1 - bucket.tokens) / this.perSec)) };
  }

  /** Gives a token back (a request refused by a later bucket should not have spent this one). */
  refund(key: string): void {
    const bucket = this.buckets.get(key);
    if (bucket) bucket.tokens = Math.min(this.capacity, bucket.tokens + 1);
  }

  get size(): number {
    return this.buckets.size;
  }
}
