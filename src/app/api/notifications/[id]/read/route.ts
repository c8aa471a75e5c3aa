import { markNotificationRead } from "@/domain/notifications/mark-notification-read";
import { route } from "@/http/route";

export const POST = route({ name: "notifications.read" }, ({ actor, params }) => markNotificationRead(actor, params.id!));
