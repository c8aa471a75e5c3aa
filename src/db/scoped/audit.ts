// scoped(actor).audit (S12): the organization's audit trail, read newest first, and the actor's own
// events appended to the organization's hash chain (src/db/audit-chain/append.ts).
import { and, desc, eq, gte, lt } from "drizzle-orm";
import type { Actor } from "@/auth/actor";
import { appendAuditEvents } from "../audit-chain/append";
import { db, isTransaction, type DbOrTx, type Tx } from "../client";
import { auditEvents } from "../schema";

export type AuditInput = {
  action: string;
  targetType: string;
  targetId?: string | null;
  data?: Record<string, unknown>;
};

export function auditQueries(actor: Actor, conn: DbOrTx) {
  const orgId = actor.orgId;

  /** Several events of the actor, appended in this order in one statement (the breach scan's batch). */
  async function recordMany(events: AuditInput[]): Promise<void> {
    if (events.length === 0) return;
    const rows = events.map((e) => ({ ...e, actorId: actor.userId, ip: actor.ip, userAgent: actor.userAgent }));
    const write = (tx: Tx) => appendAuditEvents(tx, orgId, rows);
    // The chain head lock must be held until commit: outside a transaction, open one.
    if (isTransaction(conn)) await write(conn);
    else await db().transaction(write);
  }

  return {
    async list(
      filter: { action?: string; actorId?: string; targetType?: string; targetId?: string; since?: Date; until?: Date; cursor?: number },
      limit: number,
    ) {
      return conn
        .select()
        .from(auditEvents)
        .where(
          and(
            eq(auditEvents.organizationId, orgId),
            filter.action ? eq(auditEvents.action, filter.action) : undefined,
            filter.actorId ? eq(auditEvents.actorId, filter.actorId) : undefined,
            filter.targetType ? eq(auditEvents.targetType, filter.targetType) : undefined,
            filter.targetId ? eq(auditEvents.targetId, filter.targetId) : undefined,
            filter.since ? gte(auditEvents.createdAt, filter.since) : undefined,
            filter.until ? lt(auditEvents.createdAt, filter.until) : undefined,
            filter.cursor ? lt(auditEvents.seq, filter.cursor) : undefined,
          ),
        )
        .orderBy(desc(auditEvents.seq))
        .limit(limit);
    },

    /** Appended to the organization's hash chain inside the caller's transaction (S12). */
    async record(event: AuditInput): Promise<void> {
      await recordMany([event]);
    },

    recordMany,
  };
}
