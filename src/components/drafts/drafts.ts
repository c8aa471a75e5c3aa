"use client";

// Composer drafts that survive a reload (issue 11): one per user, ticket and mode, written on every change
// and removed on send. How long they live and when they are forgotten is draft-store.ts's job (F7).
import { useCallback, useEffect, useState } from "react";
import { useDraftOwner } from "./draft-owner";
import { readDraft, writeDraft, type ComposerMode } from "./draft-store";

export type { ComposerMode } from "./draft-store";
type Bodies = Record<ComposerMode, string>;

export function useDrafts(ticketId: string) {
  const owner = useDraftOwner();
  const [bodies, setBodies] = useState<Bodies>({ reply: "", note: "" });
  const [restored, setRestored] = useState<Bodies | null>(null);

  // After mount, not during render: the server has no localStorage, and the first render must match it.
  useEffect(() => {
    const stored = owner ? { reply: readDraft(owner, ticketId, "reply"), note: readDraft(owner, ticketId, "note") } : { reply: "", note: "" };
    setBodies(stored);
    setRestored(stored);
  }, [owner, ticketId]);

  const setBody = useCallback(
    (mode: ComposerMode, text: string) => {
      setBodies((b) => ({ ...b, [mode]: text }));
      if (owner) writeDraft(owner, ticketId, mode, text);
    },
    [owner, ticketId],
  );

  return { bodies, setBody, restored };
}
