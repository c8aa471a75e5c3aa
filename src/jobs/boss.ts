// pg-boss on the application's PostgreSQL (DESIGN.md "jobs"): its own schema, no extra server. Used by
// the worker process (src/jobs/worker.ts) and by tests; the web process does not run jobs.
import PgBoss from "pg-boss";
import { logger } from "@/lib/logger";
import { ALL_JOBS } from "./index";

export const BOSS_SCHEMA = "pgboss";
/**
 * pg-boss's own queue for cron schedules (its timekeeper creates it at start, and ignores a failure): the
 * worker's member-only login cannot create a queue, so the owner must, or no scheduled job ever runs.
 */
export const BOSS_CRON_QUEUE = "__pgboss__send-it";

export async function startBoss(databaseUrl: string, opts: { schedule?: boolean } = {}): Promise<PgBoss> {
  const boss = new PgBoss({ connectionString: databaseUrl, schema: BOSS_SCHEMA, max: 4, application_name: "helpdesk-worker" });
  boss.on("error", (err) => logger.error({ event: "jobs.error", err: err.message }, "job runner error"));
  await boss.start();
  for (const job of ALL_JOBS) {
    await boss.createQueue(job.name, { name: job.name, ...job.queue });
    if (opts.schedule !== false && job.cron) await boss.schedule(job.name, job.cron, {}, { tz: "UTC" });
  }
  return boss;
}

/**
 * Installs (or upgrades) pg-boss's schema and creates the queues as the database OWNER (issue 9 item 3).
 * In production the app logs in as a member-only role of helpdesk_app, which may use pg-boss's tables
 * (migration 0008 grants that) but cannot create a schema or the queues' partition tables.
 */
export async function installJobSchema(ownerUrl: string): Promise<void> {
  const boss = new PgBoss({ connectionString: ownerUrl, schema: BOSS_SCHEMA, max: 1, supervise: false, schedule: false, application_name: "helpdesk-migrate" });
  boss.on("error", (err) => logger.error({ event: "jobs.error", err: err.message }, "job schema install error"));
  await boss.start();
  try {
    for (const job of ALL_JOBS) await boss.createQueue(job.name, { name: job.name, ...job.queue });
    if (!(await boss.getQueue(BOSS_CRON_QUEUE))) await boss.createQueue(BOSS_CRON_QUEUE);
  } finally {
    await boss.stop({ graceful: false, wait: true });
  }
}

export async function stopBoss(boss: PgBoss): Promise<void> {
  await boss.stop({ graceful: true, wait: true, timeout: 20_000 });
}
