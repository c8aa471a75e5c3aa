// Admin-area data access (S17), part of scoped(): the same rule as scoped.ts — every statement carries
// the actor's organization in its WHERE clause (or in the row it writes), so another tenant's user or
// team id matches nothing. scoped.ts spreads these into its `users`, `teams`, `organization` sections
// and adds `invites`.
import { rolesWith } from "@/auth/permissions";
import { and, asc, eq, exists, gt, ilike, inArray, isNull, notInArray, or, sql, type SQL } from "drizzle-orm";
import { now } from "@/lib/clock";
import type { DbOrTx } from "./client";
import { accounts, adminInvites, auditChainHeads, sessions, teamMembers, teams, tickets, twoFactors, users, type TRole } from "./schema";

export interface UserListFilter {
  role?: TRole;
  active?: boolean;
  q?: string;
  /** Keyset position in (name, id) order. */
  after?: { name: string; id: string };
}

/** Postgres unique_violation, for turning a duplicate into a 409 instead of a 500. */
export function isUniqueViolation(e: unknown): boolean {
  const code = (e as { code?: string; cause?: { code?: string } } | null)?.code ?? (e as { cause?: { code?: string } } | null)?.cause?.code;
  return code === "23505";
}

function escapeLike(q: string): string {
  return q.replace(/[\\%_]/g, (c) => `\\${c}`);
}

const hasCredential = (conn: DbOrTx) =>
  exists(conn.select({ one: sql`1` }).from(accounts).where(and(eq(accounts.userId, users.id), eq(accounts.providerId, "credential"))));

export function adminUserQueries(orgId: string, conn: DbOrTx) {
  const inOrg = eq(users.organizationId, orgId);
  return {
    async list(filter: UserListFilter, limit: number) {
      const conditions: (SQL | undefined)[] = [inOrg];
      if (filter.role) conditions.push(eq(users.role, filter.role));
      if (filter.active !== undefined) conditions.push(eq(users.active, filter.active));
      if (filter.q) {
        const pattern = `%${escapeLike(filter.q)}%`;
        conditions.push(or(ilike(users.name, pattern), ilike(users.email, pattern)));
      }
      if (filter.after) conditions.push(sql`(${users.name}, ${users.id}) > (${filter.after.name}, ${filter.after.id})`);
      return conn
        .select({
          id: users.id,
          name: users.name,
          email: users.email,
          role: users.role,
          active: users.active,
          mfaEnabled: users.twoFactorEnabled,
          hasPassword: hasCredential(conn).mapWith(Boolean),
          createdAt: users.createdAt,
        })
        .from(users)
        .where(and(...conditions))
        .orderBy(asc(users.name), asc(users.id))
        .limit(limit);
    },

    /** A new user without a password (S17 invite); the caller maps a duplicate e-mail to 409. */
    async insertInvited(values: { id: string; name: string; email: string; role: TRole }) {
      const [row] = await conn
        .insert(users)
        .values({ ...values, organizationId: orgId, emailVerified: false, active: true, createdAt: now(), updatedAt: now() })
        .returning({ id: users.id, name: users.name, email: users.email, role: users.role, active: users.active });
      return row!;
    },

    /**
     * Locks and returns the organization's active admins who can sign in (have a password), so two admins
     * demoting each other at the same time cannot both succeed: the second waits and re-reads.
     */
    async lockActiveAdmins(): Promise<string[]> {
      const rows = await conn
        .select({ id: users.id })
        .from(users)
        .where(and(inOrg, inArray(users.role, rolesWith("users.manage")), eq(users.active, true), hasCredential(conn)))
        // A fixed lock order, so two such transactions wait for each other instead of deadlocking.
        .orderBy(asc(users.id))
        .for("update", { of: users });
      return rows.map((r) => r.id);
    },

    async hasPassword(id: string): Promise<boolean> {
      const [row] = await conn.select({ id: users.id }).from(users).where(and(eq(users.id, id), inOrg, hasCredential(conn))).limit(1);
      return Boolean(row);
    },

    /** Removes the TOTP secret and backup codes of a user of this organization and turns MFA off. */
    async resetMfa(id: string): Promise<{ removedFactors: number }> {
      const member = conn.select({ id: users.id }).from(users).where(and(eq(users.id, id), inOrg));
      const removed = await conn.delete(twoFactors).where(inArray(twoFactors.userId, member)).returning({ id: twoFactors.id });
      await conn.update(users).set({ twoFactorEnabled: false, updatedAt: now() }).where(and(eq(users.id, id), inOrg));
      return { removedFactors: removed.length };
    },

    /** The password account an invitee creates (S17); refused (null) when the user already has one. */
    async createCredential(id: string, passwordHash: string, accountId: string): Promise<boolean> {
      const [member] = await conn.select({ id: users.id, withPassword: hasCredential(conn).mapWith(Boolean) }).from(users).where(and(eq(users.id, id), inOrg)).limit(1);
      if (!member || member.withPassword) return false;
      await conn.insert(accounts).values({ id: accountId, accountId: id, providerId: "credential", userId: id, password: passwordHash, createdAt: now(), updatedAt: now() });
      return true;
    },

    async rename(id: string, name: string) {
      await conn.update(users).set({ name, updatedAt: now() }).where(and(eq(users.id, id), inOrg));
    },

    async sessionCount(id: string): Promise<number> {
      const member = conn.select({ id: users.id }).from(users).where(and(eq(users.id, id), inOrg));
      const [row] = await conn.select({ n: sql<number>`count(*)::int` }).from(sessions).where(inArray(sessions.userId, member));
      return row?.n ?? 0;
    },
  };
}

