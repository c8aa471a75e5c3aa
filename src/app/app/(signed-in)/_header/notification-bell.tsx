import { mustEnrolMfa } from "@/auth/actor";
import { optionalPageActor } from "@/auth/page-actor";
import { unreadNotificationCount } from "@/domain/notifications/list-notifications";
import { LiveBell } from "./live-bell";
import "@/styles/sla.css";

/** The bell with the caller's unread count (S9), kept live by the event stream (issue 11); the list lives at /app/notifications. */
export async function NotificationBell() {
  // Never a redirect from the header: while MFA enrolment is pending the bell is simply not shown.
  const actor = await optionalPageActor();
  if (!actor || mustEnrolMfa(actor)) return null;
  return <LiveBell unread={await unreadNotificationCount(actor)} />;
}
