// Crosses tenants on purpose (DESIGN.md rule 2: only files named unsafe-*.ts may): the scan retry job
// looks at every organization's uploads that are still waiting for a virus scan. Each row it returns is
// then handled through scoped() with the row's own organization.
import { and, asc, eq, notInArray, type SQL } from "drizzle-orm";
import type { Tx } from "./client";
import { attachments, type Attachment } from "./schema";

/** The oldest pending upload not locked by another run, locked for the rest of `tx`. */
export async function unsafeClaimPendingScan(tx: Tx, skip: string[]): Promise<Attachment | null> {
  const conditions: SQL[] = [eq(attachments.status, "pending_scan")];
  if (skip.length) conditions.push(notInArray(attachments.id, skip));
  const [row] = await tx
    .select()
    .from(attachments)
    .where(and(...conditions))
    .orderBy(asc(attachments.createdAt))
    .limit(1)
    .for("update", { skipLocked: true });
  return row ?? null;
}
