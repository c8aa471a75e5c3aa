// The ONE way in: every API route and every page turns its request headers into an Actor here.
import { eq } from "drizzle-orm";
import { db } from "@/db/client";
import { organizations, sessions } from "@/db/schema";
import { ROLES, type TRole } from "@/db/schema/enums";
import { anonymousGate } from "@/http/anonymous-gate";
import { now } from "@/lib/clock";
import { logger } from "@/lib/logger";
import type { Actor } from "./actor";
import { auth, SESSION_ABSOLUTE_SECONDS } from "./better-auth";
import { clientIp } from "./client-ip";

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

export async function getActor(headers: Headers): Promise<Actor | null> {
  if (!headers.get("cookie")) return null;
  // Without a cookie cache, getSession reads the session and user rows on every request, so a revoked
  // session, a demotion or a deactivation is seen by the very next request. Idle expiry is the session's
  // sliding expiresAt; the absolute lifetime is checked here.
  const result = await auth().api.getSession({ headers });
  if (!result) return anonymous(headers);
  const { user, session } = result;
  if (!isUsableUser(user)) return anonymous(headers);
  if (pastAbsoluteLifetime(session)) {
    await db().delete(sessions).where(eq(sessions.id, session.id));
    logger.info({ event: "security.session_expired", reason: "absolute_lifetime", userId: user.id }, "session expired");
    return anonymous(headers);
  }
  const [org] = await db().select({ mfaRequired: organizations.mfaRequired }).from(organizations).where(eq(organizations.id, user.organizationId)).limit(1);
  return actorOf(user, session, org?.mfaRequired === true, { ip: clientIp(headers), userAgent: headers.get("user-agent")?.slice(0, 512) ?? null });
}

// The rules above, shared with the one other place that looks a session up again: an open event stream's
// periodic re-check (src/auth/recheck-actors.ts), which must drop a deactivated, demoted or expired
// caller exactly as the next request would.

type UserFields = { id: string; name: string; role?: unknown; organizationId?: unknown; active?: unknown; twoFactorEnabled?: unknown };

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
    ip: from.ip,
    userAgent: from.userAgent,
  };
}
