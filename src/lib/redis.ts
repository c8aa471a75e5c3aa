// One Redis connection per process when REDIS_URL is set. Commands fail fast while Redis is down
// (no offline queue), so callers fall back at once instead of hanging a request.
import { Redis } from "ioredis";
import { env } from "./env";
import { logger } from "./logger";

const globalForRedis = globalThis as unknown as { helpdeskRedis?: Redis | null };

export function getRedis(): Redis | null {
  if (globalForRedis.helpdeskRedis !== undefined) return globalForRedis.helpdeskRedis;
  const url = env().REDIS_URL;
  if (!url) {
    globalForRedis.helpdeskRedis = null;
    return null;
  }
  const client = new Redis(url, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectTimeout: 2000,
    retryStrategy: (attempt) => Math.min(attempt * 200, 5000),
  });
  let healthy = true;
  client.on("error", (err) => {
    if (healthy) logger.warn({ event: "redis.down", err: err.message }, "Redis unavailable: rate limits fall back to per-instance memory");
    healthy = false;
  });
  client.on("ready", () => {
    if (!healthy) logger.info({ event: "redis.up" }, "Redis available again");
    healthy = true;
  });
  globalForRedis.helpdeskRedis = client;
  return client;
}

/** Shutdown (issue 14): sends QUIT if a connection was made (and gives up at once when Redis is down). */
export async function closeRedis(): Promise<void> {
  const client = globalForRedis.helpdeskRedis;
  globalForRedis.helpdeskRedis = undefined;
  if (!client) return;
  await Promise.race([client.quit().catch(() => undefined), new Promise((r) => setTimeout(r, 1000).unref())]);
  client.disconnect();
}

export async function pingRedis(timeoutMs = 1000): Promise<"ok" | "down" | "not_configured"> {
  const client = getRedis();
  if (!client) return "not_configured";
  try {
    const pong = await Promise.race([client.ping(), new Promise<never>((_, reject) => setTimeout(() => reject(new Error("timeout")), timeoutMs).unref())]);
    return pong === "PONG" ? "ok" : "down";
  } catch {
    return "down";
  }
}
