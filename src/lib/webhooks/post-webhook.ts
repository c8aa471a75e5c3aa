// One signed webhook call. Any answer but 2xx, a redirect, a timeout or a network error is a failure the
// outbox retries.
import { env, privateWebhooksAllowed } from "@/lib/env";
import { assertPublicDestination } from "./public-destination";
import { SIGNATURE_HEADER, signWebhook, TIMESTAMP_HEADER } from "./sign";

export type WebhookResult = { ok: boolean; statusCode: number | null; error: string | null; durationMs: number };

export async function postWebhook(target: { url: string; secret: string }, msg: { id: string; event: string; body: string }, at: Date): Promise<WebhookResult> {
  const started = performance.now();
  const timestamp = Math.floor(at.getTime() / 1000);
  try {
    if (!privateWebhooksAllowed()) await assertPublicDestination(target.url);
    const res = await fetch(target.url, {
      method: "POST",
      redirect: "manual",
      signal: AbortSignal.timeout(env().WEBHOOK_TIMEOUT_MS),
      headers: {
        "content-type": "application/json",
        "user-agent": "Helpdesk-Webhooks/1",
        "x-helpdesk-event": msg.event,
        "x-helpdesk-delivery": msg.id,
        [TIMESTAMP_HEADER]: String(timestamp),
        [SIGNATURE_HEADER]: signWebhook(target.secret, timestamp, msg.body),
      },
      body: msg.body,
    });
    await res.body?.cancel().catch(() => undefined);
    const ok = res.status >= 200 && res.status < 300;
    return { ok, statusCode: res.status, error: ok ? null : `HTTP ${res.status}`, durationMs: Math.round(performance.now() - started) };
  } catch (e) {
    return { ok: false, statusCode: null, error: (e instanceof Error ? e.message : String(e)).slice(0, 500), durationMs: Math.round(performance.now() - started) };
  }
}
