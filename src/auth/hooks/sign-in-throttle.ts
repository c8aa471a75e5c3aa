// S1: at most SIGN_IN_MAX_FAILURES (5) failed credential checks per window (10 min) per IP and per
// account — the sign-in itself, and every endpoint that checks a password or a second factor (so a
// stolen session cannot be used to guess the password, nor a pending sign-in to guess TOTP codes).
// All those doors spend one budget per account; a browser with a device cookie for the account spends
// its own (guess-budget.ts, issue 9 items 2 and 9). A completed sign-in earns the browser a device cookie
// (device-cookie.ts), and so does a password change or MFA turned off from the user's own session: those
// end every cookie issued before, the browser that proved the password gets a fresh one.
// Implemented as Better Auth hooks, not around the HTTP route, because the library's server API
// (auth.api.signInEmail) skips its own limiter; hooks run on every path into the endpoint.
// Throttled attempts are audited once per budget and window, and all audit writes happen off the timing
// path so existing and unknown e-mails answer in the same time.
import { APIError } from "better-auth/api";
import { unsafeAccountsQueryForTiming, unsafeFindAccountByEmail, unsafeFindAccountById } from "@/db/unsafe-auth-lookups";
import { recordSecurityEvent } from "@/domain/audit/record-security-event";
import { logger } from "@/lib/logger";
import { metrics } from "@/lib/metrics";
import { firstInWindow, rateLimitHeaders } from "@/lib/rate-limit/limiter";
import { clientIp } from "../client-ip";
import { deviceCookieAttributes, deviceCookieName, issueDeviceCookie } from "../device-cookie";
import { endpointFailed, type HookCtx } from "./auth-user";
import { deviceLockedBy, type Guess, guessOf, guessSucceeded, SIGN_IN, takeGuess } from "./guess-budget";
import { auditLater } from "./security-audit-later";

/** Paths that end a sign-in with a new session (and so earn the browser a device cookie). */
const SIGN_IN_COMPLETIONS = new Set([SIGN_IN, "/two-factor/verify-totp", "/two-factor/verify-backup-code"]);
/** Paths that bump the user's credential version after checking the password (every device cookie ends). */
const CREDENTIAL_CHANGES = new Set(["/change-password", "/two-factor/disable"]);

// What the before hook decided, for the after hook: once a two-factor sign-in succeeds, its pending
// state is consumed and the user can no longer be looked up from the request.
const atStart = new WeakMap<Headers, Guess>();

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

async function findAccount(ctx: HookCtx, g: Guess): Promise<KnownAccount> {
  if (g.userId) return unsafeFindAccountById(g.userId);
  const email = (ctx.body as { email?: unknown } | undefined)?.email;
  return typeof email === "string" ? unsafeFindAccountByEmail(email) : null;
}

function auditSignIn(action: string, ctx: HookCtx, g: Guess, data: Record<string, unknown>, known?: KnownAccount) {
  const userAgent = ctx.headers?.get("user-agent")?.slice(0, 512) ?? null;
  const path = ctx.path;
  const lookup = known === undefined ? findAccount(ctx, g) : Promise.resolve(known);
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
      ip: g.ip,
      userAgent,
    });
  });
}

export const signInThrottleBefore = async (ctx: HookCtx) => {
  const g = await guessOf(ctx, ipOf(ctx.headers));
  if (!g) return;
  if (ctx.headers) atStart.set(ctx.headers, g);
  const refused = await takeGuess(g);
  if (!refused) return;
  metrics().rateLimited.inc({ policy: refused.policy });
  metrics().signIns.inc({ outcome: "throttled" });
  logger.warn(
    {
      event: "security.sign_in_throttled",
      path: ctx.path,
      policy: refused.policy,
      account: g.account,
      ip: g.ip,
      userAgent: ctx.headers?.get("user-agent") ?? null,
      attempts: refused.d.consumed,
      retryAfterSec: refused.d.resetSec,
    },
    "sign-in throttled",
  );
  // One audit event per budget and window (the first refusal), not one per request: a flood cannot fill
  // the chain. Not by the budget's count: other doors may have pushed the account's past its limit.
  if (await firstInWindow("sign_in.refusal_audited", `${refused.policy}:${refused.key}`, refused.d.resetSec)) {
    auditSignIn("auth.sign_in_throttled", ctx, g, { policy: refused.policy, attempts: refused.d.consumed });
  }
  throw new APIError("TOO_MANY_REQUESTS", { code: "rate_limited", message: "Too many failed sign-in attempts. Try again later." }, rateLimitHeaders(refused.d));
};

/** The user a sign-in path just created a session for (after every factor), else null. */
function signedInUser(ctx: HookCtx): string | null {
  if (!SIGN_IN_COMPLETIONS.has(ctx.path)) return null;
  const created = (ctx.context as { newSession?: { user?: { id?: string; twoFactorEnabled?: boolean | null } } | null }).newSession;
  const user = created?.user;
  if (!user?.id) return null;
  // Password right but a second factor still due: the two-factor plugin will drop this session.
  if (ctx.path === SIGN_IN && user.twoFactorEnabled === true) return null;
  return user.id;
}

export const signInThrottleAfter = async (ctx: HookCtx) => {
  const g = (ctx.headers && atStart.get(ctx.headers)) || (await guessOf(ctx, ipOf(ctx.headers)));
  if (!g) return;
  if (endpointFailed(ctx)) {
    metrics().signIns.inc({ outcome: "failure" });
    logger.warn(
      {
        event: "security.sign_in_failed",
        path: ctx.path,
        account: g.account,
        ip: g.ip,
        device: g.device !== null,
        userAgent: ctx.headers?.get("user-agent") ?? null,
      },
      "sign-in failed",
    );
    // Same database work whether the e-mail exists or not (issue 9 item 9): one lookup on both paths,
    // and for an unknown e-mail the accounts query the library ran only for an existing one.
    const known = ctx.path === SIGN_IN ? await findAccount(ctx, g) : undefined;
    if (ctx.path === SIGN_IN && !known) await unsafeAccountsQueryForTiming();
    auditSignIn("auth.sign_in_failed", ctx, g, g.device ? { device: true } : {}, known);
    if (deviceLockedBy(g)) {
      // OWASP: the cookie is locked, not the account. Once, at its last guess; the browser drops it.
      logger.warn({ event: "security.device_cookie_locked", path: ctx.path, account: g.account, ip: g.ip }, "device cookie locked");
      auditSignIn("auth.device_cookie_locked", ctx, g, { failures: g.device!.failures }, known);
      ctx.setCookie(deviceCookieName(), "", { ...deviceCookieAttributes(), maxAge: 0 });
    }
    return;
  }
  metrics().signIns.inc({ outcome: "success" });
  const signedIn = signedInUser(ctx);
  await guessSucceeded(g, signedIn !== null);
  const earner = signedIn ?? (CREDENTIAL_CHANGES.has(ctx.path) ? g.userId : null);
  if (!earner) return;
  const cookie = await issueDeviceCookie(earner, ctx.getCookie(deviceCookieName()));
  if (cookie) ctx.setCookie(deviceCookieName(), cookie, deviceCookieAttributes());
};
