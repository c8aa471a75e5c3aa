// Password reset over HTTP (issue 12). POST /request-password-reset answers at once, with the library's
// own words, the same for an existing account, an unknown address, a deactivated user or a pending
// invitee, after the same work: validate, take one point from the client address's and the e-mail
// address's budgets, queue the request. The worker does the rest (process-password-reset-requests.ts),
// so nothing the answer or its timing could reveal depends on whether the account exists.
// POST /reset-password: a token of a user deactivated since the link was sent is refused exactly like an
// unknown token. Server-side calls (no Request) are the worker's and pass through to the library.
import { APIError } from "better-auth/api";
import { z } from "zod";
import { unsafeResettableUser } from "@/db/unsafe-auth-lookups";
import { unsafeQueuePasswordResetRequest } from "@/db/unsafe-password-reset";
import { addressBucket } from "@/http/client-address";
import { now } from "@/lib/clock";
import { logger } from "@/lib/logger";
import { metrics } from "@/lib/metrics";
import { consume, rateLimitHeaders } from "@/lib/rate-limit/limiter";
import { clientIp } from "../client-ip";
import type { HookCtx } from "./auth-user";
import { accountKey } from "./guess-budget";

export const REQUEST_RESET = "/request-password-reset";
export const RESET = "/reset-password";
/** Better Auth's answer to a reset request, whoever asked. */
export const RESET_REQUEST_ANSWER = { status: true, message: "If this email exists in our system, check your email for the reset link" };

// The library's own body, without redirectTo: our e-mail links to our reset page, nothing else.
const ZResetRequest = z.object({ email: z.email().max(254) }).strict();

export const passwordResetBefore = async (ctx: HookCtx) => {
  const request = (ctx as { request?: Request }).request;
  if (!request) return;
  if (ctx.path === REQUEST_RESET) return queueResetRequest(ctx, request);
  if (ctx.path === RESET) return refuseInactiveUsersToken(ctx);
};

async function queueResetRequest(ctx: HookCtx, request: Request) {
  const parsed = ZResetRequest.safeParse(ctx.body);
  if (!parsed.success) throw new APIError("BAD_REQUEST", { code: "invalid", message: "Enter a valid e-mail address." });
  const email = parsed.data.email.trim().toLowerCase();
  const ip = clientIp(request.headers);
  // Both budgets are spent on every request, existing address or not (keyed by a hash: no address in Redis).
  const [byIp, byEmail] = await Promise.all([ip ? consume("password_reset.ip", addressBucket(ip)) : null, consume("password_reset.email", accountKey(email))]);
  const refused =
    byIp && !byIp.allowed
      ? { policy: "password_reset.ip" as const, d: byIp }
      : !byEmail.allowed
        ? { policy: "password_reset.email" as const, d: byEmail }
        : null;
  if (refused) {
    metrics().rateLimited.inc({ policy: refused.policy });
    logger.warn({ event: "security.password_reset_throttled", policy: refused.policy, account: accountKey(email), ip }, "password reset throttled");
    throw new APIError("TOO_MANY_REQUESTS", { code: "rate_limited", message: "Too many reset requests. Try again later." }, rateLimitHeaders(refused.d));
  }
  await unsafeQueuePasswordResetRequest({ email, ip, userAgent: request.headers.get("user-agent")?.slice(0, 512) ?? null, requestedAt: now() });
  return ctx.json(RESET_REQUEST_ANSWER);
}

async function refuseInactiveUsersToken(ctx: HookCtx) {
  const body = (ctx.body ?? {}) as { token?: unknown };
  const token = typeof body.token === "string" ? body.token : (ctx.query as { token?: unknown } | undefined)?.token;
  if (typeof token !== "string") return;
  const verification = await ctx.context.internalAdapter.findVerificationValue(`reset-password:${token}`);
  if (!verification) return; // the library answers an unknown token itself
  // The library's own answer to an unknown token, word for word.
  if (!(await unsafeResettableUser(verification.value))) throw new APIError("BAD_REQUEST", { message: "Invalid token", code: "INVALID_TOKEN" });
}
