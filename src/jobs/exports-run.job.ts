// S18: queued exports, oldest first; a claimed row is skipped by other workers (SKIP LOCKED).
import { z } from "zod";
import { runQueuedExports } from "@/domain/exports/run-export";
import { defineJob } from "./define-job";

export const exportsRunJob = defineJob({
  name: "exports-run",
  payload: z.object({}).strict(),
  cron: "* * * * *",
  queue: { policy: "standard", retryLimit: 0, expireInSeconds: 900 },
  pollSeconds: 2,
  run: async () => ({ exports: await runQueuedExports() }),
});
