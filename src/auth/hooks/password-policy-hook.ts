// Every library path that sets a password goes through the policy (S3, issue 9 item 13), checked against
// the account's context: its name, e-mail and organization. Invite acceptance (our own route) calls the
// policy itself (domain/admin/accept-invite.ts). Runs before the credential throttle: a refused new
// password costs the user no guess, and no secret was checked yet.
import { APIError } from "better-auth/api";
import { unsafePasswordContextOf } from "@/db/unsafe-auth-lookups";
import { type PasswordContext, passwordProblem } from "../password-policy";
import { sessionUser, type HookCtx } from "./auth-user";

type Body = { newPassword?: unknown; password?: unknown; token?: unknown; email?: unknown; name?: unknown };

/** The new password a request sets, and whose it is; null when the request sets none. */
async function newPasswordOf(ctx: HookCtx): Promise<{ password: unknown; context: PasswordContext | null } | null> {
  const body = (ctx.body ?? {}) as Body;
  // setPassword is server-only: no path, only the operation id it was called by.
  if (ctx.path === "/change-password" || (ctx as { operationId?: string }).operationId === "setPassword") {
    const user = (await sessionUser(ctx))?.user;
    return { password: body.newPassword, context: user ? await unsafePasswordContextOf(user.id) : null };
  }
  if (ctx.path === "/reset-password") {
    const token = typeof body.token === "string" ? body.token : (ctx.query as { token?: unknown } | undefined)?.token;
    const verification = typeof token === "string" ? await ctx.context.internalAdapter.findVerificationValue(`reset-password:${token}`) : null;
    return { password: body.newPassword, context: verification ? await unsafePasswordContextOf(verification.value) : null };
  }
  // Self sign-up is off (better-auth.ts); should it ever be turned on, the policy is already here.
  if (ctx.path === "/sign-up/email") {
    const str = (v: unknown) => (typeof v === "string" ? v : null);
    return { password: body.password, context: { email: str(body.email), name: str(body.name) } };
  }
  return null;
}

export const passwordPolicyBefore = async (ctx: HookCtx) => {
  const asked = await newPasswordOf(ctx);
  if (!asked || typeof asked.password !== "string") return;
  // No session or no valid token: the endpoint itself refuses; the generic policy still applies.
  const problem = passwordProblem(asked.password, asked.context ?? {});
  if (problem) throw new APIError("BAD_REQUEST", { code: "WEAK_PASSWORD", message: problem });
};
