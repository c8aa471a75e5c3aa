// The organization's outgoing webhook (S9, S17): admins set URL and secret and read the delivery log.
// The secret is write-only: it signs deliveries and is never returned or audited, except once, to the admin
// who made the server generate it (creation without a secret, or a rotation: rotate-webhook-secret.ts).
import { randomBytes } from "node:crypto";
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
    // null: every event.
    events: endpoint?.events ?? null,
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

/** 32 random bytes: what the server chooses when the admin does not (issue 13). */
export function generateWebhookSecret(): string {
  return randomBytes(32).toString("base64url");
}

/** A new secret is returned in `secret` exactly when the server generated it; otherwise there is no such field. */
export async function updateWebhook(actor: Actor, input: TWebhookSettings): Promise<Awaited<ReturnType<typeof getWebhook>> & { secret?: string }> {
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
  const generated = await inTenantTransaction(actor, async (s) => {
    const current = await s.webhook.get();
    const generated = !input.secret && !current ? generateWebhookSecret() : undefined;
    const secret = input.secret ?? current?.secret ?? generated!;
    const events = input.events === undefined ? (current?.events ?? null) : input.events && [...new Set(input.events)].sort();
    await s.webhook.save({ url: input.url, secret, active: input.active, events });
    await s.audit.record({
      action: "webhook.updated",
      targetType: "organization",
      targetId: actor.orgId,
      data: {
        url: input.url,
        active: input.active,
        events,
        secretChanged: input.secret !== undefined || generated !== undefined,
        secretGenerated: generated !== undefined,
        previousUrl: current?.url ?? null,
        previousEvents: current?.events ?? null,
      },
    });
    return generated;
  });
  const webhook = await getWebhook(actor);
  return generated ? { ...webhook, secret: generated } : webhook;
}
