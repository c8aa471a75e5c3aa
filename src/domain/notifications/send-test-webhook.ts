// "Send test" on the webhook page (issue 13, S9): one message through the same outbox the real events use,
// so it is signed, retried and logged exactly like them and the admin sees it in the delivery log.
import { randomUUID } from "node:crypto";
import { requirePermission, type Actor } from "@/auth/actor";
import { inTenantTransaction } from "@/db/scoped";
import { now } from "@/lib/clock";
import { Conflict } from "@/lib/errors";
import { WEBHOOK_TEST_EVENT } from "./notifications.schemas";

export async function sendTestWebhook(actor: Actor): Promise<{ messageId: string; event: string }> {
  requirePermission(actor, "webhooks.manage");
  return inTenantTransaction(actor, async (s) => {
    const endpoint = await s.webhook.get();
    if (!endpoint?.active) throw Conflict("Set up an active webhook before sending a test");
    const body = JSON.stringify({
      id: randomUUID(),
      event: WEBHOOK_TEST_EVENT,
      occurredAt: now().toISOString(),
      organizationId: actor.orgId,
      data: { test: true },
    });
    const [messageId] = await s.outbox.enqueue([{ channel: "webhook", eventType: WEBHOOK_TEST_EVENT, payload: { event: WEBHOOK_TEST_EVENT, body } }]);
    await s.audit.record({ action: "webhook.test_sent", targetType: "organization", targetId: actor.orgId, data: { messageId, url: endpoint.url } });
    return { messageId: messageId!, event: WEBHOOK_TEST_EVENT };
  });
}
