// scoped(actor).organization: the actor's own organization row, and its audit retention (S12), which
// lives on the organization's chain head and is changed only through audit_set_retention().
import { eq, sql } from "drizzle-orm";
import type { Actor } from "@/auth/actor";
import type { DbOrTx } from "../client";
import { auditChainHeads, organizations } from "../schema";

export function organizationQueries(actor: Actor, conn: DbOrTx) {
  const orgId = actor.orgId;
  return {
    async getAuditRetentionDays(): Promise<number | null> {
      const [row] = await conn.select({ days: auditChainHeads.retentionDays }).from(auditChainHeads).where(eq(auditChainHeads.organizationId, orgId)).limit(1);
      return row?.days ?? null;
    },
    /** Through audit_set_retention(): the app role cannot write the chain head (issue 9 item 3, S12). */
    async setAuditRetentionDays(days: number | null): Promise<void> {
      await conn.execute(sql`select audit_set_retention(${orgId}::uuid, ${days}::integer)`);
    },

    async get() {
      const [row] = await conn.select().from(organizations).where(eq(organizations.id, orgId)).limit(1);
      return row!;
    },
    async update(patch: {
      mfaRequired?: boolean;
      agentExportsAllowed?: boolean;
      agentReportsAllowed?: boolean;
      name?: string;
      defaultTimeZone?: string | null;
      defaultLocale?: string | null;
      closedTicketRetentionMonths?: number | null;
      closedTicketRetentionAction?: "delete" | "anonymise";
    }) {
      const [row] = await conn.update(organizations).set(patch).where(eq(organizations.id, orgId)).returning();
      return row!;
    },
  };
}
