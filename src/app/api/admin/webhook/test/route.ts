import { sendTestWebhook } from "@/domain/notifications/send-test-webhook";
import { json } from "@/http/respond";
import { route } from "@/http/route";

export const POST = route({ name: "admin.webhook.test" }, async ({ actor }) => json(await sendTestWebhook(actor), { status: 202 }));
