// Delivers the outbox (S9): e-mails over SMTP and signed webhook calls. Every failure is kept on the
// message (last error, attempts, next attempt with exponential backoff) and webhook attempts are logged
// per organization; after OUTBOX_MAX_ATTEMPTS a message is "dead" — still stored and listed, never lost.
import { systemActor } from "@/auth/system-actor";
import { db } from "@/db/client";
import type { OutboxMessage, TEmailPayload, TWebhookPayload } from "@/db/schema";
import { scoped } from "@/db/scoped";
import { unsafeLeaseOutbox, unsafeLogMailDelivery, unsafeLogWebhookDelivery, unsafeMarkFailed, unsafeMarkSent, unsafeMarkWithheld } from "@/db/unsafe-outbox";
import { decideOutboxEmail } from "@/domain/mail/decide-email";
import { now } from "@/lib/clock";
import { env } from "@/lib/env";
import { logger } from "@/lib/logger";
import { redactLogText } from "@/lib/log-safe";
import { sendMail } from "@/lib/mailer";
import { postWebhook } from "@/lib/webhooks/post-webhook";

const BATCH = 20;
const LEASE_MS = 5 * 60_000;
const MAX_BACKOFF_MS = 6 * 60 * 60_000;

/** 30 s, 1 min, 2 min, … capped at 6 h (OUTBOX_RETRY_BASE_SEC sets the first step). */
export function backoffMs(attempt: number): number {
  return Math.min(env().OUTBOX_RETRY_BASE_SEC * 1000 * 2 ** Math.max(0, attempt - 1), MAX_BACKOFF_MS);
}

export type DeliveryTotals = { sent: number; failed: number; dead: number; withheld: number };

/** `organizationId` delivers one organization's due messages only (the scheduled job delivers all). */
export async function deliverOutbox(opts: { maxBatches?: number; organizationId?: string; organizationIds?: string[] } = {}): Promise<DeliveryTotals> {
  const only = opts.organizationIds ?? (opts.organizationId ? [opts.organizationId] : undefined);
  const totals: DeliveryTotals = { sent: 0, failed: 0, dead: 0, withheld: 0 };
  for (let i = 0; i < (opts.maxBatches ?? 50); i++) {
    const batch = await unsafeLeaseOutbox(db(), now(), BATCH, LEASE_MS, only);
    // Organizations side by side, each one's messages in order (attack pass C6): one after another, an
    // organization's webhook receiver that takes WEBHOOK_TIMEOUT_MS to fail held every other
    // organization's mail (password resets included) and webhooks behind each of its messages.
    const byOrganization = new Map<string, OutboxMessage[]>();
    for (const msg of batch) byOrganization.set(msg.organizationId, [...(byOrganization.get(msg.organizationId) ?? []), msg]);
    await Promise.all(
      [...byOrganization.values()].map(async (messages) => {
        for (const msg of messages) await deliverOne(msg, totals);
      }),
    );
    if (batch.length === 0) break;
  }
  return totals;
}

async function deliverOne(msg: OutboxMessage, totals: DeliveryTotals): Promise<void> {
  const error = await deliver(msg);
  if (typeof error === "object" && error !== null) {
    await unsafeMarkWithheld(db(), msg.id, error.withhold);
    totals.withheld++;
    return;
  }
  if (!error) {
    await unsafeMarkSent(db(), msg.id, now());
    totals.sent++;
    return;
  }
  const giveUp = msg.attempts >= env().OUTBOX_MAX_ATTEMPTS;
  await unsafeMarkFailed(db(), msg.id, error, giveUp ? null : new Date(now().getTime() + backoffMs(msg.attempts)));
  if (giveUp) totals.dead++;
  else totals.failed++;
  logger.warn(
    { event: "outbox.delivery_failed", id: msg.id, channel: msg.channel, attempt: msg.attempts, giveUp, error: redactLogText(error) },
    "outbox delivery failed",
  );
}

/** null on success, the error otherwise, or why the message is withheld. */
async function deliver(msg: OutboxMessage): Promise<string | null | { withhold: string }> {
  if (msg.channel === "email") return deliverEmail(msg);
  // The endpoint is read at delivery time: a rotated secret or a fixed URL applies to pending messages.
  const endpoint = await scoped(systemActor(msg.organizationId, "outbox")).webhook.get();
  if (!endpoint?.active) return "no active webhook endpoint";
  const payload = msg.payload as TWebhookPayload;
  const at = now();
  const result = await postWebhook(endpoint, { id: msg.id, event: payload.event, body: payload.body }, at);
  await unsafeLogWebhookDelivery(db(), msg, { ...result, at });
  return result.ok ? null : (result.error ?? "failed");
}

/**
 * Rights are checked and the mail composed at send time, not when it was queued (issue 9 item 6, issue
 * 12). Every attempt lands in the delivery log with the receiving server's answer, the error, or why the
 * mail was withheld.
 */
async function deliverEmail(msg: OutboxMessage): Promise<string | null | { withhold: string }> {
  const started = performance.now();
  let result: string | null | { withhold: string };
  let detail: string;
  try {
    const decision = await decideOutboxEmail(msg.organizationId, msg.eventType, msg.payload as TEmailPayload);
    if ("withhold" in decision) {
      result = decision;
      detail = decision.withhold;
    } else {
      detail = (await sendMail(decision.send)).response;
      result = null;
    }
  } catch (e) {
    result = e instanceof Error ? e.message : String(e);
    detail = result;
  }
  const outcome = result === null ? "sent" : typeof result === "object" ? "withheld" : "failed";
  await unsafeLogMailDelivery(db(), msg, { outcome, detail: redactLogText(detail), durationMs: Math.round(performance.now() - started), at: now() });
  return result;
}
