// Cross-tenant on purpose: accepting an invite is public — the link itself is the credential and names
// no organization. This finds which organization and user a token hash belongs to; the acceptance then
// runs through scoped() as the invitee, and the single-use UPDATE there re-checks everything.
import { and, eq, gt, isNull } from "drizzle-orm";
import { now } from "@/lib/clock";
import { db } from "./client";
import { adminInvites, users, type TRole } from "./schema";

export interface UsableInvite {
  organizationId: string;
  userId: string;
  email: string;
  name: string;
  role: TRole;
}

/** The invite behind a token hash, only while unused, unexpired and its user active; otherwise null. */
export async function unsafeFindUsableInvite(tokenHash: string): Promise<UsableInvite | null> {
  const [row] = await db()
    .select({ organizationId: adminInvites.organizationId, userId: adminInvites.userId, email: users.email, name: users.name, role: users.role })
    .from(adminInvites)
    .innerJoin(users, and(eq(users.id, adminInvites.userId), eq(users.organizationId, adminInvites.organizationId)))
    .where(and(eq(adminInvites.tokenHash, tokenHash), isNull(adminInvites.usedAt), gt(adminInvites.expiresAt, now()), eq(users.active, true)))
    .limit(1);
  return row ?? null;
}
