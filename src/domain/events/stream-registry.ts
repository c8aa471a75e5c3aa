// This instance's open event streams (issue 11): the caps (per user and per instance, 429 beyond), the
// session re-check of every stream (batched: every stream that asks within one tick shares one query;
// all of them every LIVE_SESSION_RECHECK_SEC), and the per-audience caches of re-reads. One per process
// (streamRegistry()); tests build a second one on its own LISTEN connection to act as another instance.
import type { Actor } from "@/auth/actor";
import { recheckActors } from "@/auth/recheck-actors";
import { AppError } from "@/lib/errors";
import { env } from "@/lib/env";
import { type LiveHub, liveHub, type PresenceSignal } from "@/lib/live/live-hub";
import { logger } from "@/lib/logger";
import { safeErrorSummary } from "@/lib/log-safe";
import { metrics } from "@/lib/metrics";
import { PRESENCE_TTL_SEC, type PresenceData } from "@/domain/presence/presence-rules";
import { LiveStream } from "./live-stream";
import { RenderCache } from "./render-cache";

/** A refused stream: how long before trying again is worth it. */
const RETRY_AFTER_SEC = 30;

function tooManyStreams(scope: "user" | "instance"): AppError {
  const message = scope === "user" ? "Too many open event streams for this user; close a tab" : "This server holds as many event streams as it can";
  return new AppError("rate_limited", message, { policy: `events.per_${scope}`, retryAfterSec: RETRY_AFTER_SEC }, { "Retry-After": String(RETRY_AFTER_SEC) });
}

type Waiting = { actor: Actor; resolve: Array<(a: Actor | null) => void>; reject: Array<(e: unknown) => void> };

export class StreamRegistry {
  readonly renderCache = new RenderCache();
  private readonly streams = new Set<LiveStream>();
  private readonly perUser = new Map<string, number>();
  private waiting = new Map<string, Waiting>();
  private recheckQueued = false;
  private timer: NodeJS.Timeout | null = null;
  private readonly presenceReads = new WeakMap<PresenceSignal, Map<string, Promise<PresenceData | null>>>();
  /** The latest presence signal per person on each ticket, while it shows (NOTIFY-only presence kept briefly in memory). */
  private readonly recentPresence = new Map<string, Map<string, { signal: PresenceSignal; until: number }>>();
  private sweptAt = performance.now();

  constructor(readonly hub: LiveHub) {
    hub.observePresence((signal) => this.rememberPresence(signal, PRESENCE_TTL_SEC * 1000));
  }

  /** A new stream for `actor`, counted against the caps at once (429 when over). */
  open(actor: Actor, lastEventId: string | null): LiveStream {
    const { LIVE_STREAMS_PER_USER, LIVE_STREAMS_PER_INSTANCE } = env();
    if (this.streams.size >= LIVE_STREAMS_PER_INSTANCE) throw refused("instance", actor);
    if ((this.perUser.get(actor.userId) ?? 0) >= LIVE_STREAMS_PER_USER) throw refused("user", actor);
    const stream = new LiveStream(actor, this, lastEventId);
    this.streams.add(stream);
    this.perUser.set(actor.userId, (this.perUser.get(actor.userId) ?? 0) + 1);
    metrics().liveStreams.set(this.streams.size);
    this.timer ??= setInterval(() => void this.recheckAll(), env().LIVE_SESSION_RECHECK_SEC * 1000).unref();
    return stream;
  }

  release(stream: LiveStream): void {
    if (!this.streams.delete(stream)) return;
    const left = (this.perUser.get(stream.userId) ?? 1) - 1;
    if (left > 0) this.perUser.set(stream.userId, left);
    else this.perUser.delete(stream.userId);
    metrics().liveStreams.set(this.streams.size);
    if (this.streams.size === 0 && this.timer) {
      clearInterval(this.timer);
      this.timer = null;
    }
  }

  get size(): number {
    return this.streams.size;
  }

  /** Who the stream's caller is now; every stream asking in the same tick shares one query. */
  recheck(stream: LiveStream): Promise<Actor | null> {
    return new Promise((resolve, reject) => {
      const entry = this.waiting.get(stream.sessionId);
      if (entry) {
        entry.resolve.push(resolve);
        entry.reject.push(reject);
      } else {
        this.waiting.set(stream.sessionId, { actor: stream.caller, resolve: [resolve], reject: [reject] });
      }
      if (!this.recheckQueued) {
        this.recheckQueued = true;
        setImmediate(() => void this.flushRechecks());
      }
    });
  }

