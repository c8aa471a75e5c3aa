// scoped(actor).exports (S18): the actor's organization in every query; agents see only the exports they
// asked for, admins every export of their organization.
import { and, asc, desc, eq, gte, inArray, lt, type SQL } from "drizzle-orm";
import { can, type Actor } from "@/auth/actor";
import { now } from "@/lib/clock";
import type { DbOrTx } from "../client";
import { comments, dataExports, organizations, type DataExport } from "../schema";

export function exportQueries(actor: Actor, conn: DbOrTx) {
  const orgId = actor.orgId;
  const visible = (): SQL =>
    can(actor, "exports.read.all")
      ? eq(dataExports.organizationId, orgId)
      : (and(eq(dataExports.organizationId, orgId), eq(dataExports.requestedBy, actor.userId)) as SQL);

  return {
    async agentExportsAllowed(): Promise<boolean> {
      const [row] = await conn.select({ allowed: organizations.agentExportsAllowed }).from(organizations).where(eq(organizations.id, orgId));
      return row?.allowed === true;
    },

    async insert(values: { format: DataExport["format"]; fromDate: Date; toDate: Date; includeInternal: boolean }): Promise<DataExport> {
      const [row] = await conn
        .insert(dataExports)
        .values({ ...values, organizationId: orgId, requestedBy: actor.userId, createdAt: now() })
        .returning();
      return row!;
    },

    async find(id: string): Promise<DataExport | null> {
      const [row] = await conn
        .select()
        .from(dataExports)
        .where(and(eq(dataExports.id, id), visible()))
        .limit(1);
      return row ?? null;
    },

    async list(limit: number): Promise<DataExport[]> {
      return conn.select().from(dataExports).where(visible()).orderBy(desc(dataExports.createdAt)).limit(limit);
    },

    /**
     * Ends a running export. False when it is no longer running: an erasure or a retention run stopped it
     * while the job read (stopRunningExports), and the file the job wrote from the old data must not be kept.
     */
    async finish(id: string, patch: Partial<Pick<DataExport, "status" | "storageKey" | "ticketCount" | "error" | "finishedAt">>): Promise<boolean> {
      const rows = await conn
        .update(dataExports)
        .set(patch)
        .where(and(eq(dataExports.id, id), eq(dataExports.organizationId, orgId), eq(dataExports.status, "running")))
        .returning({ id: dataExports.id });
      return rows.length > 0;
    },

    /** Comments of the given tickets in conversation order; internal notes only when asked and allowed. */
    async commentsOf(ticketIds: string[], includeInternal: boolean) {
      if (ticketIds.length === 0) return [];
      const internalAllowed = includeInternal && can(actor, "comments.read.internal");
      return conn
        .select()
        .from(comments)
        .where(and(eq(comments.organizationId, orgId), inArray(comments.ticketId, ticketIds), internalAllowed ? undefined : eq(comments.internal, false)))
        .orderBy(asc(comments.ticketId), asc(comments.seq));
    },
  };
}

/** Tickets created in [from, to). */
export function createdBetween(createdAt: typeof import("../schema").tickets.createdAt, from: Date, to: Date): SQL {
  return and(gte(createdAt, from), lt(createdAt, to)) as SQL;
}

/** Why a running export ended without a file (attack pass 2): what it had read may be gone now. */
export const EXPORT_STOPPED_BY_LIFECYCLE = "Stopped: people or tickets were erased or removed while this export ran. Ask for it again.";

/**
 * Running exports of the organization are stopped (status failed) by an erasure or retention run in its
 * transaction: the job may already hold the old data in memory, and its finish then finds the export no
 * longer running and deletes the file it wrote. A queued export starts later from the erased data.
 */
export async function stopRunningExports(conn: DbOrTx, organizationId: string): Promise<void> {
  await conn
    .update(dataExports)
    .set({ status: "failed", error: EXPORT_STOPPED_BY_LIFECYCLE, finishedAt: now() })
    .where(and(eq(dataExports.organizationId, organizationId), eq(dataExports.status, "running")));
}
