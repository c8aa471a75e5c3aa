// Every library path that sets a password goes through the policy (S3, issue 9 item 13), checked against
// the account's context: its name, e-mail and organization. Invite acceptance (our own route) judges the
// password itself (domain/admin/accept-invite.ts). Runs before the credential throttle: a refused new
// password costs the user no guess, and no secret was checked yet — which is why judging has its own
// budget per account (judge-new-password.ts). A request without a session or a valid token is not
// judged at all: the endpoint refuses it anyway, and it must not cost the server an estimate.
import { createHash } from "node:crypto";
import { APIError } from "better-auth/api";
import { unsafePasswordContextOf } from "@/db/unsafe-auth-lookups";
import { rateLimitHeaders } from "@/lib/rate-limit/limiter";
import { judgeNewPassword } from "../judge-new-password";
import type { PasswordContext } from "../password-policy";
import { sessionUser, type HookCtx } from "./auth-user";

type Body = { newPassword?: unknown; password?: unknown; token?: unknown; email?: unknown; name?: unknown };

/** The new password a request sets, whose it is and that account's budget key; null when there is none to judge. */
async function newPasswordOf(ctx: HookCtx): Promise<{ password: unknown; account: string; context: PasswordContext } | null> {
  const body = (ctx.body ?? {}) as Body;
  // setPassword is server-only: no path, only the operation id it was called by.
  if (ctx.path === "/change-password" || (ctx as { operationId?: string }).operationId === "setPassword") {
    const user = (await sessionUser(ctx))?.user;
    return user ? { password: body.newPassword, account: user.id, context: (await unsafePasswordContextOf(user.id)) ?? {} } : null;
  }
  if (ctx.path === "/reset-password") {
    const token = typeof body.token === "string" ? body.token : (ctx.query as { token?: unknown } | undefined)?.token;
    const verification = typeof token === "string" ? await ctx.context.internalAdapter.findVerificationValue(`reset-password:${token}`) : null;
    return verification
      ? { password: body.newPassword, account: verification.value, context: (await unsafePasswordContextOf(verification.value)) ?? {} }
      : null;
  }
  // Self sign-up is off (better-auth.ts); should it ever be turned on, the policy is already here.
  if (ctx.path === "/sign-up/email") {
    const str = (v: unknown) => (typeof v === "string" ? v : null);
    const email = str(body.email)?.trim().toLowerCase() ?? "";
    const account = `sign-up:${createHash("sha256").update(email).digest("hex").slice(0, 32)}`;
    return { password: body.password, account, context: { email: str(body.email), name: str(body.name) } };
  }
  return null;
}

export const passwordPolicyBefore = async (ctx: HookCtx) => {
  const asked = await newPasswordOf(ctx);
  if (!asked || typeof asked.password !== "string") return;
  const judged = await judgeNewPassword(asked.account, asked.password, asked.context);
  if (judged.kind === "refused_budget") {
    throw new APIError(
      "TOO_MANY_REQUESTS",
      { code: "rate_limited", message: "Too many new passwords tried. Try again later." },
      rateLimitHeaders(judged.decision),
    );
  }
  if (judged.kind === "weak") throw new APIError("BAD_REQUEST", { code: "WEAK_PASSWORD", message: judged.problem });
};
