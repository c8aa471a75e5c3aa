// The operator's series that are read when scraped (issue 14): job queues, outbox, SLA breaches, the last
// audit verification (all from the database, the same on every instance) and clamd (this instance's view).
// One refresh serves every scrape for OPS_METRICS_TTL_MS, so N Prometheus servers or a scrape flood cost
// at most one round of reads per interval; a failing source keeps its last values and counts an error.
import { db } from "@/db/client";
import { SLA_KINDS } from "@/db/schema";
import { unsafeJobQueueStats, unsafeLastAuditVerification, unsafeOutboxStats, unsafeSlaStats } from "@/db/unsafe-ops-metrics";
import { env } from "./env";
import { metrics } from "./metrics";
import { pingClamd } from "./scanner/local-clamd";

export const OPS_METRICS_TTL_MS = 10_000;

let last: { at: number; done: Promise<void> } | null = null;

async function source(name: string, work: () => Promise<void>): Promise<void> {
  try {
    await work();
  } catch {
    metrics().opsCollectErrors.inc({ source: name });
  }
}

async function refresh(): Promise<void> {
  const m = metrics();
  const conn = db();
  await Promise.all([
    source("jobs", async () => {
      const rows = await unsafeJobQueueStats(conn);
      m.jobQueueDepth.reset();
      m.jobQueueOldestAge.reset();
      const oldest = new Map<string, number>();
      for (const r of rows) {
        m.jobQueueDepth.set({ queue: r.queue, state: r.state }, r.jobs);
        if (r.state !== "active") oldest.set(r.queue, Math.max(oldest.get(r.queue) ?? 0, r.oldest_seconds ?? 0));
      }
      for (const [queue, seconds] of oldest) m.jobQueueOldestAge.set({ queue }, seconds);
    }),
    source("outbox", async () => {
      const rows = await unsafeOutboxStats(conn);
      m.outboxBacklog.reset();
      // Both statuses of both channels are always present, so "no backlog" reads 0, not "no data".
      for (const channel of ["email", "webhook"]) for (const status of ["pending", "dead"]) m.outboxBacklog.set({ channel, status }, 0);
      let oldest = 0;
      for (const r of rows) {
        m.outboxBacklog.set({ channel: r.channel, status: r.status }, r.messages);
        if (r.status === "pending") oldest = Math.max(oldest, r.oldest_seconds ?? 0);
      }
      m.outboxOldestAge.set(oldest);
    }),
    source("sla", async () => {
      const { breaches, lagSeconds } = await unsafeSlaStats(conn);
      m.slaBreaches.reset();
      for (const kind of SLA_KINDS) m.slaBreaches.set({ kind }, 0);
      for (const r of breaches) m.slaBreaches.set({ kind: r.kind }, r.breaches);
      m.slaScanLag.set(lagSeconds);
    }),
    source("audit", async () => {
      const run = await unsafeLastAuditVerification(conn);
      m.auditVerifyOk.reset();
      m.auditVerifyAge.reset();
      if (!run) return;
      m.auditVerifyOk.set(run.state === "completed" && (run.broken ?? 0) === 0 ? 1 : 0);
      m.auditVerifyAge.set(run.age_seconds);
    }),
    source("scanner", async () => {
      const e = env();
      m.scannerUp.set((await pingClamd(e.CLAMD_HOST, e.CLAMD_PORT, 1000)) ? 1 : 0);
    }),
  ]);
}

/** Brings the scrape-time series up to date (at most once per OPS_METRICS_TTL_MS; concurrent scrapes share one). */
export function refreshOpsMetrics(): Promise<void> {
  const at = performance.now();
  if (!last || at - last.at >= OPS_METRICS_TTL_MS) last = { at, done: refresh() };
  return last.done;
}

/** Tests: the next scrape reads the database again. */
export function forgetOpsMetrics(): void {
  last = null;
}