  /** A presence signal read once per audience on this instance (the hub hands every stream the same object). */
  presenceCache(signal: PresenceSignal, audience: string, read: () => Promise<PresenceData | null>): Promise<PresenceData | null> {
    let byAudience = this.presenceReads.get(signal);
    if (!byAudience) {
      byAudience = new Map();
      this.presenceReads.set(signal, byAudience);
    }
    let found = byAudience.get(audience);
    if (!found) {
      found = read();
      byAudience.set(audience, found);
    }
    return found;
  }

  /**
   * Keeps a presence signal for PRESENCE_TTL_SEC. Every instance hears every signal, so a stream that starts
   * watching a ticket learns at once who is already there (recentPresenceOn), instead of after their
   * next repeat. Hears every signal through the hub, before any stream does.
   */
  rememberPresence(signal: PresenceSignal, ttlMs: number): void {
    // Swept here too: with no stream open on this instance, the periodic re-check does not run.
    if (performance.now() - this.sweptAt > ttlMs) this.sweepPresence();
    const key = `${signal.orgId}|${signal.ticketId}`;
    let people = this.recentPresence.get(key);
    if (signal.state === "left") {
      people?.delete(signal.userId);
      if (people?.size === 0) this.recentPresence.delete(key);
      return;
    }
    if (!people) {
      people = new Map();
      this.recentPresence.set(key, people);
    }
    people.set(signal.userId, { signal, until: performance.now() + ttlMs });
  }

  /** Signals of people still showing on a ticket (expired ones are dropped on the way). */
  recentPresenceOn(orgId: string, ticketId: string): PresenceSignal[] {
    const key = `${orgId}|${ticketId}`;
    const people = this.recentPresence.get(key);
    if (!people) return [];
    const at = performance.now();
    for (const [userId, p] of people) if (p.until < at) people.delete(userId);
    if (people.size === 0) this.recentPresence.delete(key);
    return [...people.values()].map((p) => p.signal);
  }

  private async flushRechecks(): Promise<void> {
    this.recheckQueued = false;
    const batch = this.waiting;
    this.waiting = new Map();
    try {
      const now = await recheckActors([...batch.values()].map((w) => w.actor));
      for (const [sessionId, w] of batch) for (const r of w.resolve) r(now.get(sessionId) ?? null);
    } catch (err) {
      for (const w of batch.values()) for (const r of w.reject) r(err);
    }
  }

  /** Every LIVE_SESSION_RECHECK_SEC, quiet streams too: a revoked session's stream ends even when nothing happens. */
  private sweepPresence(): void {
    this.sweptAt = performance.now();
    for (const key of [...this.recentPresence.keys()]) {
      const [orgId, ticketId] = key.split("|") as [string, string];
      this.recentPresenceOn(orgId, ticketId);
    }
  }

  async recheckAll(): Promise<void> {
    const streams = [...this.streams];
    if (streams.length === 0) return;
    try {
      const now = await recheckActors(streams.map((s) => s.caller));
      for (const s of streams) s.refresh(now.get(s.sessionId) ?? null);
    } catch (err) {
      logger.warn({ event: "live.recheck_failed", err: safeErrorSummary(err) }, "live events: session re-check failed; will retry");
    }
  }
}

function refused(scope: "user" | "instance", actor: Actor): AppError {
  metrics().rateLimited.inc({ policy: `events.per_${scope}` });
  logger.warn({ event: "rate_limit.hit", policy: `events.per_${scope}`, userId: actor.userId, orgId: actor.orgId }, "event stream refused");
  return tooManyStreams(scope);
}

const globalForRegistry = globalThis as unknown as { helpdeskStreamRegistry?: StreamRegistry };

/** This instance's registry, on this instance's hub. */
export function streamRegistry(): StreamRegistry {
  globalForRegistry.helpdeskStreamRegistry ??= new StreamRegistry(liveHub());
  return globalForRegistry.helpdeskStreamRegistry;
}
