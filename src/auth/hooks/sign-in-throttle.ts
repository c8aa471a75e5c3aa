// S1: at most SIGN_IN_MAX_FAILURES (5) failed sign-ins per window (10 min) per IP and per account.
// Implemented as Better Auth hooks, not around the HTTP route, because the library's server API
// (auth.api.signInEmail) skips its own limiter; hooks run on every path into the endpoint.
// Each attempt takes a point before the password is checked (atomic, so parallel guesses cannot slip
// through); a successful sign-in gives the IP point back and clears the account's counter.
import { createHash } from "node:crypto";
import { APIError } from "better-auth/api";
import { unsafeFindAccountByEmail } from "@/db/unsafe-auth-lookups";
import { recordSecurityEvent } from "@/domain/audit/record-security-event";
import { logger } from "@/lib/logger";
import { metrics } from "@/lib/metrics";
import { consume, rateLimitHeaders, refund, reset } from "@/lib/rate-limit/limiter";
import { clientIp } from "../client-ip";
import { endpointFailed, type HookCtx } from "./auth-user";

const THROTTLED_PATHS = new Set(["/sign-in/email"]);

/** Counters are keyed by a hash: e-mail addresses never land in Redis keys or logs. */
export function accountKey(email: unknown): string {
  const normalized = typeof email === "string" ? email.trim().toLowerCase() : "";
  return createHash("sha256").update(normalized).digest("hex").slice(0, 32);
}

function ipOf(headers: Headers | undefined): string {
  return (headers && clientIp(headers)) || "unknown";
}

/** Failed and throttled sign-ins of an existing account go into that organization's audit chain (S12). */
async function auditSignIn(action: string, ctx: HookCtx, ip: string, data: Record<string, unknown>) {
  const email = (ctx.body as { email?: unknown } | undefined)?.email;
  if (typeof email !== "string") return;
  const account = await unsafeFindAccountByEmail(email);
  if (!account) return;
  await recordSecurityEvent({
    organizationId: account.organizationId,
    actorId: null,
    action,
    targetType: "user",
    targetId: account.userId,
    data,
    ip,
    userAgent: ctx.headers?.get("user-agent")?.slice(0, 512) ?? null,
  });
}

export const signInThrottleBefore = async (ctx: HookCtx) => {
  if (!THROTTLED_PATHS.has(ctx.path)) return;
  const ip = ipOf(ctx.headers);
  const account = accountKey((ctx.body as { email?: unknown } | undefined)?.email);
  const [byIp, byAccount] = await Promise.all([consume("sign_in.ip", ip), consume("sign_in.account", account)]);
  const refused = !byIp.allowed ? { policy: "sign_in.ip", d: byIp } : !byAccount.allowed ? { policy: "sign_in.account", d: byAccount } : null;
  if (!refused) return;
  metrics().rateLimited.inc({ policy: refused.policy });
  metrics().signIns.inc({ outcome: "throttled" });
  logger.warn(
    {
      event: "security.sign_in_throttled",
      policy: refused.policy,
      account,
      ip,
      userAgent: ctx.headers?.get("user-agent") ?? null,
      attempts: refused.d.consumed,
      retryAfterSec: refused.d.resetSec,
    },
    "sign-in throttled",
  );
  await auditSignIn("auth.sign_in_throttled", ctx, ip, { policy: refused.policy, attempts: refused.d.consumed });
  throw new APIError("TOO_MANY_REQUESTS", { code: "rate_limited", message: "Too many failed sign-in attempts. Try again later." }, rateLimitHeaders(refused.d));
};

export const signInThrottleAfter = async (ctx: HookCtx) => {
  if (!THROTTLED_PATHS.has(ctx.path)) return;
  const ip = ipOf(ctx.headers);
  const account = accountKey((ctx.body as { email?: unknown } | undefined)?.email);
  if (endpointFailed(ctx)) {
    metrics().signIns.inc({ outcome: "failure" });
    logger.warn({ event: "security.sign_in_failed", account, ip, userAgent: ctx.headers?.get("user-agent") ?? null }, "sign-in failed");
    await auditSignIn("auth.sign_in_failed", ctx, ip, {});
    return;
  }
  metrics().signIns.inc({ outcome: "success" });
  await Promise.all([refund("sign_in.ip", ip), reset("sign_in.account", account)]);
};
