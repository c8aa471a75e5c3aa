import { listNotifications } from "@/domain/notifications/list-notifications";
import { ZListNotificationsQuery } from "@/domain/notifications/notifications.schemas";
import { route } from "@/http/route";

export const GET = route({ name: "notifications.list", query: ZListNotificationsQuery }, ({ actor, query }) => listNotifications(actor, query));
