"use client";

// One live connection per tab (issue 11): an EventSource on GET /api/events, shared by everything on the
// page that updates live (the bell, the queue, the ticket page) through useLiveEvent(). The browser
// resumes by itself after a dropped connection (it sends Last-Event-ID); when it gives up (an HTTP error:
// 429, 503…) we open a new one after a growing pause, passing the last id we saw. When the server
// cannot resume (`reset`), or we reconnected without an id, listeners refetch. A stream ended because
// the session is gone (`end: signed_out`) is not reopened: the page's next request goes to sign-in.
import { createContext, useContext, useEffect, useRef, type ReactNode } from "react";
import { LIVE_WIRE_KINDS } from "@/lib/live/kinds";

export const LIVE_KINDS = LIVE_WIRE_KINDS;
/** `ready`: the stream (re)opened; `reset`: what the page shows may be stale, refetch. */
export type LiveKind = (typeof LIVE_KINDS)[number] | "reset" | "ready";

// biome-ignore lint/suspicious/noExplicitAny: payloads are the API's DTOs; each listener reads the fields of its kind
export type LiveHandler = (kind: LiveKind, data: any) => void;

type Subscribe = (kinds: readonly LiveKind[], handler: LiveHandler) => () => void;
const LiveContext = createContext<Subscribe | null>(null);

const MIN_PAUSE_MS = 1000;
const MAX_PAUSE_MS = 60_000;

export function LiveEventsProvider({ enabled, children }: { enabled: boolean; children: ReactNode }) {
  const listeners = useRef(new Map<LiveKind, Set<LiveHandler>>());

  const subscribe = useRef<Subscribe>((kinds, handler) => {
    for (const k of kinds) {
      let set = listeners.current.get(k);
      if (!set) {
        set = new Set();
        listeners.current.set(k, set);
      }
      set.add(handler);
    }
    return () => {
      for (const k of kinds) listeners.current.get(k)?.delete(handler);
    };
  }).current;

  useEffect(() => {
    if (!enabled || typeof EventSource === "undefined") return;
    let source: EventSource | null = null;
    let lastId: string | null = null;
    let pause = MIN_PAUSE_MS;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;
    let everReady = false;

    const emit = (kind: LiveKind, data: unknown) => {
      for (const handler of [...(listeners.current.get(kind) ?? [])]) {
        try {
          handler(kind, data);
        } catch {
          // one listener's failure must not stop the others
        }
      }
    };

    const open = () => {
      const url = lastId ? `/api/events?lastEventId=${encodeURIComponent(lastId)}` : "/api/events";
      const es = new EventSource(url);
      source = es;
      for (const kind of LIVE_KINDS) {
        es.addEventListener(kind, (e) => {
          const m = e as MessageEvent<string>;
          if (m.lastEventId) lastId = m.lastEventId;
          try {
            emit(kind, JSON.parse(m.data));
          } catch {
            // not JSON: ignore
          }
        });
      }
      es.addEventListener("ready", () => {
        // Opened anew without anything to resume from, after having been live: we may have missed changes.
        if (everReady && !lastId) emit("reset", { reason: "reconnected" });
        everReady = true;
        pause = MIN_PAUSE_MS;
        emit("ready", {});
      });
      es.addEventListener("reset", () => emit("reset", { reason: "resume_unavailable" }));
      es.addEventListener("end", (e) => {
        const reason = (() => {
          try {
            return (JSON.parse((e as MessageEvent<string>).data) as { reason?: string }).reason;
          } catch {
            return undefined;
          }
        })();
        if (reason === "signed_out") {
          stopped = true;
          es.close();
        }
      });
      es.onerror = () => {
        // CONNECTING: the browser retries by itself (with Last-Event-ID). CLOSED: it gave up; we try later.
        if (es.readyState !== EventSource.CLOSED || stopped) return;
        es.close();
        clearTimeout(timer);
        timer = setTimeout(open, pause + Math.random() * pause * 0.3);
        pause = Math.min(MAX_PAUSE_MS, pause * 2);
      };
    };

    open();
    return () => {
      stopped = true;
      clearTimeout(timer);
      source?.close();
    };
  }, [enabled]);

  return <LiveContext.Provider value={subscribe}>{children}</LiveContext.Provider>;
}

/** Calls `handler` for each live event of `kinds` while the component is mounted (no-op outside the provider). */
export function useLiveEvent(kinds: readonly LiveKind[], handler: LiveHandler): void {
  const subscribe = useContext(LiveContext);
  const latest = useRef(handler);
  latest.current = handler;
  const key = kinds.join(",");
  useEffect(() => {
    if (!subscribe) return;
    return subscribe(key.split(",") as LiveKind[], (kind, data) => latest.current(kind, data));
  }, [subscribe, key]);
}
