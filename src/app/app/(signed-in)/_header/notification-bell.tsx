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
      <span aria-hidden="true">🔔</span>
      {unread > 0 && <span className="notification-bell-count" aria-hidden="true">{unread > 99 ? "99+" : unread}</span>}
    </Link>
  );
}
