import { markAllNotificationsRead } from "@/domain/notifications/mark-all-notifications-read";
import { ZMarkAllRead } from "@/domain/notifications/notifications.schemas";
import { route } from "@/http/route";

export const POST = route({ name: "notifications.read_all", body: ZMarkAllRead }, ({ actor, body }) => markAllNotificationsRead(actor, body));
