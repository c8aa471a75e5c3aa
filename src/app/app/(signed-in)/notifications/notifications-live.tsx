"use client";

import { useLiveRefresh } from "@/components/live/use-live-refresh";

/** The list follows new notifications and reads made elsewhere (issue 11). */
export function NotificationsLive() {
  useLiveRefresh(["notification.created", "notification.read"], () => true);
  return null;
}
