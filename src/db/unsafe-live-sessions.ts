// Crosses tenants on purpose (DESIGN.md rule 2: only files named unsafe-*.ts may). An app instance holds
// open event streams of many organizations (issue 11); every stream's session must be looked up again
// on every batch of events and every LIVE_SESSION_RECHECK_SEC, and one query for all of them costs what
// one getActor() costs, where a lookup per stream would cost one per stream. It reads only the rows that
// decide who the caller is now; the rules are getActor's own (src/auth/recheck-actors.ts).
import { eq, inArray } from "drizzle-orm";
import { db } from "./client";
import { organizations, sessions, users } from "./schema";

export async function unsafeSessionsById(sessionIds: string[]) {
  if (sessionIds.length === 0) return [];
  return db()
    .select({
      session: { id: sessions.id, expiresAt: sessions.expiresAt, createdAt: sessions.createdAt },
      user: {
        id: users.id,
        name: users.name,
        role: users.role,
        organizationId: users.organizationId,
        active: users.active,
        twoFactorEnabled: users.twoFactorEnabled,
        emailVerified: users.emailVerified,
      },
      mfaRequired: organizations.mfaRequired,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .innerJoin(organizations, eq(organizations.id, users.organizationId))
    .where(inArray(sessions.id, sessionIds));
}
