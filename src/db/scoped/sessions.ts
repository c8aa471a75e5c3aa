// scoped(actor).mySessions: the actor's own sign-in sessions, never anyone else's, whatever id is asked for.
// Sessions belong to a user, and the user to the actor's organization, so the user id is the scope.
import { and, desc, eq, gt, ne } from "drizzle-orm";
import type { Actor } from "@/auth/actor";
import { now } from "@/lib/clock";
import type { DbOrTx } from "../client";
import { sessions } from "../schema";

export function mySessionQueries(actor: Actor, conn: DbOrTx) {
  return {
    async list() {
      return conn
        .select({ id: sessions.id, ipAddress: sessions.ipAddress, userAgent: sessions.userAgent, createdAt: sessions.createdAt, updatedAt: sessions.updatedAt })
        .from(sessions)
        .where(and(eq(sessions.userId, actor.userId), gt(sessions.expiresAt, now())))
        .orderBy(desc(sessions.updatedAt));
    },
    async delete(id: string): Promise<number> {
      const rows = await conn
        .delete(sessions)
        .where(and(eq(sessions.id, id), eq(sessions.userId, actor.userId)))
        .returning({ id: sessions.id });
      return rows.length;
    },
    async deleteAllExcept(keepId: string): Promise<number> {
      const rows = await conn
        .delete(sessions)
        .where(and(eq(sessions.userId, actor.userId), ne(sessions.id, keepId)))
        .returning({ id: sessions.id });
      return rows.length;
    },
  };
}
