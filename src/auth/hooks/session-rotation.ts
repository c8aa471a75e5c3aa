// S3: the session is rotated whenever the password or the MFA setting changes: every session of the
// user ends and the caller continues on a brand-new one. (Role and organization changes revoke all the
// user's sessions in the domain code that makes them.)
import { setSessionCookie } from "better-auth/cookies";
import { logger } from "@/lib/logger";
import { endpointFailed, sessionUser, type HookCtx } from "./auth-user";

const MFA_CHANGES = new Set(["/two-factor/verify-totp", "/two-factor/disable"]);

// verify-totp is both "confirm enrolment" (signed in) and "second step of sign-in" (not signed in);
// only the first is an MFA change. The before hook records which, keyed by the request's headers.
const signedInAtStart = new WeakMap<Headers, string>();

/** Password changes: let the library do it, always (it revokes all sessions and issues a new one). */
export const rotateOnPasswordChangeBefore = async (ctx: HookCtx) => {
  if (ctx.path !== "/change-password") return;
  return { context: { body: { ...(ctx.body as object), revokeOtherSessions: true } } };
};

export const noteSessionBeforeMfaChange = async (ctx: HookCtx) => {
  if (!MFA_CHANGES.has(ctx.path) || !ctx.headers) return;
  const current = await sessionUser(ctx);
  if (current) signedInAtStart.set(ctx.headers, current.user.id);
};

/** MFA enrolment confirmed or MFA disabled while signed in: end every session, continue on a new one. */
export const rotateOnMfaChangeAfter = async (ctx: HookCtx) => {
  if (!MFA_CHANGES.has(ctx.path) || !ctx.headers || endpointFailed(ctx)) return;
  const userId = signedInAtStart.get(ctx.headers);
  if (!userId) return;
  const user = await ctx.context.internalAdapter.findUserById(userId);
  if (!user) return;
  await ctx.context.internalAdapter.deleteUserSessions(userId);
  const fresh = await ctx.context.internalAdapter.createSession(userId);
  if (!fresh) throw new Error("could not create the rotated session");
  await setSessionCookie(ctx, { session: fresh, user });
  logger.info({ event: "security.session_rotated", reason: ctx.path, userId }, "session rotated");
};
