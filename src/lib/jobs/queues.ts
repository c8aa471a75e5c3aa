// Job definitions (DESIGN.md "jobs"): one name, one zod payload, one schedule each. Senders and workers
// both go through these, so a payload is checked on the way in and on the way out.
import type PgBoss from "pg-boss";
import { z } from "zod";

export interface JobDefinition<P extends z.ZodType> {
  name: string;
  payload: P;
  /** Cron (UTC) when the job runs on a schedule. */
  cron?: string;
  queue: Omit<PgBoss.Queue, "name">;
}

const define = <P extends z.ZodType>(d: JobDefinition<P>) => d;

export const JOBS = {
  // S9: every minute. Two scans at once are harmless (they split the due clocks with SKIP LOCKED and the
  // database keeps every warning and breach unique), so the queue needs no singleton policy.
  slaScan: define({
    name: "sla-scan",
    payload: z.object({}).strict(),
    cron: "* * * * *",
    queue: { policy: "standard", retryLimit: 0, expireInSeconds: 300 },
  }),
  // E-mails and webhook calls waiting in the outbox (S9); each message carries its own retry schedule.
  outboxDeliver: define({
    name: "outbox-deliver",
    payload: z.object({}).strict(),
    cron: "* * * * *",
    queue: { policy: "standard", retryLimit: 0, expireInSeconds: 300 },
  }),
  // S18: queued exports, oldest first; a claimed row is skipped by other workers (SKIP LOCKED).
  exportsRun: define({
    name: "exports-run",
    payload: z.object({}).strict(),
    cron: "* * * * *",
    queue: { policy: "standard", retryLimit: 0, expireInSeconds: 900 },
  }),
  // S11: files held because the scanner was down are scanned again; never served before that.
  attachmentScanRetry: define({
    name: "attachment-scan-retry",
    payload: z.object({}).strict(),
    cron: "* * * * *",
    queue: { policy: "standard", retryLimit: 0, expireInSeconds: 300 },
  }),
  // S12: every organization's audit chain against its last signed checkpoint, then a new checkpoint.
  auditVerify: define({
    name: "audit-verify",
    payload: z.object({}).strict(),
    cron: "17 * * * *",
    queue: { policy: "standard", retryLimit: 0, expireInSeconds: 3600 },
  }),
  // S12: retention, daily; each pruning is itself recorded in the chain.
  auditRetention: define({
    name: "audit-retention",
    payload: z.object({}).strict(),
    cron: "40 3 * * *",
    queue: { policy: "standard", retryLimit: 0, expireInSeconds: 3600 },
  }),
} as const;

export type JobName = (typeof JOBS)[keyof typeof JOBS]["name"];

export async function sendJob<P extends z.ZodType>(boss: PgBoss, job: JobDefinition<P>, data: z.input<P>): Promise<string | null> {
  return boss.send(job.name, job.payload.parse(data) as object);
}
