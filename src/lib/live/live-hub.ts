// The instance's fan-out (issue 11): one LISTEN connection (pg-listener.ts) and the open streams of this
// instance, by organization. A notification carries ids only; the hub hands it to the streams of that
// organization and no other, batched per tick, and each stream decides what its caller may see by
// re-reading (src/domain/events/). Presence signals travel the same way on their own channel and are
// never stored. Transport only: no rights are decided here.
import { sql } from "drizzle-orm";
import { db } from "@/db/client";
import { LIVE_EVENT_KINDS, type TLiveEventKind } from "@/db/schema/live-events";
import { logger } from "@/lib/logger";
import { safeErrorSummary } from "@/lib/log-safe";
import { PgListener } from "./pg-listener";

export const LIVE_CHANNEL = "helpdesk_live";
export const PRESENCE_CHANNEL = "helpdesk_presence";

/** One committed change, as the database announced it: which organization, what kind, which rows. */
export interface LiveEvent {
  seq: number;
  orgId: string;
  kind: TLiveEventKind;
  ticketId: string | null;
  rowId: string;
  /** notification.*: the recipient. */
  userId: string | null;
}

export const PRESENCE_STATES = ["viewing", "replying", "left"] as const;
export type TPresenceState = (typeof PRESENCE_STATES)[number];

/** "Sam is viewing ticket X": who, where, and whether Sam is staff (decides who may be told). */
export interface PresenceSignal {
  orgId: string;
  ticketId: string;
  userId: string;
  state: TPresenceState;
  staff: boolean;
}

export interface HubSubscriber {
  readonly orgId: string;
  events(batch: LiveEvent[]): void;
  presence(signal: PresenceSignal): void;
  /** Notifications may have been missed (the LISTEN connection was lost): what the stream shows may be stale. */
  reset(): void;
}

const KINDS = new Set<string>(LIVE_EVENT_KINDS);
const ID = /^[\w-]{1,100}$/;

export function parseLiveEvent(payload: string): LiveEvent | null {
  const [seq, orgId, kind, ticketId, rowId, userId, ...rest] = payload.split(" ");
  if (rest.length > 0 || !seq || !/^\d{1,18}$/.test(seq) || !orgId || !ID.test(orgId) || !kind || !KINDS.has(kind)) return null;
  if (!ticketId || !ID.test(ticketId) || !rowId || !ID.test(rowId) || !userId || !ID.test(userId)) return null;
  return {
    seq: Number(seq),
    orgId,
    kind: kind as TLiveEventKind,
    ticketId: ticketId === "-" ? null : ticketId,
    rowId,
    userId: userId === "-" ? null : userId,
  };
}

export function presencePayload(s: PresenceSignal): string {
  return [s.orgId, s.ticketId, s.userId, s.state, s.staff ? "1" : "0"].join(" ");
}

export function parsePresence(payload: string): PresenceSignal | null {
  const [orgId, ticketId, userId, state, staff, ...rest] = payload.split(" ");
  if (rest.length > 0 || !orgId || !ID.test(orgId) || !ticketId || !ID.test(ticketId) || !userId || !ID.test(userId)) return null;
  if (!(PRESENCE_STATES as readonly string[]).includes(state ?? "") || (staff !== "0" && staff !== "1")) return null;
  return { orgId, ticketId, userId, state: state as TPresenceState, staff: staff === "1" };
}

export class LiveHub {
  private readonly byOrg = new Map<string, Set<HubSubscriber>>();
  private pending = new Map<string, LiveEvent[]>();
  private flushQueued = false;
  private readonly listener: PgListener;
  private readonly presenceObservers: Array<(signal: PresenceSignal) => void> = [];

  constructor(connectionString?: string) {
    this.listener = new PgListener(
      [LIVE_CHANNEL, PRESENCE_CHANNEL],
      {
        notification: (channel, payload) => (channel === PRESENCE_CHANNEL ? this.onPresence(payload) : this.onEvent(payload)),
        reconnected: () => this.each(this.allSubscribers(), (s) => s.reset()),
      },
      connectionString,
    );
  }

  /** Adds a stream; resolves once this instance listens, so nothing committed after it is missed. */
  async subscribe(sub: HubSubscriber): Promise<() => void> {
    await this.listener.start();
    let set = this.byOrg.get(sub.orgId);
    if (!set) {
      set = new Set();
      this.byOrg.set(sub.orgId, set);
    }
    set.add(sub);
    return () => {
      const current = this.byOrg.get(sub.orgId);
      current?.delete(sub);
      if (current?.size === 0) this.byOrg.delete(sub.orgId);
    };
  }

  /** Sees every presence signal this instance hears, whichever organization (the registry keeps them briefly). */
  observePresence(observer: (signal: PresenceSignal) => void): void {
    this.presenceObservers.push(observer);
  }

  /** Tells every instance (this one included) at once; nothing is stored. */
  async publishPresence(signal: PresenceSignal): Promise<void> {
    await db().execute(sql`select pg_notify(${PRESENCE_CHANNEL}, ${presencePayload(signal)})`);
  }

  get subscriberCount(): number {
    let n = 0;
    for (const set of this.byOrg.values()) n += set.size;
    return n;
  }

  async stop(): Promise<void> {
    this.byOrg.clear();
    await this.listener.stop();
  }

  private onEvent(payload: string): void {
    const event = parseLiveEvent(payload);
    if (!event) return void logger.warn({ event: "live.bad_payload" }, "live events: a notification that is not an event");
    // Organizations without a stream here cost nothing more than the parse.
    if (!this.byOrg.has(event.orgId)) return;
    const list = this.pending.get(event.orgId);
    if (list) list.push(event);
    else this.pending.set(event.orgId, [event]);
    // Everything that arrived in this read from the socket goes out as one batch per organization.
    if (!this.flushQueued) {
      this.flushQueued = true;
      setImmediate(() => this.flush());
    }
  }

  private flush(): void {
    this.flushQueued = false;
    const pending = this.pending;
    this.pending = new Map();
    for (const [orgId, batch] of pending) {
      batch.sort((a, b) => a.seq - b.seq);
      this.each(this.byOrg.get(orgId), (s) => s.events(batch));
    }
  }

  private onPresence(payload: string): void {
    const signal = parsePresence(payload);
    if (!signal) return;
    for (const observe of this.presenceObservers) observe(signal);
    this.each(this.byOrg.get(signal.orgId), (s) => s.presence(signal));
  }

  private *allSubscribers(): Iterable<HubSubscriber> {
    for (const set of this.byOrg.values()) yield* set;
  }

  private each(subs: Iterable<HubSubscriber> | undefined, fn: (s: HubSubscriber) => void): void {
    for (const s of subs ? [...subs] : []) {
      try {
        fn(s);
      } catch (err) {
        logger.error({ event: "live.subscriber_failed", err: safeErrorSummary(err) }, "live events: a stream failed to take an event");
      }
    }
  }
}

const globalForHub = globalThis as unknown as { helpdeskLiveHub?: LiveHub };

/** This instance's hub, created on first use (one LISTEN connection per process). */
export function liveHub(): LiveHub {
  globalForHub.helpdeskLiveHub ??= new LiveHub();
  return globalForHub.helpdeskLiveHub;
}

/** Shutdown (issue 14): closes this instance's LISTEN connection, if it ever opened one. */
export async function stopLiveHub(): Promise<void> {
  const hub = globalForHub.helpdeskLiveHub;
  globalForHub.helpdeskLiveHub = undefined;
  await hub?.stop();
}
