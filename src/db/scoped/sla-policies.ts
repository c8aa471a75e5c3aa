// scoped(actor).slaPolicies: the organization's SLA target for one priority (S9); the admin's list and
// replace of all policies are in sla.ts.
import { and, eq } from "drizzle-orm";
import type { Actor } from "@/auth/actor";
import type { DbOrTx } from "../client";
import { slaPolicies, type TTicketPriority } from "../schema";

export function slaPolicyQueries(actor: Actor, conn: DbOrTx) {
  const orgId = actor.orgId;
  return {
    async forPriority(priority: TTicketPriority) {
      const [row] = await conn
        .select()
        .from(slaPolicies)
        .where(and(eq(slaPolicies.organizationId, orgId), eq(slaPolicies.priority, priority)))
        .limit(1);
      return row ?? null;
    },
  };
}
