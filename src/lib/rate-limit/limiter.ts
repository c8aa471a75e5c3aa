// Limiters on Redis when REDIS_URL is set, so every app instance shares the counters (S8). While Redis is
// down each Redis limiter falls back to an in-memory "insurance" limiter with half the points: a
// conservative local limit, logged and counted, instead of failing open or taking the app down.
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from "rate-limiter-flexible";
import { AppError } from "@/lib/errors";
import { logger } from "@/lib/logger";
import { metrics } from "@/lib/metrics";
import { getRedis } from "@/lib/redis";
import { policies, type Policy, type PolicyName } from "./policies";

export interface LimitDecision {
  allowed: boolean;
  /** Points used in the current window, including this request. */
  consumed: number;
  limit: number;
  remaining: number;
  resetSec: number;
}

const globalForLimiters = globalThis as unknown as { helpdeskLimiters?: Map<PolicyName, RateLimiterAbstract> };

function createLimiter(policy: Policy): RateLimiterAbstract {
  const redis = getRedis();
  const keyPrefix = `rl:${policy.name}`;
  if (!redis) return new RateLimiterMemory({ keyPrefix, points: policy.points, duration: policy.durationSec });
  const insurance = new RateLimiterMemory({
    keyPrefix: `${keyPrefix}:local`,
    points: Math.max(1, Math.floor(policy.points / 2)),
    duration: policy.durationSec,
  });
  // Count and log each decision the insurance limiter makes (Redis was unreachable for it).
  const consume = insurance.consume.bind(insurance);
  insurance.consume = (key, points, options) => {
    metrics().rateLimitFallback.inc();
    logger.warn({ event: "rate_limit.fallback", policy: policy.name }, "rate limit decided locally: Redis unavailable");
    return consume(key, points, options);
  };
  return new RateLimiterRedis({ storeClient: redis, keyPrefix, points: policy.points, duration: policy.durationSec, insuranceLimiter: insurance });
}

function limiter(name: PolicyName): RateLimiterAbstract {
  globalForLimiters.helpdeskLimiters ??= new Map();
  let l = globalForLimiters.helpdeskLimiters.get(name);
  if (!l) {
    l = createLimiter(policies()[name]);
    globalForLimiters.helpdeskLimiters.set(name, l);
  }
  return l;
}

function decision(policy: Policy, res: RateLimiterRes, allowed: boolean): LimitDecision {
  return {
    allowed,
    consumed: res.consumedPoints,
    limit: policy.points,
    remaining: Math.max(0, res.remainingPoints),
    resetSec: Math.max(1, Math.ceil(res.msBeforeNext / 1000)),
  };
}

/**
 * An exhausted limit's answer. Not only `instanceof`: the limiters live on globalThis, shared by every copy of
 * this module in the process (the server's and Next's bundle each load rate-limiter-flexible), so a refusal
 * can come from the other copy's class — it was logged as a limiter failure and answered Retry-After: 1.
 */
export function isLimiterRes(value: unknown): value is RateLimiterRes {
  if (value instanceof RateLimiterRes) return true;
  if (typeof value !== "object" || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.msBeforeNext === "number" && typeof v.remainingPoints === "number" && typeof v.consumedPoints === "number";
}

/** Takes one point for `key`; never throws for an exhausted limit, only reports it. */
export async function consume(name: PolicyName, key: string, points = 1): Promise<LimitDecision> {
  const policy = policies()[name];
  try {
    return decision(policy, await limiter(name).consume(key, points), true);
  } catch (rejection) {
    if (isLimiterRes(rejection)) return decision(policy, rejection, false);
    // Both Redis and the insurance limiter failed: refuse rather than fail open.
    logger.error({ event: "rate_limit.error", policy: name, err: String(rejection) }, "rate limiter failed");
    return { allowed: false, consumed: policy.points + 1, limit: policy.points, remaining: 0, resetSec: 1 };
  }
}

/**
 * True for the first call per key, until `windowSec` (a refused budget's remaining window) has passed:
 * "once per window" without relying on a budget's count, which other doors may have pushed past its limit.
 */
export async function firstInWindow(name: PolicyName, key: string, windowSec: number): Promise<boolean> {
  try {
    await limiter(name).consume(key, 1, { customDuration: Math.max(1, windowSec) });
    return true;
  } catch {
    return false;
  }
}

export async function refund(name: PolicyName, key: string, points = 1): Promise<void> {
  await limiter(name)
    .reward(key, points)
    .catch(() => undefined);
}

export async function reset(name: PolicyName, key: string): Promise<void> {
  await limiter(name)
    .delete(key)
    .catch(() => undefined);
}

/** RateLimit-* headers (IETF draft) and Retry-After when refused. */
export function rateLimitHeaders(d: LimitDecision): Record<string, string> {
  const headers: Record<string, string> = {
    "RateLimit-Limit": String(d.limit),
    "RateLimit-Remaining": String(d.remaining),
    "RateLimit-Reset": String(d.resetSec),
  };
  if (!d.allowed) headers["Retry-After"] = String(d.resetSec);
  return headers;
}

/** The 429 error of a refused decision: body details name the policy, headers carry Retry-After. */
export function rateLimitedError(name: PolicyName, d: LimitDecision): AppError {
  return new AppError("rate_limited", "Too many requests, slow down", { policy: name, retryAfterSec: d.resetSec }, rateLimitHeaders(d));
}

export function rateLimited(name: PolicyName, d: LimitDecision, context: Record<string, unknown>): AppError {
  metrics().rateLimited.inc({ policy: name });
  logger.warn({ event: "rate_limit.hit", policy: name, retryAfterSec: d.resetSec, ...context }, "rate limit hit");
  return rateLimitedError(name, d);
}

/** Tests only: forget limiter instances (their policies read the environment when created). */
export function resetLimitersForTests(): void {
  globalForLimiters.helpdeskLimiters = new Map();
}
