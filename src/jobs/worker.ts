// The job worker process (`npm run worker`, also started by scripts/start.ts beside the web server):
// pg-boss on the app's PostgreSQL, the SLA breach scan and the outbox delivery every minute. Any number
// of workers may run; the database keeps each SLA warning and breach unique.
import type PgBoss from "pg-boss";
import { closeDb, db } from "@/db/client";
import { unsafeEnsureClocks } from "@/db/unsafe-sla-scan";
import { enforceLoginRole } from "@/db/login-role-check";
import { env, isProduction } from "@/lib/env";
import { startBoss, stopBoss } from "@/lib/jobs/boss";
import { JOBS, sendJob } from "@/lib/jobs/queues";
import { logger } from "@/lib/logger";
import { retryPendingScans } from "@/domain/attachments/retry-pending-scans";
import { applyAuditRetention } from "@/domain/audit/prune-audit-events";
import { verifyAllAuditChains } from "@/domain/audit/verify-all-chains";
import { runQueuedExports } from "@/domain/exports/run-export";
import { deliverOutbox } from "./deliver-outbox";
import { runSlaScan } from "./sla-breach-scan";

/** Registers the handlers on a started boss; tests call this with their own boss instances. */
export async function registerWorkers(boss: PgBoss): Promise<void> {
  await boss.work(JOBS.slaScan.name, { batchSize: 1, pollingIntervalSeconds: 2 }, async ([job]) => {
    JOBS.slaScan.payload.parse(job?.data ?? {});
    const totals = await runSlaScan();
    // New notifications go out now rather than at the next minute.
    if (totals.warnings + totals.breaches > 0) await sendJob(boss, JOBS.outboxDeliver, {});
    return totals;
  });
  await boss.work(JOBS.outboxDeliver.name, { batchSize: 1, pollingIntervalSeconds: 2 }, async ([job]) => {
    JOBS.outboxDeliver.payload.parse(job?.data ?? {});
    return deliverOutbox();
  });
  await boss.work(JOBS.exportsRun.name, { batchSize: 1, pollingIntervalSeconds: 2 }, async ([job]) => {
    JOBS.exportsRun.payload.parse(job?.data ?? {});
    return { exports: await runQueuedExports() };
  });
  await boss.work(JOBS.attachmentScanRetry.name, { batchSize: 1, pollingIntervalSeconds: 5 }, async ([job]) => {
    JOBS.attachmentScanRetry.payload.parse(job?.data ?? {});
    return retryPendingScans();
  });
  await boss.work(JOBS.auditVerify.name, { batchSize: 1, pollingIntervalSeconds: 5 }, async ([job]) => {
    JOBS.auditVerify.payload.parse(job?.data ?? {});
    const results = await verifyAllAuditChains();
    return { organizations: results.length, broken: results.filter((r) => !r.ok).map((r) => r.slug) };
  });
  await boss.work(JOBS.auditRetention.name, { batchSize: 1, pollingIntervalSeconds: 5 }, async ([job]) => {
    JOBS.auditRetention.payload.parse(job?.data ?? {});
    return { pruned: await applyAuditRetention() };
  });
}

export async function runWorker(): Promise<() => Promise<void>> {
  // Issue 9 item 3: no start on a login role that RESET ROLE turns back into an owner (production).
  await enforceLoginRole({
    databaseUrl: env().DATABASE_URL,
    appRole: env().DB_APP_ROLE,
    production: isProduction(),
    warn: (m) => logger.warn({ event: "db.login_role_unsafe" }, m),
  });
  const created = await unsafeEnsureClocks(db());
  if (created > 0) logger.info({ event: "sla.clocks_created", count: created }, "SLA clocks created for existing tickets");
  const boss = await startBoss(env().DATABASE_URL);
  await registerWorkers(boss);
  logger.info({ event: "worker.started", queues: Object.values(JOBS).map((j) => j.name) }, "job worker started");
  return async () => {
    await stopBoss(boss);
    await closeDb();
  };
}
