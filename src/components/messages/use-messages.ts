"use client";

// A client component's texts (issue 13): its area's set in the locale the server page was rendered in
// (the TimePrefsProvider of the signed-in layout; pages outside it set one with pageTimePrefs() too), so
// the client never words a text differently from the HTML it hydrates.
import { useMemo } from "react";
import { useTimePrefs } from "@/components/time/client-time";
import { type MessageSet, type Translator, translator } from "./define";

export function useMessages<Id extends string>(set: MessageSet<Id>): Translator<Id> {
  const { locale } = useTimePrefs();
  return useMemo(() => translator(set, locale), [set, locale]);
}
