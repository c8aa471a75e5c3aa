"use client";

// Re-renders the page from the server (router.refresh) when a live event concerns it (issue 11): the
// page's own server code reads the data again, as the caller, exactly as on a reload. Several events in
// a row cost one refresh, and refreshes are at least `minIntervalMs` apart (a busy organization's queue
// must not re-render without pause); a hidden tab waits until it is shown again.
import { useRouter } from "next/navigation";
import { useEffect, useRef } from "react";
import { type LiveKind, useLiveEvent } from "./live-events";

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
  const refresh = () => {
    last.current = Date.now();
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
    clearTimeout(timer.current);
    const wait = Math.max(delayMs, last.current + minIntervalMs - Date.now());
    timer.current = setTimeout(() => {
      if (document.visibilityState === "hidden") owed.current = true;
      else refresh();
    }, wait);
  });
}
