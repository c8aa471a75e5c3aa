// Rate limits (S8; issue 9 item 8), shared by API routes and pages so both spend one budget:
// - a global cap per second protects the database, in two buckets: anonymous traffic has its own, so a
//   flood without a session cannot crowd out signed-in users (and a forged cookie is anonymous: its
//   signature fails before any query);
// - then a per-user limit when signed in, or a per-address limit (IPv6 by /64) without a session.
import type { Actor } from "@/auth/actor";
import { clientIp } from "@/auth/client-ip";
import { recordSecurityEvent } from "@/domain/audit/record-security-event";
import { consume, rateLimitHeaders, rateLimited, refund } from "@/lib/rate-limit/limiter";
import { addressBucket } from "./client-address";

export type RateLimitClass = "read" | "write" | "presence" | "none";

export async function enforceGlobalLimit(limitClass: RateLimitClass, route: string, actor: Actor | null): Promise<void> {
  if (limitClass === "none") return;
  const policy = actor ? "api.global" : "api.global_anonymous";
  const global = await consume(policy, "all");
  if (!global.allowed) throw rateLimited(policy, global, { route });
}

/** The per-address key of a caller without a session; one shared key when the address is unknown. */
export function anonymousKey(headers: Headers): string {
  const ip = clientIp(headers);
  return ip ? addressBucket(ip) : "unknown";
}

const CALLER_POLICY = { read: "api.read", write: "api.write", presence: "api.presence" } as const;

/** Returns the RateLimit-* headers for the response. */
export async function enforceCallerLimit(headers: Headers, actor: Actor | null, limitClass: RateLimitClass, route: string): Promise<Record<string, string>> {
  if (limitClass === "none") return {};
  const policy = actor ? CALLER_POLICY[limitClass] : "api.anonymous";
  const key = actor ? actor.userId : anonymousKey(headers);
  const decision = await consume(policy, key);
  if (!decision.allowed) {
    // Audited once per window (the first refusal), so a flood cannot turn into a flood of writes.
    if (actor && decision.consumed === decision.limit + 1) await auditLimitHit(actor, policy, route, decision.resetSec);
    throw rateLimited(policy, decision, { route, userId: actor?.userId ?? null, orgId: actor?.orgId ?? null, ip: clientIp(headers) });
  }
  return rateLimitHeaders(decision);
}

/**
 * A request that changes many things at once (bulk actions, issue 11) spends one write point per thing,
 * as if each were its own request: the pipeline took the request's point, this takes `points` more, all
 * or nothing. Refused, the points are given back (a smaller batch may still fit), nothing is changed and
 * the answer is the usual 429; each such refusal is audited (each one also cost the request's point, so
 * the audit writes stay within the write budget).
 */
export async function chargeExtraWrites(actor: Actor, points: number, route: string): Promise<Record<string, string>> {
  if (points <= 0) return {};
  const decision = await consume("api.write", actor.userId, points);
  if (!decision.allowed) {
    await refund("api.write", actor.userId, points);
    await auditLimitHit(actor, "api.write", route, decision.resetSec);
    throw rateLimited("api.write", decision, { route, userId: actor.userId, orgId: actor.orgId, points });
  }
  return rateLimitHeaders(decision);
}

function auditLimitHit(actor: Actor, policy: string, route: string, retryAfterSec: number) {
  return recordSecurityEvent({
    organizationId: actor.orgId,
    actorId: actor.userId,
    action: "rate_limit.hit",
    targetType: "route",
    targetId: route,
    data: { policy, retryAfterSec },
    ip: actor.ip,
    userAgent: actor.userAgent,
  });
}

/** Pages spend the same read budget as the API: a page is refused where its API twin would be. */
export async function enforcePageLimits(headers: Headers, actor: Actor | null, page: string): Promise<void> {
  await enforceGlobalLimit("read", page, actor);
  await enforceCallerLimit(headers, actor, "read", page);
}
