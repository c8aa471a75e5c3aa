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
  if (user.active === false || !isRole(user.role) || typeof user.organizationId !== "string") return anonymous(headers);
  if (now().getTime() - new Date(session.createdAt).getTime() > SESSION_ABSOLUTE_SECONDS * 1000) {
    await db().delete(sessions).where(eq(sessions.id, session.id));
    logger.info({ event: "security.session_expired", reason: "absolute_lifetime", userId: user.id }, "session expired");
    return anonymous(headers);
  }
  const [org] = await db().select({ mfaRequired: organizations.mfaRequired }).from(organizations).where(eq(organizations.id, user.organizationId)).limit(1);
  return {
    userId: user.id,
    orgId: user.organizationId,
    role: user.role,
    name: user.name,
    sessionId: session.id,
    mfaEnabled: user.twoFactorEnabled === true,
    mfaRequired: org?.mfaRequired === true,
    addressVerified: user.emailVerified === true,
    ip: clientIp(headers),
    userAgent: headers.get("user-agent")?.slice(0, 512) ?? null,
  };
}
