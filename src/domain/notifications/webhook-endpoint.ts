// The organization's outgoing webhook (S9, S17): admins set URL and secret and read the delivery log.
// The secret is write-only: it signs deliveries and is never returned or audited.
import { requirePermission, type Actor } from "@/auth/actor";
import { inTenantTransaction, scoped } from "@/db/scoped";
import { isProduction, privateWebhooksAllowed } from "@/lib/env";
import { assertPublicDestination, InvalidWebhookUrl, parseWebhookUrl } from "@/lib/webhooks/public-destination";
import { InvalidField } from "@/lib/errors";
import type { TWebhookSettings } from "./notifications.schemas";

const LOG_SIZE = 50;

export async function getWebhook(actor: Actor) {
  requirePermission(actor, "webhooks.manage");
  const s = scoped(actor);
  const [endpoint, deliveries, undelivered] = await Promise.all([s.webhook.get(), s.webhook.deliveries(LOG_SIZE), s.webhook.undelivered(LOG_SIZE)]);
  return {
    url: endpoint?.url ?? null,
    active: endpoint?.active ?? false,
    secretSet: !!endpoint,
    // Messages not delivered yet (with their last error and next attempt) or given up on.
    undelivered: undelivered.map((m) => ({ ...m, nextAttemptAt: m.nextAttemptAt.toISOString() })),
    deliveries: deliveries.map((d) => ({
      id: d.id,
      messageId: d.outboxId,
      eventType: d.eventType,
      attempt: d.attempt,
      statusCode: d.statusCode,
      error: d.error,
      durationMs: d.durationMs,
      attemptedAt: d.attemptedAt.toISOString(),
    })),
  };
}

export async function updateWebhook(actor: Actor, input: TWebhookSettings) {
  requirePermission(actor, "webhooks.manage");
  // Production calls go over TLS only; plain http is for local receivers in development and tests.
  if (isProduction() && !input.url.startsWith("https://")) throw InvalidField("url", "The webhook URL must use https");
  try {
    parseWebhookUrl(input.url);
  } catch (e) {
    throw InvalidField(
      "url",
      e instanceof InvalidWebhookUrl && e.reason === "credentials in the URL"
        ? "The webhook URL must not contain a user name or password"
        : "The webhook URL must be an http(s) URL",
    );
  }
  // Checked again at every delivery, which connects to the address checked then (issue 9 item 1).
  // One message whatever the reason (private, unresolvable), so saving is no probe of internal DNS.
  if (!privateWebhooksAllowed()) {
    await assertPublicDestination(input.url).catch(() => {
      throw InvalidField("url", "The webhook URL must point to a public address");
    });
  }
  await inTenantTransaction(actor, async (s) => {
    const current = await s.webhook.get();
    const secret = input.secret ?? current?.secret;
    if (!secret) throw InvalidField("secret", "A secret is required");
    await s.webhook.save({ url: input.url, secret, active: input.active });
    await s.audit.record({
      action: "webhook.updated",
      targetType: "organization",
      targetId: actor.orgId,
      data: { url: input.url, active: input.active, secretChanged: input.secret !== undefined, previousUrl: current?.url ?? null },
    });
  });
  return getWebhook(actor);
}
