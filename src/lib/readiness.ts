import { sql } from "drizzle-orm";
import { db } from "@/db/client";

/** Readiness (S16): the database answers a query within the timeout. */
export async function checkReadiness(timeoutMs = 2000): Promise<{ ready: boolean; checks: Record<string, "ok" | "down"> }> {
  const database = await Promise.race([
    db().execute(sql`select 1`).then(() => "ok" as const, () => "down" as const),
    new Promise<"down">((resolve) => setTimeout(() => resolve("down"), timeoutMs).unref()),
  ]);
  return { ready: database === "ok", checks: { database } };
}
