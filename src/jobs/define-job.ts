// What a job is (DESIGN.md "jobs", issue 10): one definition per file under src/jobs/ holding its name,
// its versioned zod payload, its schedule and queue policy, and its handler. The worker and pg-boss's
// queue setup loop over the list in src/jobs/index.ts; a payload is checked on the way in and out.
import type PgBoss from "pg-boss";
import type { z } from "zod";

export interface JobContext {
  boss: PgBoss;
}

export interface JobDefinition<P extends z.ZodType = z.ZodType> {
  /** Queue name; bump the suffix when the payload changes shape (old jobs then stay in the old queue). */
  name: string;
  payload: P;
  /** Cron (UTC) when the job runs on a schedule. */
  cron?: string;
  queue: Omit<PgBoss.Queue, "name">;
  /** How often an idle worker asks for this job. */
  pollSeconds: number;
  run(payload: z.output<P>, ctx: JobContext): Promise<unknown>;
}

export const defineJob = <P extends z.ZodType>(d: JobDefinition<P>): JobDefinition<P> => d;

export async function sendJob<P extends z.ZodType>(boss: PgBoss, job: JobDefinition<P>, data: z.input<P>): Promise<string | null> {
  return boss.send(job.name, job.payload.parse(data) as object);
}
