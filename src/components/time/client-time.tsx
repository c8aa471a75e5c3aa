"use client";

// Times a client component words itself, after an interaction (an invite's expiry once the form is sent,
// the stale-page warning): in the same zone and locale as the server-rendered page around them (issue 13).
// Never rendered on the server first, so the browser's ICU cannot cause a hydration mismatch.
import { createContext, type ReactNode, useContext, useEffect } from "react";
import { pageLanguage } from "@/components/messages/define";
import { DEFAULT_TIME_PREFS, type TimePrefs, timeWords } from "./format-time";
import { TimeText } from "./time-text";

const TimePrefsContext = createContext<TimePrefs>(DEFAULT_TIME_PREFS);

/** Set once by the signed-in layout from pageTimePrefs(). */
export function TimePrefsProvider({ prefs, children }: { prefs: TimePrefs; children: ReactNode }) {
  // <html lang> as the person chose (the root layout only knows the browser's): screen readers, and the
  // fetch helpers' error words (components/api/document-locale.ts), follow it.
  useEffect(() => {
    document.documentElement.lang = pageLanguage(prefs.locale);
  }, [prefs.locale]);
  return <TimePrefsContext.Provider value={prefs}>{children}</TimePrefsContext.Provider>;
}

export function useTimePrefs(): TimePrefs {
  return useContext(TimePrefsContext);
}

export function ClientTime({ value, mode = "relative" }: { value: string | Date; mode?: "relative" | "absolute" | "both" }) {
  const prefs = useTimePrefs();
  return <TimeText words={timeWords(value, new Date(), prefs)} mode={mode} />;
}
