import { sql } from "drizzle-orm";
import { db } from "@/db/client";
import { isDraining } from "./lifecycle";
import { pingRedis } from "./redis";

export type ReadinessStatus = "ready" | "degraded" | "unavailable" | "draining";

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

type Readiness = Awaited<ReturnType<typeof checkReadiness>>;

/** How long one answer serves every caller: a flood of probes costs one check per second. */
export const READINESS_CACHE_MS = 1000;

let last: { result: Promise<Readiness>; doneAt: number | null } | null = null;

/**
 * checkReadiness() shared (S16, S8): callers while a check runs wait for that check, and its
 * answer is reused for READINESS_CACHE_MS after it finished — "down" included, so an outage is not met
 * with a fresh 2-second timeout per probe. Monotonic time (performance.now), not the wall clock.
 */
export function sharedReadiness(): Promise<Readiness> {
  // Shutting down (issue 14): red at once, before the listener closes, so the balancer sends no more.
  if (isDraining()) return Promise.resolve({ status: "draining", checks: { shutdown: "in_progress" } });
  if (last && (last.doneAt === null || performance.now() - last.doneAt < READINESS_CACHE_MS)) return last.result;
  const entry: { result: Promise<Readiness>; doneAt: number | null } = { result: checkReadiness(), doneAt: null };
  const done = () => {
    entry.doneAt = performance.now();
  };
  entry.result.then(done, done);
  last = entry;
  return entry.result;
}
