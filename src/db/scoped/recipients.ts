// scoped(actor).recipients: who can be notified (S9) — people of this organization only, active ones only.
import { rolesWith } from "@/auth/permissions";
import { and, eq, inArray } from "drizzle-orm";
import type { Actor } from "@/auth/actor";
import type { DbOrTx } from "../client";
import { teamMembers, users } from "../schema";

export function recipientQueries(actor: Actor, conn: DbOrTx) {
  const orgId = actor.orgId;
  return {
    async people(ids: string[]) {
      if (ids.length === 0) return [];
      return conn
        .select({ id: users.id, email: users.email, name: users.name, role: users.role })
        .from(users)
        .where(and(inArray(users.id, ids), eq(users.organizationId, orgId), eq(users.active, true)));
    },
    /** An active person of this organization by e-mail (outbox messages queued before recipientId existed). */
    async byEmail(email: string) {
      const [row] = await conn
        .select({ id: users.id, email: users.email, name: users.name, role: users.role })
        .from(users)
        .where(and(eq(users.email, email), eq(users.organizationId, orgId), eq(users.active, true)))
        .limit(1);
      return row ?? null;
    },
    /** The members of these teams of this organization. */
    async teamMembers(teamIds: string[]): Promise<{ teamId: string; userId: string }[]> {
      if (teamIds.length === 0) return [];
      return conn
        .select({ teamId: teamMembers.teamId, userId: teamMembers.userId })
        .from(teamMembers)
        .where(and(inArray(teamMembers.teamId, teamIds), eq(teamMembers.organizationId, orgId)));
    },
    async adminIds(): Promise<string[]> {
      const rows = await conn
        .select({ id: users.id })
        .from(users)
        .where(and(eq(users.organizationId, orgId), inArray(users.role, rolesWith("users.manage")), eq(users.active, true)));
      return rows.map((r) => r.id);
    },
  };
}
