// scoped(actor).views (issue 11): saved views the actor may see — their own personal views and the
// organization's shared ones. Another user's personal view and another tenant's view match no row, so
// both are a 404 decided in the WHERE clause.
import { and, asc, count, desc, eq, or } from "drizzle-orm";
import type { Actor } from "@/auth/actor";
import { now } from "@/lib/clock";
import type { DbOrTx } from "../client";
import { savedViews, type SavedView, type SavedViewFilters } from "../schema";

export function viewQueries(actor: Actor, conn: DbOrTx) {
  const orgId = actor.orgId;
  const visible = and(eq(savedViews.organizationId, orgId), or(eq(savedViews.shared, true), eq(savedViews.ownerId, actor.userId)));
  return {
    /** Shared views first, then personal; each group by name. */
    async list(): Promise<SavedView[]> {
      return conn.select().from(savedViews).where(visible).orderBy(desc(savedViews.shared), asc(savedViews.name), asc(savedViews.id));
    },

    async find(id: string): Promise<SavedView | null> {
      const [row] = await conn
        .select()
        .from(savedViews)
        .where(and(eq(savedViews.id, id), visible))
        .limit(1);
      return row ?? null;
    },

    /** How many views of this kind exist: the actor's personal ones, or the organization's shared ones. */
    async countOfKind(shared: boolean): Promise<number> {
      const [row] = await conn
        .select({ n: count() })
        .from(savedViews)
        .where(and(eq(savedViews.organizationId, orgId), eq(savedViews.shared, shared), shared ? undefined : eq(savedViews.ownerId, actor.userId)));
      return row?.n ?? 0;
    },

    async insert(values: { name: string; shared: boolean; filters: SavedViewFilters }): Promise<SavedView> {
      const at = now();
      const [row] = await conn
        .insert(savedViews)
        .values({ ...values, organizationId: orgId, ownerId: actor.userId, createdAt: at, updatedAt: at })
        .returning();
      return row!;
    },

    /** Changes a view the actor can see; whether they may change it is the domain's decision before. */
    async update(view: SavedView, patch: { name?: string; filters?: SavedViewFilters }): Promise<SavedView> {
      const [row] = await conn
        .update(savedViews)
        .set({ ...patch, updatedAt: now() })
        .where(and(eq(savedViews.id, view.id), visible))
        .returning();
      return row!;
    },

    async remove(view: SavedView): Promise<void> {
      await conn.delete(savedViews).where(and(eq(savedViews.id, view.id), visible));
    },
  };
}
