// S1: at most SIGN_IN_MAX_FAILURES (5) failed credential checks per window (10 min) per IP and per
// account — the sign-in itself, and every endpoint that checks a password or a second factor (so a
// stolen session cannot be used to guess the password, nor a pending sign-in to guess TOTP codes).
// Implemented as Better Auth hooks, not around the HTTP route, because the library's server API
// (auth.api.signInEmail) skips its own limiter; hooks run on every path into the endpoint.
// Each attempt takes a point before the check (atomic, so parallel guesses cannot slip through); a
// success gives the IP point back and clears the account's counter.
// Issue 9 item 9: a sign-in from a browser holding a device cookie for that account counts against the
// cookie's own budget only (device-cookie.ts); throttled attempts are audited once per window, and all
// audit writes happen off the timing path so existing and unknown e-mails answer in the same time.
import { createHash } from "node:crypto";
import { APIError } from "better-auth/api";
import { unsafeAccountsQueryForTiming, unsafeFindAccountByEmail, unsafeFindAccountById } from "@/db/unsafe-auth-lookups";
import { recordSecurityEvent } from "@/domain/audit/record-security-event";
import { logger } from "@/lib/logger";
import { metrics } from "@/lib/metrics";
import { consume, rateLimitHeaders, refund, reset, type LimitDecision } from "@/lib/rate-limit/limiter";
import type { PolicyName } from "@/lib/rate-limit/policies";
import { addressBucket } from "@/http/client-address";
import { clientIp } from "../client-ip";
import { deviceCookieAttributes, deviceCookieName, deviceNonceFor, newDeviceCookie } from "../device-cookie";
import { endpointFailed, pendingOrSessionUserId, type HookCtx } from "./auth-user";
import { auditLater } from "./security-audit-later";

const SIGN_IN = "/sign-in/email";
/**
 * Endpoints that check the signed-in (or half-signed-in) user's password or second factor — every one
 * the library has, whether the HTTP door allows it or not (issue 9 item 2: refused endpoints stay
 * throttled for server-side callers). tests/integration/auth-endpoints.test.ts keeps this list complete.
 */
export const USER_CREDENTIAL_PATHS: ReadonlySet<string> = new Set([
  "/change-password",
  "/verify-password",
  "/delete-user",
  "/two-factor/enable",
  "/two-factor/disable",
  "/two-factor/get-totp-uri",
  "/two-factor/generate-backup-codes",
  "/two-factor/verify-totp",
  "/two-factor/verify-backup-code",
  "/two-factor/verify-otp",
]);
/** Paths that end a sign-in with a new session (and so earn the browser a device cookie). */
const SIGN_IN_COMPLETIONS = new Set([SIGN_IN, "/two-factor/verify-totp", "/two-factor/verify-backup-code"]);

/** Counters are keyed by a hash: e-mail addresses never land in Redis keys or logs. */
export function accountKey(email: unknown): string {
  const normalized = typeof email === "string" ? email.trim().toLowerCase() : "";
  return createHash("sha256").update(normalized).digest("hex").slice(0, 32);
}

// What the before hook decided, for the after hook: once a two-factor sign-in succeeds, its pending
// state is consumed and the user can no longer be looked up from the request.
const atStart = new WeakMap<Headers, { account: string; device: string | null }>();

/** The counter key of whoever the check is about; null when the path is not a credential check. */
async function accountOf(ctx: HookCtx): Promise<string | null> {
  if (ctx.path === SIGN_IN) return accountKey((ctx.body as { email?: unknown } | undefined)?.email);
  if (!USER_CREDENTIAL_PATHS.has(ctx.path)) return null;
  const userId = await pendingOrSessionUserId(ctx);
  return userId ? `user:${userId}` : null;
}

/** The nonce of a genuine device cookie bound to this account (sign-in only), else null. */
async function deviceOf(ctx: HookCtx, account: string): Promise<string | null> {
  if (ctx.path !== SIGN_IN) return null;
  return deviceNonceFor(ctx.getCookie(deviceCookieName()), account);
}

/**
 * Without a client address there is no per-IP limit: one shared "unknown" bucket would let anyone lock
 * every user out with five bad guesses. The per-account limit always applies.
 */
function ipOf(headers: Headers | undefined): string | null {
  return (headers && clientIp(headers)) || null;
}

/**
 * Failed and throttled sign-ins of an existing account go into that organization's audit chain (S12).
 * The lookup and the write run in the background: same response time whether the account exists or not.
 */
type KnownAccount = { userId: string; organizationId: string } | null;

