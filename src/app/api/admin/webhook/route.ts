import { ZWebhookSettings } from "@/domain/notifications/notifications.schemas";
import { getWebhook, updateWebhook } from "@/domain/notifications/webhook-endpoint";
import { route } from "@/http/route";

export const GET = route({ name: "admin.webhook.get" }, ({ actor }) => getWebhook(actor));

export const PUT = route({ name: "admin.webhook.update", body: ZWebhookSettings }, ({ actor, body }) => updateWebhook(actor, body));
