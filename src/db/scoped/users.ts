// scoped(actor).users: people of the actor's organization — the directory, and the admin area (S17: list,
// invite, MFA reset, last-admin lock). Every statement carries the organization in its WHERE clause (or in
// the row it writes), so another tenant's user id matches nothing.
import { rolesWith } from "@/auth/permissions";
import { and, asc, eq, exists, ilike, inArray, isNull, or, sql, type SQL } from "drizzle-orm";
import type { Actor } from "@/auth/actor";
import { now } from "@/lib/clock";
import type { DbOrTx } from "../client";
import { unionAll } from "drizzle-orm/pg-core";
import { accounts, sessions, teams, twoFactors, users, type TRole } from "../schema";

export interface UserListFilter {
  role?: TRole;
  active?: boolean;
  q?: string;
  /** Keyset position in (name, id) order. */
  after?: { name: string; id: string };
}

function escapeLike(q: string): string {
  return q.replace(/[\\%_]/g, (c) => `\\${c}`);
}

const hasCredential = (conn: DbOrTx) =>
  exists(
    conn
      .select({ one: sql`1` })
      .from(accounts)
      .where(and(eq(accounts.userId, users.id), eq(accounts.providerId, "credential"))),
  );

export function userQueries(actor: Actor, conn: DbOrTx) {
  const orgId = actor.orgId;
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
          erasedAt: users.erasedAt,
        })
        .from(users)
        .where(and(...conditions))
        .orderBy(asc(users.name), asc(users.id))
        .limit(limit);
    },

    /**
     * A new user without a password (S17 invite), pending: no sign-in address until the invite is accepted,
     * so the address may belong to an account of another organization. The caller maps a duplicate e-mail
     * (only possible inside this organization) to 409.
     */
    async insertInvited(values: { id: string; name: string; email: string; role: TRole }) {
      const [row] = await conn
        .insert(users)
        .values({ ...values, organizationId: orgId, emailVerified: false, active: true, invitePending: true, createdAt: now(), updatedAt: now() })
        .returning({ id: users.id, name: users.name, email: users.email, role: users.role, active: users.active });
      return row!;
    },

    /** The person of this organization with this address, whatever their state (inbound mail, issue 12). */
    async byAddress(email: string) {
      const [row] = await conn
        .select({
          id: users.id,
          name: users.name,
          email: users.email,
          role: users.role,
          active: users.active,
          emailVerified: users.emailVerified,
          invitePending: users.invitePending,
        })
        .from(users)
        .where(and(inOrg, sql`lower(${users.email}) = ${email.toLowerCase()}`))
        .limit(1);
      return row ?? null;
    },

    /**
     * A requester created by their first e-mail (issue 12): unverified, without password and without a
     * sign-in address (pending, like an invitee), so nobody can sign in as them or see what they wrote
     * until they prove they own the address. Two first mails racing: the address's unique index keeps one.
     */
    async insertMailContact(values: { id: string; name: string; email: string }): Promise<void> {
      await conn
        .insert(users)
        .values({
          ...values,
          role: "requester",
          organizationId: orgId,
          emailVerified: false,
          active: true,
          invitePending: true,
          createdAt: now(),
          updatedAt: now(),
        })
        .onConflictDoNothing();
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
      const [row] = await conn
        .select({ id: users.id })
        .from(users)
        .where(and(eq(users.id, id), inOrg, hasCredential(conn)))
        .limit(1);
      return Boolean(row);
    },

    /** Removes the TOTP secret and backup codes of a user of this organization and turns MFA off. */
    async resetMfa(id: string): Promise<{ removedFactors: number }> {
      const member = conn
        .select({ id: users.id })
        .from(users)
        .where(and(eq(users.id, id), inOrg));
      const removed = await conn.delete(twoFactors).where(inArray(twoFactors.userId, member)).returning({ id: twoFactors.id });
      await conn
        .update(users)
        .set({ twoFactorEnabled: false, updatedAt: now() })
        .where(and(eq(users.id, id), inOrg));
      return { removedFactors: removed.length };
    },

    /**
     * The password account an invitee creates (S17); refused (false) when the user already has one. Ends
     * the pending state, which gives the user their sign-in address: a unique violation here means an
     * account of any organization already signs in with it (the caller answers as for an unusable link).
     */
    async createCredential(id: string, passwordHash: string, accountId: string): Promise<boolean> {
      const [member] = await conn
        .select({ id: users.id, withPassword: hasCredential(conn).mapWith(Boolean) })
        .from(users)
        .where(and(eq(users.id, id), inOrg))
        .limit(1);
      if (!member || member.withPassword) return false;
      await conn
        .update(users)
        // The invitee followed a link that went only to this address: it is theirs (issue 12).
        .set({ invitePending: false, emailVerified: true, updatedAt: now() })
        .where(and(eq(users.id, id), inOrg));
      await conn
        .insert(accounts)
        .values({ id: accountId, accountId: id, providerId: "credential", userId: id, password: passwordHash, createdAt: now(), updatedAt: now() });
      return true;
    },

    async rename(id: string, name: string) {
      await conn
        .update(users)
        .set({ name, updatedAt: now() })
        .where(and(eq(users.id, id), inOrg));
    },

    async sessionCount(id: string): Promise<number> {
      const member = conn
        .select({ id: users.id })
        .from(users)
        .where(and(eq(users.id, id), inOrg));
      const [row] = await conn.select({ n: sql<number>`count(*)::int` }).from(sessions).where(inArray(sessions.userId, member));
      return row?.n ?? 0;
    },

    async find(id: string) {
      const [row] = await conn
        .select({
          id: users.id,
          name: users.name,
          email: users.email,
          role: users.role,
          active: users.active,
          invitePending: users.invitePending,
          erasedAt: users.erasedAt,
        })
        .from(users)
        .where(and(eq(users.id, id), eq(users.organizationId, orgId)))
        .limit(1);
      return row ?? null;
    },

    async findMany(ids: string[]) {
      if (ids.length === 0) return [];
      return conn
        .select({ id: users.id, name: users.name, role: users.role, email: users.email })
        .from(users)
        .where(and(inArray(users.id, ids), eq(users.organizationId, orgId)));
    },

    async update(id: string, patch: { role?: TRole; active?: boolean }) {
      const [row] = await conn
        .update(users)
        .set({ ...patch, updatedAt: now() })
        // Never an erased placeholder (issue 14), even one erased after the caller read the row: an
        // UPDATE that waited for the erasure's lock re-checks this on the erased row and changes nothing.
        .where(and(eq(users.id, id), eq(users.organizationId, orgId), isNull(users.erasedAt)))
        .returning({ id: users.id, role: users.role, active: users.active, name: users.name, email: users.email });
      return row ?? null;
    },

    /** Ends every session of a user of this organization (role change, deactivation). */
    async revokeSessions(id: string): Promise<number> {
      const member = conn
        .select({ id: users.id })
        .from(users)
        .where(and(eq(users.id, id), eq(users.organizationId, orgId)));
      const rows = await conn.delete(sessions).where(inArray(sessions.userId, member)).returning({ id: sessions.id });
      return rows.length;
    },

    async listStaff() {
      return conn
        .select({ id: users.id, name: users.name, role: users.role, email: users.email })
        .from(users)
        .where(and(eq(users.organizationId, orgId), eq(users.active, true), inArray(users.role, rolesWith("tickets.be_assigned"))))
        .orderBy(asc(users.name));
    },

    /**
     * The directory — assignable staff and the organization's teams, each by name — in one statement
     * (issue 15: the queue and ticket pages read it on every view). Teams come as rows with no role.
     */
    async listStaffAndTeams() {
      const staff = conn
        .select({
          kind: sql<"staff" | "team">`'staff'`.as("kind"),
          id: users.id,
          name: users.name,
          role: sql<TRole | null>`${users.role}::text`.as("role"),
          email: sql<string | null>`${users.email}`.as("email"),
        })
        .from(users)
        .where(and(eq(users.organizationId, orgId), eq(users.active, true), inArray(users.role, rolesWith("tickets.be_assigned"))));
      const teamRows = conn
        .select({
          kind: sql<"staff" | "team">`'team'`.as("kind"),
          id: sql<string>`${teams.id}::text`.as("id"),
          name: teams.name,
          role: sql<TRole | null>`null`.as("role"),
          email: sql<string | null>`null`.as("email"),
        })
        .from(teams)
        .where(eq(teams.organizationId, orgId));
      const rows = await unionAll(staff, teamRows).orderBy(sql`name`);
      return {
        staff: rows.filter((r) => r.kind === "staff").map((r) => ({ id: r.id, name: r.name, role: r.role as TRole, email: r.email as string })),
        teams: rows.filter((r) => r.kind === "team").map((r) => ({ id: r.id, name: r.name })),
      };
    },
  };
}
