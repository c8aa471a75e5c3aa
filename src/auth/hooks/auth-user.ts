// Who an auth request is about, from inside a Better Auth hook: the signed-in user, or the user of a
// pending two-factor sign-in (identified by the library's signed two_factor cookie).
import { getSessionFromCtx } from "better-auth/api";

export type HookCtx = Parameters<typeof getSessionFromCtx>[0];

export async function sessionUser(ctx: HookCtx) {
  const session = await getSessionFromCtx(ctx).catch(() => null);
  return session ?? null;
}

async function pendingUserId(ctx: HookCtx): Promise<string | null> {
  const cookie = ctx.context.createAuthCookie("two_factor");
  const signed = await ctx.getSignedCookie(cookie.name, ctx.context.secret);
  if (!signed) return null;
  const verification = await ctx.context.internalAdapter.findVerificationValue(signed);
  return verification?.value ?? null;
}

export async function pendingOrSessionUserId(ctx: HookCtx): Promise<string | null> {
  const session = await sessionUser(ctx);
  return session ? session.user.id : pendingUserId(ctx);
}

/** The same, with the e-mail address: credential budgets are per account, whichever door is used. */
export async function pendingOrSessionUser(ctx: HookCtx): Promise<{ id: string; email: string } | null> {
  const session = await sessionUser(ctx);
  if (session) return { id: session.user.id, email: session.user.email };
  const userId = await pendingUserId(ctx);
  const user = userId ? await ctx.context.internalAdapter.findUserById(userId) : null;
  return user ? { id: user.id, email: user.email } : null;
}

/** In an after hook: did the endpoint fail? (`returned` is the endpoint's result or its APIError.) */
export function endpointFailed(ctx: HookCtx): boolean {
  const returned = (ctx.context as { returned?: unknown }).returned;
  return returned instanceof Error || (returned instanceof Response && !returned.ok);
}
