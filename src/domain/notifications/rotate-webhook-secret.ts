// Rotate the webhook's signing secret (issue 13, S9): the server chooses it and shows it to this admin once;
// messages still waiting are signed with the new one, since delivery reads the endpoint when it sends.
import { requirePermission, type Actor } from "@/auth/actor";
import { inTenantTransaction } from "@/db/scoped";
import { NotFound } from "@/lib/errors";
import { generateWebhookSecret } from "./webhook-endpoint";

export async function rotateWebhookSecret(actor: Actor): Promise<{ secret: string }> {
  requirePermission(actor, "webhooks.manage");
  return inTenantTransaction(actor, async (s) => {
    const current = await s.webhook.get();
    if (!current) throw NotFound("Webhook");
    const secret = generateWebhookSecret();
    await s.webhook.save({ url: current.url, secret, active: current.active, events: current.events });
    // The secret itself is never audited (it would then be readable by every later admin).
    await s.audit.record({ action: "webhook.secret_rotated", targetType: "organization", targetId: actor.orgId, data: { url: current.url } });
    return { secret };
  });
}
