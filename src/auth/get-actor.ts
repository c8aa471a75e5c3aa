// The ONE way in: every API route and every page turns its request headers into an Actor here.
import { ROLES, type TRole } from "@/db/schema/enums";
import type { Actor } from "./actor";
import { auth } from "./better-auth";
import { clientIp } from "./client-ip";

export { clientIp };

function isRole(value: unknown): value is TRole {
  return typeof value === "string" && (ROLES as readonly string[]).includes(value);
}

export async function getActor(headers: Headers): Promise<Actor | null> {
  if (!headers.get("cookie")) return null;
  // Without a cookie cache, getSession reads the session and user rows on every request, so a revoked
  // session, a demotion or a deactivation is seen by the very next request.
  const result = await auth().api.getSession({ headers });
  if (!result) return null;
  const { user, session } = result;
  if (user.active === false || !isRole(user.role) || typeof user.organizationId !== "string") return null;
  return {
    userId: user.id,
    orgId: user.organizationId,
    role: user.role,
    name: user.name,
    sessionId: session.id,
    ip: clientIp(headers),
    userAgent: headers.get("user-agent")?.slice(0, 512) ?? null,
  };
}
