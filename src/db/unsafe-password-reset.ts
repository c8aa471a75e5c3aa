// Cross-tenant on purpose: a password reset request names an address, not an organization (issue 12).
// The request is queued here (the same write for every address, so the answer tells nothing); the worker
// claims requests and asks Better Auth, which finds the account if there is one. Reset tokens of a user
// are deleted here after a reset or when a new link replaces them (stored hashed, reset-token-storage.ts).
import { and, eq, inArray, isNull, like, lt, ne, or, sql } from "drizzle-orm";
import { STORED_RESET_PREFIX } from "@/auth/reset-token-storage";
import { db } from "./client";
import { passwordResetRequests, verifications, type PasswordResetRequest } from "./schema";

export async function unsafeQueuePasswordResetRequest(values: {
  email: string;
  ip: string | null;
  userAgent: string | null;
  requestedAt: Date;
}): Promise<void> {
  await db().insert(passwordResetRequests).values(values);
}

/** Up to `limit` requests, oldest first, claimed for `leaseMs` (a worker that dies leaves them to the next). */
export async function unsafeClaimPasswordResetRequests(at: Date, limit: number, leaseMs: number): Promise<PasswordResetRequest[]> {
  const staleBefore = new Date(at.getTime() - leaseMs);
  return db().transaction(async (tx) => {
    const due = tx
      .select({ id: passwordResetRequests.id })
      .from(passwordResetRequests)
      .where(or(isNull(passwordResetRequests.claimedAt), lt(passwordResetRequests.claimedAt, staleBefore)))
      .orderBy(passwordResetRequests.requestedAt)
      .limit(limit)
      .for("update", { skipLocked: true });
    return tx.update(passwordResetRequests).set({ claimedAt: at }).where(inArray(passwordResetRequests.id, due)).returning();
  });
}

export async function unsafeDeletePasswordResetRequest(id: string): Promise<void> {
  await db().delete(passwordResetRequests).where(eq(passwordResetRequests.id, id));
}

/** Every reset token of the user, or all but the one stored under `keep` (a new link replaces the old ones). */
export async function unsafeDeleteResetTokens(userId: string, keep?: string): Promise<number> {
  const rows = await db()
    .delete(verifications)
    .where(
      and(eq(verifications.value, userId), like(verifications.identifier, `${STORED_RESET_PREFIX}%`), keep ? ne(verifications.identifier, keep) : sql`true`),
    )
    .returning({ id: verifications.id });
  return rows.length;
}
