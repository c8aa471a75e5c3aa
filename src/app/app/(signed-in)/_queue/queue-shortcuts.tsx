"use client";

import { useRouter } from "next/navigation";
import { useEffect, useRef } from "react";
import { KeyboardShortcuts } from "@/components/shortcuts/keyboard-shortcuts";

const rowLinks = () => Array.from(document.querySelectorAll<HTMLAnchorElement>("[data-queue-row] a[data-ticket-link]"));

/**
 * The queue from the keyboard (issue 11): j/k move the selection down and up the rows (the selected row's
 * link takes the focus, so it is visible and announced), Enter opens it, "/" jumps to the search field.
 * The rows are the server-rendered table; nothing here changes what the queue shows.
 */
export function QueueShortcuts() {
  const router = useRouter();
  const selected = useRef(-1);

  useEffect(() => {
    // "/" on a ticket page comes here with #search: the search field is where the user wanted to be.
    if (window.location.hash === "#search") document.getElementById("filter-q")?.focus();
  }, []);

  const move = (by: number) => {
    const links = rowLinks();
    if (links.length === 0) return;
    const focused = links.indexOf(document.activeElement as HTMLAnchorElement);
    const from = focused >= 0 ? focused : selected.current;
    const next = from < 0 ? (by > 0 ? 0 : links.length - 1) : Math.min(Math.max(from + by, 0), links.length - 1);
    selected.current = next;
    for (const [i, a] of links.entries()) a.closest("[data-queue-row]")?.classList.toggle("is-selected", i === next);
    links[next]?.focus();
    links[next]?.closest("tr")?.scrollIntoView({ block: "nearest" });
  };

  return (
    <KeyboardShortcuts
      handlers={{
        j: () => move(1),
        k: () => move(-1),
        Enter: () => {
          const link = rowLinks()[selected.current];
          if (link) router.push(link.getAttribute("href") ?? link.href);
        },
        "/": () => document.getElementById("filter-q")?.focus(),
      }}
    />
  );
}
