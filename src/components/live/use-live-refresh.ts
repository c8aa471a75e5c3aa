"use client";

// Re-renders the page from the server (router.refresh) when a live event concerns it (issue 11): the
// page's own server code reads the data again, as the caller, exactly as on a reload. Several events in
// a row cost one refresh, and refreshes are at least `minIntervalMs` apart (a busy organization's queue
// must not re-render without pause, and every rendering spends the user's read budget like a page load);
// a hidden tab waits until it is shown again.
import { useRouter } from "next/navigation";
import { useEffect, useRef } from "react";
import { type LiveKind, useLiveEvent } from "./live-events";
import { noteRefresh, refreshedSince } from "./refresh-clock";

export function useLiveRefresh(
  kinds: readonly LiveKind[],
  // biome-ignore lint/suspicious/noExplicitAny: payloads are the API's DTOs; each page reads the fields it matches on
  concerns: (kind: LiveKind, data: any) => boolean,
  opts: { delayMs?: number; minIntervalMs?: number } = {},
): void {
  const { delayMs = 250, minIntervalMs = 0 } = opts;
  const router = useRouter();
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const owed = useRef(false);
  const last = useRef(0);
  /** When the oldest event not yet shown arrived. */
  const pendingSince = useRef<number | null>(null);
  const refresh = () => {
    const since = pendingSince.current;
    pendingSince.current = null;
    // Someone on the page refreshed after the news came (the writer after its own change): nothing to add.
    if (since !== null && refreshedSince(since)) return;
    last.current = Date.now();
    noteRefresh();
    router.refresh();
  };

  useEffect(() => {
    const onShow = () => {
      if (document.visibilityState === "visible" && owed.current) {
        owed.current = false;
        refresh();
      }
    };
    document.addEventListener("visibilitychange", onShow);
    return () => {
      document.removeEventListener("visibilitychange", onShow);
      clearTimeout(timer.current);
    };
  }, [router]);

  useLiveEvent([...kinds, "reset"], (kind, data) => {
    if (kind !== "reset" && !concerns(kind, data)) return;
    // One refresh for a burst; a steady stream of events still refreshes (the first one's timer is kept).
    if (pendingSince.current !== null) return;
    pendingSince.current = performance.now();
    const wait = Math.max(delayMs, last.current + minIntervalMs - Date.now());
    timer.current = setTimeout(() => {
      if (document.visibilityState === "hidden") owed.current = true;
      else refresh();
    }, wait);
  });
}
