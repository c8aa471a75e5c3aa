// S8/S13: counters are exported to Prometheus only with the metrics token, and slow queries are logged
// with their duration and SQL but never their parameters.
process.env.METRICS_TOKEN = "metrics-token-for-the-test-run-0123456789";
process.env.SLOW_QUERY_MS = "40";

import { sql } from "drizzle-orm";
import { afterEach, describe, expect, it, vi } from "vitest";
import { db } from "@/db/client";
import { logger } from "@/lib/logger";
import { call } from "../support/api";
import { createOrg, signIn } from "../support/factory";

afterEach(() => vi.restoreAllMocks());

describe("metrics (S8)", () => {
  it("serves the request and rate-limit counters in Prometheus format to the bearer of the token only", async () => {
    const org = await createOrg("metrics");
    await call("GET", "/api/tickets", { cookie: await signIn(org.agent) });
    const res = await call("GET", "/api/metrics", { headers: { authorization: `Bearer ${process.env.METRICS_TOKEN}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/plain");
    const text = await res.text();
    expect(text).toMatch(/helpdesk_http_requests_total\{route="tickets.list",status="200"\} \d+/);
    expect(text).toContain("# TYPE helpdesk_rate_limited_total counter");
    expect(text).toContain("# TYPE helpdesk_sign_in_total counter");

    expect((await call("GET", "/api/metrics", { headers: { authorization: "Bearer wrong-token-of-the-same-length-012345678" } })).status).toBe(404);
    expect((await call("GET", "/api/metrics")).status).toBe(404);
  });
});

describe("slow-query log (S13)", () => {
  it("a query over SLOW_QUERY_MS is logged with its duration and SQL, without its parameters", async () => {
    const warn = vi.spyOn(logger, "warn");
    await db().execute(sql`select pg_sleep(0.08), ${"secret-parameter-value"}::text as p`);
    await new Promise((r) => setTimeout(r, 20));
    const entry = warn.mock.calls.map((c) => c[0] as Record<string, unknown>).find((o) => o.event === "db.slow_query");
    expect(entry).toBeDefined();
    expect(entry!.ms as number).toBeGreaterThanOrEqual(40);
    expect(String(entry!.sql)).toContain("pg_sleep");
    expect(JSON.stringify(entry)).not.toContain("secret-parameter-value");
  });
});
