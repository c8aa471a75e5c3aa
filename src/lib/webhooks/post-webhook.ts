// One signed webhook call. Any answer but 2xx, a redirect, a timeout or a network error is a failure the
// outbox retries.
//
// Request forgery (S9, issue 9 item 1): the host is resolved once and checked (public-destination.ts), and
// the socket connects to exactly that address — the agent's `lookup` answers with it, so a DNS answer that
// changes between check and connect (rebinding) is never asked for. TLS still verifies the certificate for
// the host name and the Host header carries it. Redirects are not followed (node:http never follows).
// The result is what the organization's delivery log shows, so it must not describe the far side beyond
// what a receiver of ours would: no response body is read, a refused destination and every network error
// are the same two generic texts (ECONNREFUSED vs a timeout would turn the log into a port scanner).
import http, { type IncomingMessage } from "node:http";
import https from "node:https";
import type { LookupFunction } from "node:net";
import { env, privateWebhooksAllowed } from "@/lib/env";
import { logger } from "@/lib/logger";
import { PrivateDestinationError, resolveDestination, type Destination, type LookupAll } from "./public-destination";
import { SIGNATURE_HEADER, signWebhook, TIMESTAMP_HEADER } from "./sign";

export type WebhookResult = { ok: boolean; statusCode: number | null; error: string | null; durationMs: number };

/** The only texts a failed attempt without an HTTP answer records. */
export const DESTINATION_REFUSED = "destination refused";
export const DELIVERY_FAILED = "delivery failed";

export type PostWebhookOptions = {
  /** Defaults to WEBHOOK_ALLOW_PRIVATE (off in production). */
  allowPrivate?: boolean;
  /** DNS for the one resolution (tests inject answers; default: the system resolver). */
  lookup?: LookupAll;
  timeoutMs?: number;
};

/** A `lookup` for the socket that can only answer the address that was checked. */
export function pinnedLookup(dest: Pick<Destination, "address" | "family">): LookupFunction {
  return (_hostname, options, callback) => {
    if (typeof options === "object" && options?.all)
      (callback as unknown as (e: null, a: { address: string; family: number }[]) => void)(null, [{ address: dest.address, family: dest.family }]);
    else callback(null, dest.address, dest.family);
  };
}

function send(dest: Destination, headers: Record<string, string>, body: string, timeoutMs: number): Promise<IncomingMessage> {
  const secure = dest.url.protocol === "https:";
  const lookup = pinnedLookup(dest);
  // A fresh agent per call: no pooled socket to another address can be reused, and `lookup` is pinned.
  const agent = secure ? new https.Agent({ keepAlive: false, lookup, servername: dest.hostname }) : new http.Agent({ keepAlive: false, lookup });
  return new Promise((resolve, reject) => {
    const req = (secure ? https : http).request(
      {
        method: "POST",
        protocol: dest.url.protocol,
        hostname: dest.hostname,
        port: dest.url.port || (secure ? 443 : 80),
        path: dest.url.pathname + dest.url.search,
        agent,
        lookup,
        ...(secure ? { servername: dest.hostname } : {}),
        headers: { ...headers, host: dest.url.host, "content-length": String(Buffer.byteLength(body)) },
        timeout: timeoutMs,
        signal: AbortSignal.timeout(timeoutMs),
      },
      (res) => {
        // Only the status line matters; the body is never read (nor stored).
        res.destroy();
        resolve(res);
      },
    );
    req.on("timeout", () => req.destroy(new Error("timeout")));
    req.on("error", reject);
    req.on("close", () => agent.destroy());
    req.end(body);
  });
}

export async function postWebhook(
  target: { url: string; secret: string },
  msg: { id: string; event: string; body: string },
  at: Date,
  opts: PostWebhookOptions = {},
): Promise<WebhookResult> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  const timestamp = Math.floor(at.getTime() / 1000);
  let dest: Destination;
  try {
    dest = await resolveDestination(target.url, { allowPrivate: opts.allowPrivate ?? privateWebhooksAllowed(), lookup: opts.lookup });
  } catch (e) {
    // The reason goes to the operators' log only; the organization's log gets one text for every refusal.
    logger.warn(
      { event: "webhook.destination_refused", delivery: msg.id, reason: e instanceof PrivateDestinationError ? e.message : "error" },
      "webhook destination refused",
    );
    return { ok: false, statusCode: null, error: DESTINATION_REFUSED, durationMs: elapsed() };
  }
  const headers = {
    "content-type": "application/json",
    "user-agent": "Helpdesk-Webhooks/1",
    "x-helpdesk-event": msg.event,
    "x-helpdesk-delivery": msg.id,
    [TIMESTAMP_HEADER]: String(timestamp),
    [SIGNATURE_HEADER]: signWebhook(target.secret, timestamp, msg.body),
  };
  try {
    const res = await send(dest, headers, msg.body, opts.timeoutMs ?? env().WEBHOOK_TIMEOUT_MS);
    const status = res.statusCode ?? 0;
    const ok = status >= 200 && status < 300;
    return { ok, statusCode: status, error: ok ? null : `HTTP ${status}`, durationMs: elapsed() };
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? (e instanceof Error ? e.message : "error");
    logger.warn({ event: "webhook.delivery_error", delivery: msg.id, code }, "webhook delivery failed");
    return { ok: false, statusCode: null, error: DELIVERY_FAILED, durationMs: elapsed() };
  }
}
