"use client";

import { useRouter } from "next/navigation";
import { KeyboardShortcuts } from "@/components/shortcuts/keyboard-shortcuts";
import { useComposer, useTicketSession } from "./ticket-session";

/**
 * The ticket from the keyboard (issue 11): r reply, n internal note, a assign to me, j/k next and previous
 * ticket of the queue view it was opened from, "/" back to the queue's search. Each goes through the same
 * piece a click would (the composer's handle, the page's writer), so nothing here is a second path.
 */
export function TicketShortcuts({
  nextHref,
  previousHref,
  searchHref,
  staff,
  canAssign,
}: {
  nextHref: string | null;
  previousHref: string | null;
  searchHref: string;
  staff: boolean;
  canAssign: boolean;
}) {
  const router = useRouter();
  const composer = useComposer();
  const session = useTicketSession();
  const write = (mode: "reply" | "note") => {
    if (!composer) return;
    composer.setMode(mode);
    composer.focus();
  };
  return (
    <KeyboardShortcuts
      handlers={{
        r: () => write("reply"),
        n: staff ? () => write("note") : undefined,
        a: canAssign ? () => void session.patchFields({ assigneeId: session.userId }) : undefined,
        j: nextHref ? () => router.push(nextHref) : undefined,
        k: previousHref ? () => router.push(previousHref) : undefined,
        "/": () => router.push(searchHref),
      }}
    />
  );
}
