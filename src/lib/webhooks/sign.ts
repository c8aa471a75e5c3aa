// Webhook signatures: HMAC-SHA256 over "<timestamp>.<body>" with the organization's secret. The timestamp
// travels in its own header and is covered by the signature, so a receiver can refuse old (replayed) calls.
import { createHmac, timingSafeEqual } from "node:crypto";

export const SIGNATURE_HEADER = "x-helpdesk-signature";
export const TIMESTAMP_HEADER = "x-helpdesk-timestamp";

export function signWebhook(secret: string, timestamp: number, body: string): string {
  return `sha256=${createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex")}`;
}

/** What a receiver does: same HMAC, constant-time comparison, and a freshness window. */
export function verifyWebhook(
  secret: string,
  headers: { signature: string | null; timestamp: string | null },
  body: string,
  nowSec: number,
  toleranceSec = 300,
): boolean {
  const ts = Number(headers.timestamp);
  if (!headers.signature || !Number.isInteger(ts) || Math.abs(nowSec - ts) > toleranceSec) return false;
  const expected = Buffer.from(signWebhook(secret, ts, body));
  const given = Buffer.from(headers.signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
