// scoped(actor).teams: the organization's teams and their members (S17). Every statement carries the
// organization, so another tenant's team or user id matches nothing.
import { rolesWith } from "@/auth/permissions";
import { and, asc, eq, inArray, notInArray, sql } from "drizzle-orm";
import type { Actor } from "@/auth/actor";
import { now } from "@/lib/clock";
import type { DbOrTx } from "../client";
import { teamMembers, teams, tickets, users } from "../schema";

export function teamQueries(actor: Actor, conn: DbOrTx) {
  const orgId = actor.orgId;
  const inOrg = eq(teams.organizationId, orgId);
  return {
    async members(teamIds: string[]) {
      if (teamIds.length === 0) return [];
      return conn
        .select({ teamId: teamMembers.teamId, id: users.id, name: users.name, role: users.role, active: users.active })
        .from(teamMembers)
        .innerJoin(users, and(eq(users.id, teamMembers.userId), eq(users.organizationId, teamMembers.organizationId)))
        .where(and(eq(teamMembers.organizationId, orgId), inArray(teamMembers.teamId, teamIds)))
        .orderBy(asc(users.name));
    },

    async insert(name: string) {
      const [row] = await conn.insert(teams).values({ name, organizationId: orgId, createdAt: now() }).returning();
      return row!;
    },

    async rename(id: string, name: string) {
      const [row] = await conn
        .update(teams)
        .set({ name })
        .where(and(eq(teams.id, id), inOrg))
        .returning();
      return row ?? null;
    },

    /** Deletes the team; its tickets keep existing without a team (the FK would refuse otherwise). */
    async remove(id: string): Promise<{ unassignedTickets: number } | null> {
      const cleared = await conn
        .update(tickets)
        // A write like any other for staff: their open pages of these tickets are stale now (issue 11). The
        // team is staff data, so the requester's version does not move (F6).
        .set({ teamId: null, version: sql`${tickets.version} + 1` })
        .where(and(eq(tickets.teamId, id), eq(tickets.organizationId, orgId)))
        .returning({ id: tickets.id });
      const [row] = await conn
        .delete(teams)
        .where(and(eq(teams.id, id), inOrg))
        .returning({ id: teams.id });
      return row ? { unassignedTickets: cleared.length } : null;
    },

    /** Of the given ids, those that are active agents or admins of this organization. */
    async activeStaffAmong(userIds: string[]): Promise<string[]> {
      if (userIds.length === 0) return [];
      const rows = await conn
        .select({ id: users.id })
        .from(users)
        .where(and(inArray(users.id, userIds), eq(users.organizationId, orgId), eq(users.active, true), inArray(users.role, rolesWith("tickets.be_assigned"))));
      return rows.map((r) => r.id);
    },

    /** Replaces the member list; returns who was added and removed. */
    async setMembers(teamId: string, userIds: string[]): Promise<{ added: string[]; removed: string[] }> {
      const inTeam = and(eq(teamMembers.teamId, teamId), eq(teamMembers.organizationId, orgId));
      const removedRows = await conn
        .delete(teamMembers)
        .where(userIds.length ? and(inTeam, notInArray(teamMembers.userId, userIds)) : inTeam)
        .returning({ userId: teamMembers.userId });
      const added = userIds.length
        ? await conn
            .insert(teamMembers)
            .values(userIds.map((userId) => ({ teamId, userId, organizationId: orgId })))
            .onConflictDoNothing()
            .returning({ userId: teamMembers.userId })
        : [];
      return { added: added.map((r) => r.userId), removed: removedRows.map((r) => r.userId) };
    },

    async find(id: string) {
      const [row] = await conn
        .select()
        .from(teams)
        .where(and(eq(teams.id, id), eq(teams.organizationId, orgId)))
        .limit(1);
      return row ?? null;
    },
    async list() {
      return conn.select().from(teams).where(eq(teams.organizationId, orgId)).orderBy(asc(teams.name));
    },
  };
}
