// Prometheus counters (S8, S13), served at /api/metrics behind METRICS_TOKEN.
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";

const globalForMetrics = globalThis as unknown as { helpdeskMetrics?: ReturnType<typeof createMetrics> };

function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: "helpdesk_" });
  return {
    registry,
    httpRequests: new Counter({
      name: "helpdesk_http_requests_total",
      help: "API requests by route and status",
      labelNames: ["route", "status"],
      registers: [registry],
    }),
    httpLatency: new Histogram({
      name: "helpdesk_http_request_duration_seconds",
      help: "API latency",
      labelNames: ["route"],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers: [registry],
    }),
    // Issue 15: statements ÷ requests is the round trips a request costs; each pg query is one round trip.
    dbStatements: new Counter({ name: "helpdesk_db_statements_total", help: "SQL statements sent to PostgreSQL", registers: [registry] }),
    rateLimited: new Counter({ name: "helpdesk_rate_limited_total", help: "Requests refused by a rate limit", labelNames: ["policy"], registers: [registry] }),
    anonymousGateRefused: new Counter({
      name: "helpdesk_anonymous_gate_refused_total",
      help: "Requests without a session refused by the in-process gate before Next (no Redis, no database)",
      labelNames: ["policy"],
      registers: [registry],
    }),
    signIns: new Counter({ name: "helpdesk_sign_in_total", help: "Sign-in attempts by outcome", labelNames: ["outcome"], registers: [registry] }),
    auditWriteFailures: new Counter({
      name: "helpdesk_audit_write_failures_total",
      help: "Security events that could not be written to the audit trail",
      labelNames: ["action"],
      registers: [registry],
    }),
    liveStreams: new Gauge({ name: "helpdesk_live_streams", help: "Open event streams (GET /api/events) on this instance", registers: [registry] }),
    rateLimitFallback: new Counter({
      name: "helpdesk_rate_limit_fallback_total",
      help: "Limiter decisions made in local memory because Redis was down",
      registers: [registry],
    }),
  };
}

export function metrics() {
  globalForMetrics.helpdeskMetrics ??= createMetrics();
  return globalForMetrics.helpdeskMetrics;
}
