// One open event stream (issue 11): a subscriber of this instance's hub for its caller's organization.
// Every batch of events first asks who the caller is NOW (stream-registry.ts re-checks the session:
// signed out → the stream ends; a new role → what it may see changes from this batch on), then re-reads
// each event as that caller (render-event.ts, shared per audience) and sends only what came back. A
// reconnect's Last-Event-ID replays what the caller missed, re-read the same way.
import type { Actor } from "@/auth/actor";
import { scoped } from "@/db/scoped";
import type { LiveEventRow } from "@/db/schema/live-events";
import { now } from "@/lib/clock";
import { env } from "@/lib/env";
import type { HubSubscriber, LiveEvent, PresenceSignal } from "@/lib/live/live-hub";
import { logger } from "@/lib/logger";
import { safeErrorSummary } from "@/lib/log-safe";
import { PRESENCE_TTL_SEC, renderPresence } from "@/domain/presence/presence-rules";
import { audienceKey } from "./audience";
import { decodeEventId, encodeEventId } from "./event-id";
import type { EventMessage, EventSink, EventSource } from "./event-sink";
import { wireKind } from "@/lib/live/kinds";
import { renderEvent, type EventData } from "./render-event";
import type { StreamRegistry } from "./stream-registry";

export type EndReason = "signed_out" | "unavailable";

const toLiveEvent = (r: LiveEventRow): LiveEvent => ({
  seq: r.seq,
  orgId: r.organizationId,
  kind: r.kind,
  ticketId: r.ticketId,
  rowId: r.rowId,
  userId: r.userId,
});

export class LiveStream implements HubSubscriber, EventSource {
  readonly orgId: string;
  readonly userId: string;
  readonly sessionId: string;
  private actor: Actor;
  private sink: EventSink | null = null;
  private queue: LiveEvent[] = [];
  private started = false;
  private draining = false;
  private closed = false;
  private unsubscribe: (() => void) | null = null;
  /** Tickets whose page this user has open (their own presence signals): the only presence they are told. */
  private readonly watching = new Map<string, number>();
  /**
   * The last presence sent per ticket and person. The same state again is sent at most every half TTL:
   * what a reader is told is one state with an expiry, not each signal — else a requester, told staff
   * "viewing" for "replying" too, learnt from an off-schedule "viewing" that staff began or stopped
   * writing (attack pass, B1 of the live events round).
   */
  private presenceSent = new Map<string, { state: string; at: number }>();

  constructor(
    actor: Actor,
    private readonly registry: StreamRegistry,
    private readonly lastEventId: string | null,
  ) {
    this.actor = actor;
    this.orgId = actor.orgId;
    this.userId = actor.userId;
    this.sessionId = actor.sessionId;
  }

  get caller(): Actor {
    return this.actor;
  }

  async start(sink: EventSink): Promise<void> {
    this.sink = sink;
    try {
      // Listening before the replay is read: whatever commits meanwhile is either replayed or queued.
      this.unsubscribe = await this.registry.hub.subscribe(this);
      if (this.closed) return this.unsubscribe();
      const replayed = await this.replay();
      const seen = new Set(replayed.map((e) => e.seq));
      this.queue = [...replayed, ...this.queue.filter((e) => !seen.has(e.seq))];
    } catch (err) {
      logger.error({ event: "live.stream_start_failed", err: safeErrorSummary(err) }, "live events: a stream could not start");
      return this.end("unavailable");
    }
    this.started = true;
    this.send({ event: "ready", data: {} });
    void this.drain();
  }

  /** The client went away (or the response ended): forget the stream. Idempotent. */
  stop(): void {
    if (this.closed) return;
    this.closed = true;
    this.unsubscribe?.();
    this.registry.release(this);
  }

  /** The server ends the stream and says why (a client told "signed_out" does not reconnect). */
  end(reason: EndReason): void {
    if (this.closed) return;
    this.send({ event: "end", data: { reason } });
    const sink = this.sink;
    this.stop();
    sink?.close();
  }

  /** The registry's periodic re-check: who the caller is now (null: no longer signed in). */
  refresh(actor: Actor | null): void {
    if (actor) this.actor = actor;
    else this.end("signed_out");
  }

