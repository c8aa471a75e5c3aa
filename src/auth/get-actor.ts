// The ONE way in: every API route and every page turns its request headers into an Actor here.
import { unsafeDeleteSession, unsafeDeleteUserSessions } from "@/db/unsafe-auth-lookups";
import { unsafeSessionActor } from "@/db/unsafe-session-actor";
import { ROLES, type TRole } from "@/db/schema/enums";
import { anonymousGate } from "@/http/anonymous-gate";
import { now } from "@/lib/clock";
import { env, isProduction } from "@/lib/env";
import { logger } from "@/lib/logger";
import type { Actor } from "./actor";
import { clientIp } from "./client-ip";
import { signedDontRemember, signedSessionToken } from "./session-cookie";
import { SESSION_ABSOLUTE_SECONDS, SESSION_IDLE_SECONDS, SESSION_REFRESH_SECONDS } from "./session-lifetime";

export { clientIp };

function isRole(value: unknown): value is TRole {
  return typeof value === "string" && (ROLES as readonly string[]).includes(value);
}

/**
 * A request with a cookie that is no session: anonymous. Our HTTP server's gate let a correctly signed
 * cookie through without counting it; it counts it now and treats that cookie as anonymous from then on,
 * so a replayed signed-out cookie cannot buy signed-in treatment (S8, issue 9 item 8 follow-up).
 */
function anonymous(headers: Headers): null {
  anonymousGate().notASession(headers.get("cookie") ?? undefined, clientIp(headers));
  return null;
}

/**
 * One SQL statement per request (issue 15): session ⨝ user ⨝ organization, no cache, so a revoked
 * session, a demotion, a deactivation or a new MFA requirement is seen by the very next request (S3).
 * The cookie's signature is checked first, exactly as the auth library checks it, so a forged or
 * garbage cookie costs no query. What the library's getSession did besides is done here too: an expired
 * session is deleted, the idle expiry slides (in the same statement), and — as our before-hook does on
 * the auth endpoints — a deactivated user's sessions all end. The absolute lifetime is ours alone.
 */
export async function getActor(headers: Headers): Promise<Actor | null> {
  const cookie = headers.get("cookie");
  if (!cookie) return null;
  const { BETTER_AUTH_SECRET: secret } = env();
  const production = isProduction();
  const token = signedSessionToken(cookie, secret, production);
  if (!token) return anonymous(headers);
  const at = now();
  const row = await unsafeSessionActor(token, at, {
    slide: !signedDontRemember(cookie, secret, production),
    idleSeconds: SESSION_IDLE_SECONDS,
    refreshSeconds: SESSION_REFRESH_SECONDS,
  });
  if (!row) return anonymous(headers);
  if (row.expiresAt.getTime() < at.getTime()) {
    await unsafeDeleteSession(row.sessionId);
    return anonymous(headers);
  }
  const user = {
    id: row.userId,
    name: row.name,
    role: row.role,
    organizationId: row.organizationId,
    active: row.active,
    twoFactorEnabled: row.twoFactorEnabled,
    emailVerified: row.emailVerified,
  };
  if (user.active === false) {
    await unsafeDeleteUserSessions(row.userId);
    logger.warn({ event: "security.inactive_session_ended", userId: row.userId, path: "getActor" }, "session of a deactivated user ended");
    return anonymous(headers);
  }
  if (!isUsableUser(user)) return anonymous(headers);
  const session = { id: row.sessionId, createdAt: row.sessionCreatedAt };
  if (pastAbsoluteLifetime(session)) {
    await unsafeDeleteSession(row.sessionId);
    logger.info({ event: "security.session_expired", reason: "absolute_lifetime", userId: row.userId }, "session expired");
    return anonymous(headers);
  }
  const actor = actorOf(user, session, row.mfaRequired, { ip: clientIp(headers), userAgent: headers.get("user-agent")?.slice(0, 512) ?? null });
  actor.preferences = { timeZone: row.timeZone, locale: row.locale, theme: row.theme, orgTimeZone: row.orgTimeZone, orgLocale: row.orgLocale };
  actor.agentReportsAllowed = row.agentReportsAllowed;
  return actor;
}

// The rules above, shared with the one other place that looks a session up again: an open event stream's
// periodic re-check (src/auth/recheck-actors.ts), which must drop a deactivated, demoted or expired
// caller exactly as the next request would.

type UserFields = {
  id: string;
  name: string;
  role?: unknown;
  organizationId?: unknown;
  active?: unknown;
  twoFactorEnabled?: unknown;
  emailVerified?: unknown;
};

/** An active user with a known role in an organization; anything else is no actor. */
export function isUsableUser<U extends UserFields>(user: U): user is U & { role: TRole; organizationId: string } {
  return user.active !== false && isRole(user.role) && typeof user.organizationId === "string";
}

/** Sessions live at most SESSION_ABSOLUTE_SECONDS, however active (S3); idle expiry is the row's expiresAt. */
export function pastAbsoluteLifetime(session: { createdAt: Date | string }): boolean {
  return now().getTime() - new Date(session.createdAt).getTime() > SESSION_ABSOLUTE_SECONDS * 1000;
}

export function actorOf(
  user: UserFields & { role: TRole; organizationId: string },
  session: { id: string },
  mfaRequired: boolean,
  from: Pick<Actor, "ip" | "userAgent">,
): Actor {
  return {
    userId: user.id,
    orgId: user.organizationId,
    role: user.role,
    name: user.name,
    sessionId: session.id,
    mfaEnabled: user.twoFactorEnabled === true,
    mfaRequired,
    addressVerified: user.emailVerified === true,
    ip: from.ip,
    userAgent: from.userAgent,
  };
}
