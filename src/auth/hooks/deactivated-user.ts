// Issue 9 item 5 (S3, S17): a deactivated user holds no session, on any auth endpoint — not only our API.
// - At creation: a database hook refuses every new session of a deactivated user (sign-in, the second
//   step of a two-factor sign-in, rotation), with the very answer a wrong password gets, so the response
//   does not tell an attacker which accounts exist but are deactivated.
// - On every read: a session whose user was deactivated afterwards is deleted before the endpoint runs,
//   so get-session, list-sessions, change-password, two-factor/* … all see no session. Deactivation by
//   an admin already revokes sessions (domain/admin/update-user.ts); this covers every other way the flag
//   changes (a direct database update, a restore, a race with a request in flight).
import { APIError } from "better-auth/api";
import { unsafeDeleteUserSessions, unsafeInactiveUserOfSession, unsafeIsUserActive } from "@/db/unsafe-auth-lookups";
import { logger } from "@/lib/logger";
import type { HookCtx } from "./auth-user";

/** Exactly the library's wrong-password error (status, code and message). */
export function invalidCredentials(): APIError {
  return new APIError("UNAUTHORIZED", { code: "INVALID_EMAIL_OR_PASSWORD", message: "Invalid email or password" });
}

/** databaseHooks.session.create.before */
export async function refuseSessionForInactiveUser(session: { userId: string }): Promise<void> {
  if (await unsafeIsUserActive(session.userId)) return;
  logger.warn({ event: "security.inactive_sign_in_refused", userId: session.userId }, "session refused: user deactivated");
  throw invalidCredentials();
}

/** Before hook on every endpoint: a session cookie of a deactivated user ends all that user's sessions. */
export const endInactiveUserSessionsBefore = async (ctx: HookCtx) => {
  if (!ctx.headers?.get("cookie")) return;
  const token = await ctx.getSignedCookie(ctx.context.authCookies.sessionToken.name, ctx.context.secret).catch(() => null);
  if (!token) return;
  const userId = await unsafeInactiveUserOfSession(token);
  if (!userId) return;
  await unsafeDeleteUserSessions(userId);
  logger.warn({ event: "security.inactive_session_ended", userId, path: ctx.path }, "session of a deactivated user ended");
};
