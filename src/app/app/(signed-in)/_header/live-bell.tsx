"use client";

import Link from "next/link";
import { useEffect, useState } from "react";
import { getJson } from "@/components/api/send-json";
import { useLiveEvent } from "@/components/live/live-events";
import { HEADER_MESSAGES } from "@/components/messages/header";
import { useMessages } from "@/components/messages/use-messages";

/**
 * The bell's link and count. The server renders the count; live events carry the new count with every
 * notification and every "read" (this tab's, another tab's, another device's), re-read on the server as
 * the caller; after a reset the count is fetched again.
 */
export function LiveBell({ unread }: { unread: number }) {
  const t = useMessages(HEADER_MESSAGES);
  const [count, setCount] = useState(unread);
  // A new server rendering (navigation, refresh) is the truth again.
  useEffect(() => setCount(unread), [unread]);
  useLiveEvent(["notification.created", "notification.read", "reset"], (kind, data) => {
    if (kind !== "reset" && typeof data?.unreadCount === "number") return setCount(data.unreadCount);
    void getJson<{ unreadCount: number }>("/api/notifications?limit=1").then((r) => {
      if (r.ok) setCount(r.data.unreadCount);
    });
  });
  const label = count === 0 ? t("bell.label") : t("bell.labelUnread", { count });
  return (
    <Link href="/app/notifications" prefetch={false} className="notification-bell" aria-label={label} title={label}>
      {/* An SVG, not an emoji: machines without an emoji font showed an empty box. */}
      <svg
        aria-hidden="true"
        width="18"
        height="18"
        viewBox="0 0 24 24"
        fill="none"
        stroke="currentColor"
        strokeWidth="2"
        strokeLinecap="round"
        strokeLinejoin="round"
      >
        <path d="M18 8a6 6 0 0 0-12 0c0 7-3 9-3 9h18s-3-2-3-9" />
        <path d="M13.73 21a2 2 0 0 1-3.46 0" />
      </svg>
      {count > 0 && (
        <span className="notification-bell-count" aria-hidden="true">
          {count > 99 ? "99+" : count}
        </span>
      )}
    </Link>
  );
}
