"use client";

// Tells the server the browser's own time zone (issue 13), the last fallback after the person's and the
// organization's choice: a cookie, written when it is missing or out of date (travel, a new device). Part
// of the app's script bundle, so the strict CSP (no inline script) is untouched. The server checks the
// value like any input (lib/preferences.ts): a forged cookie can only pick another real zone.
import { useRouter } from "next/navigation";
import { useEffect } from "react";
import { BROWSER_TIME_ZONE_COOKIE } from "@/lib/preferences";
import { readClientCookie, writeClientCookie } from "./client-cookie";

export function BrowserTimeZone() {
  const router = useRouter();
  useEffect(() => {
    let zone: string | undefined;
    try {
      zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    } catch {
      return;
    }
    if (!zone) return;
    const value = encodeURIComponent(zone);
    if (readClientCookie(BROWSER_TIME_ZONE_COOKIE) === value) return;
    writeClientCookie(BROWSER_TIME_ZONE_COOKIE, value);
    // Times on this page were worded before the server knew the zone: word them again, once.
    if (document.querySelector("time")) router.refresh();
  }, [router]);
  return null;
}
