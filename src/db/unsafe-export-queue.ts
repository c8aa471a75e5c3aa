// Cross-tenant on purpose: the export job takes the oldest queued export of any organization. It claims
// the row (SKIP LOCKED, so two workers never take the same one) and returns its organization and the
// requesting user, from which the job builds an actor; everything after that goes through scoped().
import { and, eq, sql } from "drizzle-orm";
import { db } from "./client";
import { dataExports, organizations, users, type DataExport } from "./schema";

export async function unsafeClaimNextQueuedExport(): Promise<{
  exportRow: DataExport;
  requester: { id: string; name: string; role: (typeof users.$inferSelect)["role"]; active: boolean };
  orgName: string;
} | null> {
  return db().transaction(async (tx) => {
    const claimed = await tx.execute<{ id: string }>(sql`
      update data_exports set status = 'running'
      where id = (select id from data_exports where status = 'queued' order by created_at for update skip locked limit 1)
      returning id`);
    const id = claimed.rows[0]?.id;
    if (!id) return null;
    const [row] = await tx
      .select({ exportRow: dataExports, requester: { id: users.id, name: users.name, role: users.role, active: users.active }, orgName: organizations.name })
      .from(dataExports)
      .innerJoin(users, and(eq(users.id, dataExports.requestedBy), eq(users.organizationId, dataExports.organizationId)))
      .innerJoin(organizations, eq(organizations.id, dataExports.organizationId))
      .where(eq(dataExports.id, id));
    return row ?? null;
  });
}
