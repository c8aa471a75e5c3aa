// The signed-in header's own client texts (issue 13): the notification bell and signing out. A set of its
// own because every signed-in page ships it (first-load JavaScript, issue 15).
import { defineMessages } from "./define";

export const HEADER_MESSAGES = defineMessages({
  "bell.label": "Notifications",
  "bell.labelUnread": "Notifications, {count} unread",
  "signOut.button": "Sign out",
  "signOut.failed": "Sign-out failed, try again",
});
