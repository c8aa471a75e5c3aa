"use client";

// Composer drafts that survive a reload (issue 11): one per user, ticket and mode in localStorage, written
// on every change and removed on send. The user id is part of the key, so whoever signs in next on the
// same browser never sees (or sends) someone else's words; sign-out also clears them (clearAllDrafts).
import { useCallback, useEffect, useState } from "react";

export type ComposerMode = "reply" | "note";
type Bodies = Record<ComposerMode, string>;

const PREFIX = "helpdesk.draft.v1:";
export const draftKey = (userId: string, ticketId: string, mode: ComposerMode) => `${PREFIX}${userId}:${ticketId}:${mode}`;

function read(key: string): string {
  try {
    return window.localStorage.getItem(key) ?? "";
  } catch {
    return ""; // storage disabled: drafts simply do not persist
  }
}
function write(key: string, value: string) {
  try {
    if (value) window.localStorage.setItem(key, value);
    else window.localStorage.removeItem(key);
  } catch {
    // quota or disabled storage: the draft stays in the page only
  }
}

/** Removes every stored draft of this browser (at sign-out). */
export function clearAllDrafts() {
  try {
    for (let i = window.localStorage.length - 1; i >= 0; i--) {
      const key = window.localStorage.key(i);
      if (key?.startsWith(PREFIX)) window.localStorage.removeItem(key);
    }
  } catch {
    // nothing stored
  }
}

export function useDrafts(userId: string, ticketId: string) {
  const [bodies, setBodies] = useState<Bodies>({ reply: "", note: "" });
  const [restored, setRestored] = useState<Bodies | null>(null);

  // After mount, not during render: the server has no localStorage, and the first render must match it.
  useEffect(() => {
    const stored = { reply: read(draftKey(userId, ticketId, "reply")), note: read(draftKey(userId, ticketId, "note")) };
    setBodies(stored);
    setRestored(stored);
  }, [userId, ticketId]);

  const setBody = useCallback(
    (mode: ComposerMode, text: string) => {
      setBodies((b) => ({ ...b, [mode]: text }));
      write(draftKey(userId, ticketId, mode), text);
    },
    [userId, ticketId],
  );

  return { bodies, setBody, restored };
}
