// The anonymous gate (S8 global burst cap; issue 9 item 8 follow-up): requests without a session are
// counted in process memory by our HTTP server before Next runs, so an address (IPv6: its /64) or an
// anonymous crowd over its budget is answered 429 from memory: no Next routing, no Redis, no database.
// Before it, 200 flooding connections cost each refused request a trip through Next and Redis and pushed
// signed-in latency to seconds (bench/anonymous-flood.ts).
//
// The buckets mirror the shared budgets the app enforces on Redis (src/http/rate-limit.ts): the address's
// `api.anonymous` budget first, then the instance's share of `api.global_anonymous` (never more than the
// whole: Redis would refuse the rest anyway), and a cap on how many are inside the app at once. A request
// that passes is still counted on Redis, so the budgets stay shared across instances. Paths no budget
// meters get `anonymous.other`.
//
// "Without a session" is decided cheaply: no correctly signed session cookie (one HMAC), or a signed one
// that the app already found to be no session (getActor reports it here). A garbage or forged cookie
// buys nothing.
//
// One gate per process, on globalThis: the server (run by tsx) and the app (bundled by Next) load this
// module separately but must share the same buckets.
import { signedSessionToken } from "@/auth/session-cookie";
import { env, isProduction } from "@/lib/env";
import { logger } from "@/lib/logger";
import { metrics } from "@/lib/metrics";
import { policies, type PolicyName } from "@/lib/rate-limit/policies";
import { addressBucket } from "./client-address";
import { TokenBuckets } from "./token-buckets";

export interface GateRequest {
  /** The client's address as our server resolved it (null: unknown, one shared key). */
  ip: string | null;
  /** The request target as received (path and query). */
  url: string;
  cookie: string | undefined;
  /** It carries a body (declared length or chunked): not counted in flight. */
  body?: boolean;
}

/** What the gate decided: a refusal to answer with, or a pass (with what to call when its answer is done). */
export type GateDecision = { refusal: GateRefusal; release?: undefined } | { refusal: null; release: (() => void) | null };

export interface GateRefusal {
  policy: PolicyName;
  limit: number;
  retryAfterSec: number;
  /** A page request: answered with the 429 page, not JSON. */
  page: boolean;
}

/**
 * Paths the app does not meter, written out exactly: static files, the auth library's endpoints (with
 * their own sign-in throttle, S1) and the probes. Anything else, including every odd spelling (dot
 * segments, percent-encoding, backslashes), is metered: the stricter budget is the safe guess.
 */
const UNMETERED = /^\/+(?:api\/(?:health|ready|metrics)|api\/auth\/[\w\-/]+|_next\/[\w\-./~]+|icon\.svg|favicon\.ico)$/;
const DOT_SEGMENT = /\/\.{1,2}(?:\/|$)/;