async function findAccount(ctx: HookCtx, accountKeyValue: string): Promise<KnownAccount> {
  const email = (ctx.body as { email?: unknown } | undefined)?.email;
  if (accountKeyValue.startsWith("user:")) return unsafeFindAccountById(accountKeyValue.slice("user:".length));
  return typeof email === "string" ? unsafeFindAccountByEmail(email) : null;
}

function auditSignIn(action: string, ctx: HookCtx, accountKeyValue: string, ip: string | null, data: Record<string, unknown>, known?: KnownAccount) {
  const userAgent = ctx.headers?.get("user-agent")?.slice(0, 512) ?? null;
  const path = ctx.path;
  const lookup = known === undefined ? findAccount(ctx, accountKeyValue) : Promise.resolve(known);
  auditLater(async () => {
    const account = await lookup;
    if (!account) return;
    await recordSecurityEvent({
      organizationId: account.organizationId,
      actorId: null,
      action,
      targetType: "user",
      targetId: account.userId,
      data: { path, ...data },
      ip,
      userAgent,
    });
  });
}

async function decide(account: string, device: string | null, ip: string | null): Promise<{ policy: PolicyName; d: LimitDecision } | null> {
  if (device) {
    const byDevice = await consume("sign_in.device", device);
    return byDevice.allowed ? null : { policy: "sign_in.device", d: byDevice };
  }
  // Counted per address bucket: an IPv6 client rotating through its /64 stays one client (issue 9 item 4).
  const [byIp, byAccount] = await Promise.all([ip ? consume("sign_in.ip", addressBucket(ip)) : null, consume("sign_in.account", account)]);
  if (byIp && !byIp.allowed) return { policy: "sign_in.ip", d: byIp };
  return byAccount.allowed ? null : { policy: "sign_in.account", d: byAccount };
}

export const signInThrottleBefore = async (ctx: HookCtx) => {
  const account = await accountOf(ctx);
  if (!account) return;
  const device = await deviceOf(ctx, account);
  if (ctx.headers) atStart.set(ctx.headers, { account, device });
  const ip = ipOf(ctx.headers);
  const refused = await decide(account, device, ip);
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
  // One audit event per window (the first refusal), not one per request: a flood cannot fill the chain.
  if (refused.d.consumed === refused.d.limit + 1) {
    auditSignIn("auth.sign_in_throttled", ctx, account, ip, { policy: refused.policy, attempts: refused.d.consumed });
  }
  throw new APIError("TOO_MANY_REQUESTS", { code: "rate_limited", message: "Too many failed sign-in attempts. Try again later." }, rateLimitHeaders(refused.d));
};

/** A session was just created for a signed-in user by a sign-in path: give the browser a device cookie. */
function issueDeviceCookie(ctx: HookCtx) {
  if (!SIGN_IN_COMPLETIONS.has(ctx.path)) return;
  const created = (ctx.context as { newSession?: { user?: { email?: string; twoFactorEnabled?: boolean | null } } | null }).newSession;
  const user = created?.user;
  if (!user?.email) return;
  // Password right but a second factor still due: the two-factor plugin will drop this session.
  if (ctx.path === SIGN_IN && user.twoFactorEnabled === true) return;
  ctx.setCookie(deviceCookieName(), newDeviceCookie(accountKey(user.email)), deviceCookieAttributes());
}

export const signInThrottleAfter = async (ctx: HookCtx) => {
  const noted = ctx.headers ? atStart.get(ctx.headers) : undefined;
  const account = noted?.account ?? (await accountOf(ctx));
  if (!account) return;
  const device = noted?.device ?? null;
  const ip = ipOf(ctx.headers);
  if (endpointFailed(ctx)) {
    metrics().signIns.inc({ outcome: "failure" });
    logger.warn(
      { event: "security.sign_in_failed", path: ctx.path, account, ip, device: device !== null, userAgent: ctx.headers?.get("user-agent") ?? null },
      "sign-in failed",
    );
    // Same database work whether the e-mail exists or not (issue 9 item 9): one lookup on both paths,
    // and for an unknown e-mail the accounts query the library ran only for an existing one.
    const known = ctx.path === SIGN_IN ? await findAccount(ctx, account) : undefined;
    if (ctx.path === SIGN_IN && !known) await unsafeAccountsQueryForTiming();
    auditSignIn("auth.sign_in_failed", ctx, account, ip, device ? { device: true } : {}, known);
    return;
  }
  metrics().signIns.inc({ outcome: "success" });
  if (device) await reset("sign_in.device", device);
  else await Promise.all([ip ? refund("sign_in.ip", addressBucket(ip)) : null, reset("sign_in.account", account)]);
  issueDeviceCookie(ctx);
};
