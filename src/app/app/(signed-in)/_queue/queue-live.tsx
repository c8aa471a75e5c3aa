"use client";

import { useLiveRefresh } from "@/components/live/use-live-refresh";

/**
 * The queue follows changes live (issue 11): a ticket created or changed anywhere the caller may see
 * (the stream only carries those) re-renders the queue from the server with its filters and page, at
 * most every five seconds. The URL, the selection and the filter form stay as they are.
 */
export function QueueLive() {
  useLiveRefresh(["ticket.created", "ticket.updated"], () => true, { delayMs: 300, minIntervalMs: 5000 });
  return null;
}