  events(batch: LiveEvent[]): void {
    if (this.closed) return;
    this.queue.push(...batch);
    if (this.started) void this.drain();
  }

  reset(): void {
    if (this.started) this.send({ event: "reset", data: { reason: "missed" } });
  }

  presence(signal: PresenceSignal): void {
    if (this.closed || signal.orgId !== this.orgId) return;
    if (signal.userId === this.userId) {
      if (signal.state === "left") return void this.watching.delete(signal.ticketId);
      const until = this.watching.get(signal.ticketId);
      const fresh = until === undefined || until < performance.now();
      this.watching.set(signal.ticketId, performance.now() + PRESENCE_TTL_SEC * 1000);
      // Just arrived on the page: who is already there, each as this caller may be told.
      if (fresh && this.started) {
        for (const other of this.registry.recentPresenceOn(this.orgId, signal.ticketId)) {
          if (other.userId !== this.userId) void this.deliverPresence(other);
        }
      }
      return;
    }
    const until = this.watching.get(signal.ticketId);
    if (!this.started || until === undefined || until < performance.now()) return;
    void this.deliverPresence(signal);
  }

  private async deliverPresence(signal: PresenceSignal): Promise<void> {
    try {
      const actor = await this.registry.recheck(this);
      if (!actor) return this.end("signed_out");
      this.actor = actor;
      const data = await this.registry.presenceCache(signal, audienceKey(actor, "presence"), () => renderPresence(actor, signal));
      if (!data) return;
      const key = `${data.ticketId}|${data.userId}`;
      const last = this.presenceSent.get(key);
      const at = performance.now();
      if (last && last.state === data.state && at - last.at < (PRESENCE_TTL_SEC * 1000) / 2) return;
      this.presenceSent.set(key, { state: data.state, at });
      if (data.state === "left") this.presenceSent.delete(key);
      this.send({ event: "presence", data });
    } catch (err) {
      logger.warn({ event: "live.presence_failed", err: safeErrorSummary(err) }, "live events: presence not delivered");
    }
  }

  private async replay(): Promise<LiveEvent[]> {
    if (this.lastEventId === null) return [];
    const seq = decodeEventId(this.actor, this.lastEventId);
    // One answer for every way a resume can fail (foreign, altered, garbage, too old, too much missed):
    // "refetch". It tells a prober nothing about which.
    const cannotResume = () => {
      this.send({ event: "reset", data: { reason: "resume_unavailable" } });
      return [];
    };
    if (seq === null) return cannotResume();
    const { LIVE_REPLAY_MAX: max, LIVE_REPLAY_HOURS: hours } = env();
    const since = new Date(now().getTime() - hours * 3_600_000);
    const { anchored, rows } = await scoped(this.actor).liveEvents.after(seq, { since, limit: max + 1 });
    if (!anchored || rows.length > max) return cannotResume();
    return rows.map(toLiveEvent);
  }

  private async drain(): Promise<void> {
    if (this.draining || this.closed) return;
    this.draining = true;
    try {
      while (this.queue.length > 0 && !this.closed) {
        const batch = this.queue.splice(0, this.queue.length);
        const actor = await this.registry.recheck(this);
        if (!actor) return this.end("signed_out");
        this.actor = actor;
        for (const e of batch) {
          if (this.closed) return;
          const data = await this.render(actor, e);
          if (data) this.send({ id: encodeEventId(actor, e.seq), event: wireKind(e.kind), data });
        }
      }
    } catch (err) {
      logger.error({ event: "live.stream_failed", err: safeErrorSummary(err) }, "live events: a stream failed; the client will reconnect");
      this.end("unavailable");
    } finally {
      this.draining = false;
    }
  }

  private render(actor: Actor, e: LiveEvent): Promise<EventData | null> {
    // Someone else's notification: not even a read.
    if (e.kind.startsWith("notification.") && e.userId !== actor.userId) return Promise.resolve(null);
    return this.registry.renderCache.get(`${e.seq}|${audienceKey(actor, e.kind)}`, () => renderEvent(actor, e));
  }

  private send(message: EventMessage): void {
    if (!this.closed) this.sink?.send(message);
  }
}
