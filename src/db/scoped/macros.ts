// scoped(actor).macros: the macros the actor may see — the organization's shared ones (owner NULL) and the
// actor's own personal ones (issue 11). Every statement carries both conditions, so another organization's
// macro and a colleague's personal macro match no row: a 404, decided in SQL.
import { and, asc, eq, isNull, or, sql } from "drizzle-orm";
import type { Actor } from "@/auth/actor";
import { now } from "@/lib/clock";
import type { DbOrTx } from "../client";
import { macros, type MacroChanges } from "../schema";

export interface MacroValues {
  name: string;
  bodyMd: string;
  changes: MacroChanges;
}

export function macroQueries(actor: Actor, conn: DbOrTx) {
  const orgId = actor.orgId;
  const visible = and(eq(macros.organizationId, orgId), or(isNull(macros.ownerId), eq(macros.ownerId, actor.userId)));
  return {
    /** Shared first, then the actor's own, each by name. Bounded by the per-organization and per-user limits. */
    async list() {
      return conn.select().from(macros).where(visible).orderBy(sql`${macros.ownerId} IS NOT NULL`, asc(macros.name), asc(macros.id));
    },

    async find(id: string, opts: { forUpdate?: boolean } = {}) {
      const query = conn
        .select()
        .from(macros)
        .where(and(eq(macros.id, id), visible))
        .limit(1);
      const [row] = opts.forUpdate ? await query.for("update") : await query;
      return row ?? null;
    },

    /**
     * Serialises creations of one owner's macros (shared: the organization's) until the transaction ends,
     * so two concurrent creations cannot both pass the count below the limit.
     */
    async lockQuota(shared: boolean): Promise<void> {
      const key = `macros:${orgId}:${shared ? "shared" : actor.userId}`;
      await conn.execute(sql`select pg_advisory_xact_lock(hashtextextended(${key}, 0))`);
    },

    async count(shared: boolean): Promise<number> {
      const [row] = await conn
        .select({ n: sql<number>`count(*)::int` })
        .from(macros)
        .where(and(eq(macros.organizationId, orgId), shared ? isNull(macros.ownerId) : eq(macros.ownerId, actor.userId)));
      return row?.n ?? 0;
    },

    /** A shared macro, or one owned by the actor: the owner is always the actor, never an id from a request. */
    async insert(shared: boolean, values: MacroValues) {
      const at = now();
      const [row] = await conn
        .insert(macros)
        .values({ ...values, organizationId: orgId, ownerId: shared ? null : actor.userId, createdAt: at, updatedAt: at })
        .returning();
      return row!;
    },

    async update(id: string, patch: Partial<MacroValues>) {
      const [row] = await conn
        .update(macros)
        .set({ ...patch, updatedAt: now() })
        .where(and(eq(macros.id, id), visible))
        .returning();
      return row ?? null;
    },

    async remove(id: string) {
      const [row] = await conn
        .delete(macros)
        .where(and(eq(macros.id, id), visible))
        .returning({ id: macros.id });
      return row ?? null;
    },
  };
}
