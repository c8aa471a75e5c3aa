// Crosses tenants on purpose (DESIGN.md rule 2: only files named unsafe-*.ts may). The live event log
// (issue 11) keeps ids of changes for reconnecting streams; past the replay window they are of no use to
// anyone, whichever organization they belong to. The database function decides what goes and never
// keeps less than an hour (migration 0018).
import { sql } from "drizzle-orm";
import { db } from "./client";

export async function unsafePruneLiveEvents(keepHours: number): Promise<number> {
  const result = await db().execute<{ removed: string }>(sql`select live_events_prune(make_interval(hours => ${keepHours})) as removed`);
  return Number(result.rows[0]?.removed ?? 0);
}
