// scoped(actor).invites: one-time invite links issued by this organization's admins (S17). Only token
// hashes are stored, each bound to a user of this organization.
import { and, eq, gt, isNull } from "drizzle-orm";
import type { Actor } from "@/auth/actor";
import { now } from "@/lib/clock";
import type { DbOrTx } from "../client";
import { adminInvites } from "../schema";

export function inviteQueries(actor: Actor, conn: DbOrTx) {
  const orgId = actor.orgId;
  const createdBy = actor.userId;
  const inOrg = eq(adminInvites.organizationId, orgId);
  return {
    /** `email` is the address the link goes to: acceptance requires the user to still have it (issue 12). */
    async create(userId: string, email: string, tokenHash: string, expiresAt: Date) {
      await conn.insert(adminInvites).values({ tokenHash, userId, email: email.toLowerCase(), organizationId: orgId, createdBy, expiresAt, createdAt: now() });
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
