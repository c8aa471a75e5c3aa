// The job worker process (`npm run worker`, also started by scripts/start.ts beside the web server):
// pg-boss on the app's PostgreSQL, running every job listed in src/jobs/index.ts. Any number of workers
// may run; the database keeps each SLA warning and breach unique.
import type PgBoss from "pg-boss";
import { closeDb, db } from "@/db/client";
import { unsafeEnsureClocks } from "@/db/unsafe-sla-scan";
import { enforceLoginRole } from "@/db/login-role-check";
import { env, isProduction } from "@/lib/env";
import { startSmtpListener } from "@/server/smtp-listener";
import { startBoss, stopBoss } from "./boss";
import { sendJob } from "./define-job";
import { mailIngestJob } from "./mail-ingest.job";
import { ALL_JOBS } from "./index";
import { logger } from "@/lib/logger";

/** Registers every job's handler on a started boss; tests call this with their own boss instances. */
export async function registerWorkers(boss: PgBoss): Promise<void> {
  for (const job of ALL_JOBS) {
    await boss.work(job.name, { batchSize: 1, pollingIntervalSeconds: job.pollSeconds }, ([received]) =>
      job.run(job.payload.parse(received?.data ?? {}), { boss }),
    );
  }
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
  logger.info({ event: "worker.started", queues: ALL_JOBS.map((j) => j.name) }, "job worker started");
  // Inbound mail straight from the sending servers (issue 12): each stored mail gets its ingest job at once.
  const port = env().SMTP_LISTEN_PORT;
  const smtp = port
    ? await startSmtpListener({ port, onStored: async (ids) => void (await Promise.all(ids.map((id) => sendJob(boss, mailIngestJob, { inboundMailId: id })))) })
    : null;
  // SIGTERM (issue 14): no new mail accepted, pg-boss stops fetching and waits for the job it is running
  // (stopBoss: graceful, up to 20 s), then the pool closes.
  return async () => {
    logger.info({ event: "worker.stopping" }, "job worker stopping: finishing the running job");
    await smtp?.close();
    await stopBoss(boss);
    await closeDb();
    logger.info({ event: "worker.stopped" }, "job worker stopped");
  };
}
