// Prometheus counters (S8, S13), served at /api/metrics behind METRICS_TOKEN. What an operator alerts on
// (issue 14) is listed in docs/operations.md "Monitoring"; the alert rules ship in docs/alerts.yml.
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";

const globalForMetrics = globalThis as unknown as { helpdeskMetrics?: ReturnType<typeof createMetrics> };

/** What a pg.Pool reports about itself (pg 8: totalCount, idleCount, waitingCount, options.max). */
export interface PoolStats {
  totalCount: number;
  idleCount: number;
  waitingCount: number;
  options: { max?: number };
}

/** Pools by name ("primary", "replica"): read when scraped, so the numbers are the pool's own, not a copy. */
const pools = new Map<string, PoolStats>();

/** The database pool gauges read this pool under `name` from now on (src/db/client.ts calls it). */
export function observePool(name: string, pool: PoolStats | null): void {
  if (pool) pools.set(name, pool);
  else pools.delete(name);
}

function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: "helpdesk_" });
  const poolGauge = (name: string, help: string, read: (p: PoolStats) => number) =>
    new Gauge({
      name,
      help,
      labelNames: ["pool"],
      registers: [registry],
      collect() {
        this.reset();
        for (const [pool, stats] of pools) this.set({ pool }, read(stats));
      },
    });
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
    // Issue 14: per route PATTERN ("/api/tickets/[id]", never the raw path: a bounded label set) and
    // method, observed by the API router for every request it answers, unknown paths as route="unmatched".
    httpRouteDuration: new Histogram({
      name: "helpdesk_http_route_duration_seconds",
      help: "API request duration by route pattern, method and status class, until the response headers",
      labelNames: ["route", "method", "status_class"],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    }),
    dbPoolConnections: poolGauge("helpdesk_db_pool_connections", "Open connections of this process's database pool", (p) => p.totalCount),
    dbPoolIdle: poolGauge("helpdesk_db_pool_idle_connections", "Idle connections of this process's database pool", (p) => p.idleCount),
    dbPoolWaiting: poolGauge("helpdesk_db_pool_waiting_requests", "Queries waiting for a free connection of this process's pool", (p) => p.waitingCount),
    dbPoolMax: poolGauge("helpdesk_db_pool_max_connections", "The pool's connection ceiling (DB_POOL_MAX)", (p) => p.options.max ?? 10),
    dbReads: new Counter({
      name: "helpdesk_db_reads_total",
      help: "List and search reads by where they ran: replica (DATABASE_REPLICA_URL) or primary",
      labelNames: ["target"],
      registers: [registry],
    }),
    // Read from the database when scraped (src/lib/ops-metrics.ts): the same value on every instance.
    jobQueueDepth: new Gauge({
      name: "helpdesk_job_queue_depth",
      help: "pg-boss jobs by queue and state (created/retry = waiting, active = running)",
      labelNames: ["queue", "state"],
      registers: [registry],
    }),
    jobQueueOldestAge: new Gauge({
      name: "helpdesk_job_queue_oldest_age_seconds",
      help: "Age of the oldest waiting (created or retry, due now) job per queue; 0 when none waits",
      labelNames: ["queue"],
      registers: [registry],
    }),
    outboxBacklog: new Gauge({
      name: "helpdesk_outbox_backlog",
      help: "Outbox messages (e-mail, webhooks) by channel and status: pending = not yet delivered, dead = given up",
      labelNames: ["channel", "status"],
      registers: [registry],
    }),
    outboxOldestAge: new Gauge({
      name: "helpdesk_outbox_oldest_pending_age_seconds",
      help: "Age of the oldest pending outbox message that is due; 0 when none",
      registers: [registry],
    }),
    slaBreaches: new Gauge({
      name: "helpdesk_sla_breaches_last_hour",
      help: "SLA breaches recorded in the last hour by clock kind (sla_events, all organizations)",
      labelNames: ["kind"],
      registers: [registry],
    }),
    slaScanLag: new Gauge({
      name: "helpdesk_sla_scan_lag_seconds",
      help: "How late the SLA breach scan is: now minus the earliest due check it has not made; 0 when none is due",
      registers: [registry],
    }),
    auditVerifyOk: new Gauge({
      name: "helpdesk_audit_verify_last_ok",
      help: "Last scheduled audit chain verification: 1 every chain intact, 0 a broken chain or the run failed; absent before the first run",
      registers: [registry],
    }),
    auditVerifyAge: new Gauge({
      name: "helpdesk_audit_verify_last_age_seconds",
      help: "Seconds since the last scheduled audit chain verification finished",
      registers: [registry],
    }),
    scannerUp: new Gauge({ name: "helpdesk_scanner_up", help: "1 when clamd answers PING from this instance, 0 otherwise", registers: [registry] }),
    opsCollectErrors: new Counter({
      name: "helpdesk_metrics_collect_errors_total",
      help: "Scrape-time database reads that failed or timed out, by source (their series keep the last value)",
      labelNames: ["source"],
      registers: [registry],
    }),
  };
}

export function metrics() {
  globalForMetrics.helpdeskMetrics ??= createMetrics();
  return globalForMetrics.helpdeskMetrics;
}
