import { rotateWebhookSecret } from "@/domain/notifications/rotate-webhook-secret";
import { route } from "@/http/route";

/** Rotate: the new secret is in this answer and nowhere else. */
export const POST = route({ name: "admin.webhook.rotate_secret" }, ({ actor }) => rotateWebhookSecret(actor));
