import Link from "next/link";
import { mustEnrolMfa } from "@/auth/actor";
import { optionalPageActor } from "@/auth/page-actor";
import { unreadNotificationCount } from "@/domain/notifications/list-notifications";
import "@/styles/sla.css";

/** The bell with the caller's unread count (S9); the list lives at /app/notifications. */
export async function NotificationBell() {
  // Never a redirect from the header: while MFA enrolment is pending the bell is simply not shown.
  const actor = await optionalPageActor();
  if (!actor || mustEnrolMfa(actor)) return null;
  const unread = await unreadNotificationCount(actor);
  const label = unread === 0 ? "Notifications" : `Notifications, ${unread} unread`;
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
      {unread > 0 && (
        <span className="notification-bell-count" aria-hidden="true">
          {unread > 99 ? "99+" : unread}
        </span>
      )}
    </Link>
  );
}
