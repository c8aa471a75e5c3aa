// Cross-tenant on purpose: a failed sign-in names an e-mail, not an organization. To record the attempt
// in the right organization's audit chain we look the account up by e-mail (unique across tenants).
// Returns only ids; nothing here reaches a client.
import { eq } from "drizzle-orm";
import { db } from "./client";
import { users } from "./schema";

export async function unsafeFindAccountByEmail(email: string): Promise<{ userId: string; organizationId: string } | null> {
  const [row] = await db()
    .select({ userId: users.id, organizationId: users.organizationId })
    .from(users)
    .where(eq(users.email, email.trim().toLowerCase()))
    .limit(1);
  return row ?? null;
}

/** The same, for a credential check about a known user id (password confirmation, second factor). */
export async function unsafeFindAccountById(userId: string): Promise<{ userId: string; organizationId: string } | null> {
  const [row] = await db().select({ userId: users.id, organizationId: users.organizationId }).from(users).where(eq(users.id, userId)).limit(1);
  return row ?? null;
}
