"use client";

import { useRouter } from "next/navigation";
import { useEffect, useRef } from "react";
import { EXPORTS_MESSAGES } from "@/components/messages/exports";
import { useMessages } from "@/components/messages/use-messages";

/** How long between looks: quick at first (small exports finish in seconds), then every 10 s. */
const delayFor = (round: number) => Math.min(10_000, 1_500 * 2 ** round);
/** After about ten minutes the page stops looking; a reload starts again. */
const MAX_ROUNDS = 64;

/**
 * While an export is queued or running, the page refreshes its list by itself (issue 13): the server renders
 * the new state, nothing is fetched here. The sentence is a polite live region for screen readers.
 */
export function ExportProgress({ waiting }: { waiting: number }) {
  const router = useRouter();
  const t = useMessages(EXPORTS_MESSAGES);
  const round = useRef(0);
  useEffect(() => {
    if (waiting === 0 || round.current >= MAX_ROUNDS) return;
    const timer = setTimeout(() => {
      round.current += 1;
      router.refresh();
    }, delayFor(round.current));
    return () => clearTimeout(timer);
  });
  return (
    <p className="muted" role="status" aria-live="polite">
      {waiting === 0 ? "" : t("exports.waiting", { count: waiting })}
    </p>
  );
}