export function classifyPath(url: string): { metered: boolean; page: boolean } {
  const q = url.indexOf("?");
  const path = q < 0 ? url : url.slice(0, q);
  const metered = !UNMETERED.test(path) || DOT_SEGMENT.test(path);
  // Next folds leading slashes ("//api/x" is /api/x); anything not under /api is a page.
  return { metered, page: metered && !/^\/+api\//.test(path) };
}

interface GateConfig {
  address: { points: number; durationSec: number };
  global: { points: number; durationSec: number };
  other: { points: number; durationSec: number };
  /** Metered anonymous requests inside the app at once, at most (ANONYMOUS_IN_FLIGHT). */
  inFlight: number;
  secret: string;
  production: boolean;
}

/**
 * The anonymous crowd's budget is a rate; what a request costs is not fixed. On a machine short of CPU,
 * 100 anonymous requests a second through Next can fill the event loop by themselves (bench:flood while
 * other work ran: signed-in requests then waited seconds; with this cap, a few hundred milliseconds). A cap
 * on how many are inside the app at once adapts to that: the slower the app, the fewer get in. Idle, an
 * anonymous request is inside for a few milliseconds, so 8 is far from reached at 100 a second.
 * A request with a body is not counted (a slow sender could hold a place; the app answers an anonymous
 * one before it reads the body), and a place is free once the answer is written, not once it is read.
 */
export const ANONYMOUS_IN_FLIGHT = 8;

/** A signed token the app found to be no session stays anonymous this long (sessions never come back). */
const DEAD_TOKEN_MS = 10 * 60 * 1000;
const DEAD_TOKENS_MAX = 10_000;
/** Bursts of "other" requests: a first page load fetches a few dozen static files at once. */
const OTHER_BURST_SEC = 5;

const perSec = (p: { points: number; durationSec: number }) => p.points / p.durationSec;

export class AnonymousGate {
  private readonly address: TokenBuckets;
  private readonly global: TokenBuckets;
  private readonly other: TokenBuckets;
  private readonly deadTokens = new Map<string, number>();
  private inFlight = 0;
  /** Per policy: when the last log line was written and how many refusals it has not told yet. */
  private readonly untold = new Map<PolicyName, { at: number; refused: number }>();

  constructor(private readonly config: GateConfig) {
    this.address = new TokenBuckets(config.address.points, perSec(config.address));
    this.global = new TokenBuckets(config.global.points, perSec(config.global), 1);
    this.other = new TokenBuckets(perSec(config.other) * OTHER_BURST_SEC, perSec(config.other));
  }

  /** A refusal to answer with, or a pass; a pass's release() must be called when its answer is done. */
  admit(req: GateRequest, nowMs = performance.now()): GateDecision {
    if (this.carriesSession(req.cookie, nowMs)) return { refusal: null, release: null };
    const key = req.ip ? addressBucket(req.ip) : "unknown";
    const { metered, page } = classifyPath(req.url);
    if (!metered) return this.decided(this.take(this.other, key, "anonymous.other", nowMs, false));
    if (!req.body && this.inFlight >= this.config.inFlight)
      return { refusal: this.refused("api.global_anonymous", "busy", this.global.capacity, 1, page, nowMs) };
    const own = this.take(this.address, key, "api.anonymous", nowMs, page);
    if (own) return { refusal: own };
    const all = this.take(this.global, "all", "api.global_anonymous", nowMs, page);
    // As on Redis, a request the global budget refuses does not spend its address's budget.
    if (all) {
      this.address.refund(key);
      return { refusal: all };
    }
    if (req.body) return { refusal: null, release: null };
    this.inFlight++;
    let released = false;
    return {
      refusal: null,
      release: () => {
        if (!released) this.inFlight--;
        released = true;
      },
    };
  }

  /**
   * The app found no session behind a request's cookie (getActor). If the cookie was correctly signed,
   * the gate let it through uncounted: count it now, and treat that token as anonymous from here on, so
   * replaying a signed-out cookie costs a database lookup once, not on every request.
   */
  notASession(cookie: string | undefined, ip: string | null, nowMs = performance.now()): void {
    const token = signedSessionToken(cookie, this.config.secret, this.config.production);
    if (!token || this.deadTokens.has(token)) return;
    this.deadTokens.set(token, nowMs + DEAD_TOKEN_MS);
    if (this.deadTokens.size > DEAD_TOKENS_MAX) this.deadTokens.delete(this.deadTokens.keys().next().value as string);
    this.address.take(ip ? addressBucket(ip) : "unknown", nowMs);
  }

  private carriesSession(cookie: string | undefined, nowMs: number): boolean {
    const token = signedSessionToken(cookie, this.config.secret, this.config.production);
    if (!token) return false;
    const dead = this.deadTokens.get(token);
    if (dead === undefined) return true;
    if (dead > nowMs) return false;
    this.deadTokens.delete(token);
    return true;
  }

  private decided(refusal: GateRefusal | null): GateDecision {
    return refusal ? { refusal } : { refusal: null, release: null };
  }

  private take(buckets: TokenBuckets, key: string, policy: PolicyName, nowMs: number, page: boolean): GateRefusal | null {
    const d = buckets.take(key, nowMs);
    return d.allowed ? null : this.refused(policy, key, buckets.capacity, d.retryAfterSec, page, nowMs);
  }

  /**
   * Counted every time; logged at most once a second per policy, with the number refused since the last
   * line: a flood must not turn into a flood of log writes. `key` is the address (or "all", or "busy":
   * the app already holds its share of anonymous requests).
   */
  private refused(policy: PolicyName, key: string, limit: number, retryAfterSec: number, page: boolean, nowMs: number): GateRefusal {
    metrics().anonymousGateRefused.inc({ policy });
    const told = this.untold.get(policy) ?? { at: -Infinity, refused: 0 };
    told.refused++;
    if (nowMs - told.at >= 1000) {
      logger.warn({ event: "rate_limit.gate", policy, key, refused: told.refused, retryAfterSec }, "anonymous requests refused before Next");
      told.at = nowMs;
      told.refused = 0;
    }
    this.untold.set(policy, told);
    return { policy, limit, retryAfterSec, page };
  }
}

function gateFromEnv(): AnonymousGate {
  const p = policies();
  return new AnonymousGate({
    address: p["api.anonymous"],
    global: p["api.global_anonymous"],
    other: p["anonymous.other"],
    inFlight: ANONYMOUS_IN_FLIGHT,
    secret: env().BETTER_AUTH_SECRET,
    production: isProduction(),
  });
}

const globalForGate = globalThis as unknown as { helpdeskAnonymousGate?: AnonymousGate };

export function anonymousGate(): AnonymousGate {
  globalForGate.helpdeskAnonymousGate ??= gateFromEnv();
  return globalForGate.helpdeskAnonymousGate;
}
