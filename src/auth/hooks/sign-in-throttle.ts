// S1: at most SIGN_IN_MAX_FAILURES (5) failed credential checks per window (10 min) per IP and per
// account — the sign-in itself, and every endpoint that checks a password or a second factor (so a
// stolen session cannot be used to guess the password, nor a pending sign-in to guess TOTP codes).
// Implemented as Better Auth hooks, not around the HTTP route, because the library's server API
// (auth.api.signInEmail) skips its own limiter; hooks run on every path into the endpoint.
// Each attempt takes a point before the check (atomic, so parallel guesses cannot slip through); a
// success gives the IP point back and clears the account's counter.
import { createHash } from "node:crypto";
import { APIError } from "better-auth/api";
import { unsafeFindAccountByEmail, unsafeFindAccountById } from "@/db/unsafe-auth-lookups";
import { recordSecurityEvent } from "@/domain/audit/record-security-event";
import { logger } from "@/lib/logger";
import { metrics } from "@/lib/metrics";
import { consume, rateLimitHeaders, refund, reset } from "@/lib/rate-limit/limiter";
import { clientIp } from "../client-ip";
import { endpointFailed, pendingOrSessionUserId, type HookCtx } from "./auth-user";

const SIGN_IN = "/sign-in/email";
/** Endpoints that check the signed-in (or half-signed-in) user's password or second factor. */
const USER_CREDENTIAL_PATHS = new Set([
  "/change-password",
  "/two-factor/enable",
  "/two-factor/disable",
  "/two-factor/generate-backup-codes",
  "/two-factor/verify-totp",
  "/two-factor/verify-backup-code",
]);

/** Counters are keyed by a hash: e-mail addresses never land in Redis keys or logs. */
export function accountKey(email: unknown): string {
  const normalized = typeof email === "string" ? email.trim().toLowerCase() : "";
  return createHash("sha256").update(normalized).digest("hex").slice(0, 32);
}

// The before hook's account key, for the after hook: once a two-factor sign-in succeeds, its pending
// state is consumed and the user can no longer be looked up from the request.
const accountAtStart = new WeakMap<Headers, string>();

/** The counter key of whoever the check is about; null when the path is not a credential check. */
async function accountOf(ctx: HookCtx): Promise<string | null> {
  const noted = ctx.headers && accountAtStart.get(ctx.headers);
  if (noted) return noted;
  if (ctx.path === SIGN_IN) return accountKey((ctx.body as { email?: unknown } | undefined)?.email);
  if (!USER_CREDENTIAL_PATHS.has(ctx.path)) return null;
  const userId = await pendingOrSessionUserId(ctx);
  return userId ? `user:${userId}` : null;
}

/**
 * Without a client address (no proxy header) there is no per-IP limit: one shared "unknown" bucket
 * would let anyone lock every user out with five bad guesses. Deploy behind a proxy that sets
 * X-Forwarded-For; the per-account limit always applies.
 */
function ipOf(headers: Headers | undefined): string | null {
  return (headers && clientIp(headers)) || null;
}

/** Failed and throttled sign-ins of an existing account go into that organization's audit chain (S12). */
async function auditSignIn(action: string, ctx: HookCtx, accountKeyValue: string, ip: string | null, data: Record<string, unknown>) {
  const email = (ctx.body as { email?: unknown } | undefined)?.email;
  const account = accountKeyValue.startsWith("user:")
    ? await unsafeFindAccountById(accountKeyValue.slice("user:".length))
    : typeof email === "string"
      ? await unsafeFindAccountByEmail(email)
      : null;
  if (!account) return;
  await recordSecurityEvent({
    organizationId: account.organizationId,
    actorId: null,
    action,
    targetType: "user",
    targetId: account.userId,
    data: { path: ctx.path, ...data },
    ip,
    userAgent: ctx.headers?.get("user-agent")?.slice(0, 512) ?? null,
  });
}

export const signInThrottleBefore = async (ctx: HookCtx) => {
  const account = await accountOf(ctx);
  if (!account) return;
  if (ctx.headers) accountAtStart.set(ctx.headers, account);
  const ip = ipOf(ctx.headers);
  const [byIp, byAccount] = await Promise.all([ip ? consume("sign_in.ip", ip) : null, consume("sign_in.account", account)]);
  const refused = byIp && !byIp.allowed ? { policy: "sign_in.ip", d: byIp } : !byAccount.allowed ? { policy: "sign_in.account", d: byAccount } : null;
  if (!refused) return;
  metrics().rateLimited.inc({ policy: refused.policy });
  metrics().signIns.inc({ outcome: "throttled" });
  logger.warn(
    {
      event: "security.sign_in_throttled",
      path: ctx.path,
      policy: refused.policy,
      account,
      ip,
      userAgent: ctx.headers?.get("user-agent") ?? null,
      attempts: refused.d.consumed,
      retryAfterSec: refused.d.resetSec,
    },
    "sign-in throttled",
  );
  await auditSignIn("auth.sign_in_throttled", ctx, account, ip, { policy: refused.policy, attempts: refused.d.consumed });
  throw new APIError("TOO_MANY_REQUESTS", { code: "rate_limited", message: "Too many failed sign-in attempts. Try again later." }, rateLimitHeaders(refused.d));
};

export const signInThrottleAfter = async (ctx: HookCtx) => {
  const account = await accountOf(ctx);
  if (!account) return;
  const ip = ipOf(ctx.headers);
  if (endpointFailed(ctx)) {
    metrics().signIns.inc({ outcome: "failure" });
    logger.warn({ event: "security.sign_in_failed", path: ctx.path, account, ip, userAgent: ctx.headers?.get("user-agent") ?? null }, "sign-in failed");
    await auditSignIn("auth.sign_in_failed", ctx, account, ip, {});
    return;
  }
  metrics().signIns.inc({ outcome: "success" });
  await Promise.all([ip ? refund("sign_in.ip", ip) : null, reset("sign_in.account", account)]);
};