export function adminTeamQueries(orgId: string, conn: DbOrTx) {
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
      const [row] = await conn.update(teams).set({ name }).where(and(eq(teams.id, id), inOrg)).returning();
      return row ?? null;
    },

    /** Deletes the team; its tickets keep existing without a team (the FK would refuse otherwise). */
    async remove(id: string): Promise<{ unassignedTickets: number } | null> {
      const cleared = await conn
        .update(tickets)
        .set({ teamId: null })
        .where(and(eq(tickets.teamId, id), eq(tickets.organizationId, orgId)))
        .returning({ id: tickets.id });
      const [row] = await conn.delete(teams).where(and(eq(teams.id, id), inOrg)).returning({ id: teams.id });
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
  };
}

/** One-time invite links (S17): only token hashes, bound to a user of this organization. */
export function inviteQueries(orgId: string, createdBy: string, conn: DbOrTx) {
  const inOrg = eq(adminInvites.organizationId, orgId);
  return {
    async create(userId: string, tokenHash: string, expiresAt: Date) {
      await conn.insert(adminInvites).values({ tokenHash, userId, organizationId: orgId, createdBy, expiresAt, createdAt: now() });
    },

    /** Uses the invite once: the single UPDATE makes a concurrent second use lose. */
    async consume(tokenHash: string): Promise<{ userId: string } | null> {
      const at = now();
      const [row] = await conn
        .update(adminInvites)
        .set({ usedAt: at })
        .where(and(eq(adminInvites.tokenHash, tokenHash), inOrg, isNull(adminInvites.usedAt), gt(adminInvites.expiresAt, at)))
        .returning({ userId: adminInvites.userId });
      return row ?? null;
    },
  };
}

/** Audit retention (S12) lives on the organization's chain head; null keeps events forever. */
export function auditRetentionQueries(orgId: string, conn: DbOrTx) {
  return {
    async getAuditRetentionDays(): Promise<number | null> {
      const [row] = await conn.select({ days: auditChainHeads.retentionDays }).from(auditChainHeads).where(eq(auditChainHeads.organizationId, orgId)).limit(1);
      return row?.days ?? null;
    },
    /** Through audit_set_retention(): the app role cannot write the chain head (issue 9 item 3, S12). */
    async setAuditRetentionDays(days: number | null): Promise<void> {
      await conn.execute(sql`select audit_set_retention(${orgId}::uuid, ${days}::integer)`);
    },
  };
}
