import { requirePermission, type Actor } from "@/auth/actor";
import { inTenantTransaction, scoped } from "@/db/scoped";
import { NotFound } from "@/lib/errors";
import { describeDevice } from "./describe-device";

/** The actor's active sessions with device, IP and last use; the current one is marked (S3). */
export async function listMySessions(actor: Actor) {
  requirePermission(actor, "account.manage");
  const rows = await scoped(actor).mySessions.list();
  return {
    items: rows.map((s) => ({
      id: s.id,
      device: describeDevice(s.userAgent),
      ipAddress: s.ipAddress,
      createdAt: s.createdAt.toISOString(),
      lastSeenAt: s.updatedAt.toISOString(),
      current: s.id === actor.sessionId,
    })),
  };
}

export async function revokeMySession(actor: Actor, sessionId: string) {
  requirePermission(actor, "account.manage");
  return inTenantTransaction(actor, async (s) => {
    if ((await s.mySessions.delete(sessionId)) === 0) throw NotFound("Session");
    await s.audit.record({ action: "session.revoked", targetType: "session", targetId: sessionId, data: { self: sessionId === actor.sessionId } });
    return { revoked: 1 };
  });
}

export async function revokeMyOtherSessions(actor: Actor) {
  requirePermission(actor, "account.manage");
  return inTenantTransaction(actor, async (s) => {
    const revoked = await s.mySessions.deleteAllExcept(actor.sessionId);
    await s.audit.record({ action: "session.revoked_others", targetType: "user", targetId: actor.userId, data: { revoked } });
    return { revoked };
  });
}
