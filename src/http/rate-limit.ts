// API rate limits in the shared pipeline (S8): a global burst cap checked before the session lookup (it
// protects the database from the lookup itself), then a per-user limit when signed in or a per-IP limit.
import type { Actor } from "@/auth/actor";
import { clientIp } from "@/auth/client-ip";
import { recordSecurityEvent } from "@/domain/audit/record-security-event";
import { consume, rateLimitHeaders, rateLimited } from "@/lib/rate-limit/limiter";

export type RateLimitClass = "read" | "write" | "none";

export async function enforceGlobalLimit(limitClass: RateLimitClass, route: string): Promise<void> {
  if (limitClass === "none") return;
  const global = await consume("api.global", "all");
  if (!global.allowed) throw rateLimited("api.global", global, { route });
}

/** Returns the RateLimit-* headers for the response. */
export async function enforceCallerLimit(req: Request, actor: Actor | null, limitClass: RateLimitClass, route: string): Promise<Record<string, string>> {
  if (limitClass === "none") return {};
  const policy = actor ? (limitClass === "write" ? "api.write" : "api.read") : "api.anonymous";
  const key = actor ? actor.userId : (clientIp(req.headers) ?? "unknown");
  const decision = await consume(policy, key);
  if (!decision.allowed) {
    // Audited once per window (the first refusal), so a flood cannot turn into a flood of writes.
    if (actor && decision.consumed === decision.limit + 1) {
      await recordSecurityEvent({
        organizationId: actor.orgId,
        actorId: actor.userId,
        action: "rate_limit.hit",
        targetType: "route",
        targetId: route,
        data: { policy, retryAfterSec: decision.resetSec },
        ip: actor.ip,
        userAgent: actor.userAgent,
      });
    }
    throw rateLimited(policy, decision, { route, userId: actor?.userId ?? null, orgId: actor?.orgId ?? null, ip: clientIp(req.headers) });
  }
  return rateLimitHeaders(decision);
}
