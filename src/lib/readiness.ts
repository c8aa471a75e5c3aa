import { sql } from "drizzle-orm";
import { db } from "@/db/client";
import { pingRedis } from "./redis";

export type ReadinessStatus = "ready" | "degraded" | "unavailable";

/**
 * Readiness (S16): the database must answer; without it nothing works (503). Redis only carries shared
 * rate-limit counters: when it is down the app keeps serving with local limits and says "degraded".
 */
export async function checkReadiness(timeoutMs = 2000): Promise<{ status: ReadinessStatus; checks: Record<string, string> }> {
  const [database, redis] = await Promise.all([
    Promise.race([
      db()
        .execute(sql`select 1`)
        .then(
          () => "ok" as const,
          () => "down" as const,
        ),
      new Promise<"down">((resolve) => setTimeout(() => resolve("down"), timeoutMs).unref()),
    ]),
    pingRedis(timeoutMs),
  ]);
  const status: ReadinessStatus = database !== "ok" ? "unavailable" : redis === "down" ? "degraded" : "ready";
  return { status, checks: { database, redis } };
}
