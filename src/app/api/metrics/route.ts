import { timingSafeEqual } from "node:crypto";
import { route } from "@/http/route";
import { env } from "@/lib/env";
import { NotFound } from "@/lib/errors";
import { metrics } from "@/lib/metrics";
import { refreshOpsMetrics } from "@/lib/ops-metrics";

function tokenMatches(header: string | null, expected: string): boolean {
  const given = Buffer.from(header?.replace(/^Bearer\s+/i, "") ?? "");
  const want = Buffer.from(expected);
  return given.length === want.length && timingSafeEqual(given, want);
}

// Prometheus scrape endpoint. Closed (404) unless METRICS_TOKEN is set and presented as a bearer token;
// only then are the scrape-time series (queues, outbox, SLA, audit, scanner) read, at most every 10 s.
export const GET = route({ name: "metrics", public: true, rateLimit: "none" }, async ({ req }) => {
  const token = env().METRICS_TOKEN;
  if (!token || !tokenMatches(req.headers.get("authorization"), token)) throw NotFound();
  await refreshOpsMetrics();
  const registry = metrics().registry;
  return new Response(await registry.metrics(), { headers: { "content-type": registry.contentType, "cache-control": "no-store" } });
});
