// Cross-tenant on purpose: accepting an invite is public — the link itself is the credential and names
// no organization. This finds which organization and user a token hash belongs to; the acceptance then
// runs through scoped() as the invitee, and the single-use UPDATE there re-checks everything.
import { and, eq, gt, inArray, isNull, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { rolesWith } from "@/auth/permissions";
import { now } from "@/lib/clock";
import { db } from "./client";
import { adminInvites, organizations, users, type TRole } from "./schema";

export interface UsableInvite {
  organizationId: string;
  userId: string;
  email: string;
  name: string;
  role: TRole;
  /** For the password policy (S3): the invitee's new password is checked against these too. */
  orgName: string;
  orgSlug: string;
}

const inviter = alias(users, "inviter");

/**
 * The invite behind a token hash, only while unused, unexpired, its user active, pending and still at the
 * address the link was sent to, and its inviter still an active member of the organization who may
 * invite: a link outlives no one's rights (outside review — an admin deactivated after inviting an admin
 * kept a three-day way back in). Otherwise null.
 */
export async function unsafeFindUsableInvite(tokenHash: string): Promise<UsableInvite | null> {
  const [row] = await db()
    .select({
      organizationId: adminInvites.organizationId,
      userId: adminInvites.userId,
      email: users.email,
      name: users.name,
      role: users.role,
      orgName: organizations.name,
      orgSlug: organizations.slug,
    })
    .from(adminInvites)
    .innerJoin(organizations, eq(organizations.id, adminInvites.organizationId))
    .innerJoin(users, and(eq(users.id, adminInvites.userId), eq(users.organizationId, adminInvites.organizationId)))
    .innerJoin(
      inviter,
      and(
        eq(inviter.id, adminInvites.createdBy),
        eq(inviter.organizationId, adminInvites.organizationId),
        eq(inviter.active, true),
        inArray(inviter.role, rolesWith("users.invite")),
      ),
    )
    .where(
      and(
        eq(adminInvites.tokenHash, tokenHash),
        isNull(adminInvites.usedAt),
        gt(adminInvites.expiresAt, now()),
        eq(users.active, true),
        // Still waiting for its password, and still the address the link was sent to (issue 12, F2): the
        // link proves ownership of that address in that organization, nothing else.
        eq(users.invitePending, true),
        sql`lower(${users.email}) = ${adminInvites.email}`,
      ),
    )
    .limit(1);
  return row ?? null;
}
