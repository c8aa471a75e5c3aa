// The notifications page's texts (issue 13). The notifications' own titles are written when they are
// created (domain/notifications), not here.
import { defineMessages } from "./define";

export const NOTIFICATIONS_MESSAGES = defineMessages({
  "notifications.title": "Notifications",
  "notifications.nothingUnread": "Nothing unread.",
  "notifications.unread": "{count} unread.",
  "notifications.none": "No notifications yet.",
  "notifications.older": "Older notifications",
  "notifications.markRead": "Mark read",
  "notifications.markAllRead": "Mark all read",
});
