// S9: every minute. Two scans at once are harmless (they split the due clocks with SKIP LOCKED and the
// database keeps every warning and breach unique), so the queue needs no singleton policy.
import { z } from "zod";
import { defineJob, sendJob } from "./define-job";
import { outboxDeliverJob } from "./outbox-deliver.job";
import { runSlaScan } from "./sla-breach-scan";

export const slaScanJob = defineJob({
  name: "sla-scan",
  payload: z.object({}).strict(),
  cron: "* * * * *",
  queue: { policy: "standard", retryLimit: 0, expireInSeconds: 300 },
  pollSeconds: 2,
  async run(_payload, { boss }) {
    const totals = await runSlaScan();
    // New notifications go out now rather than at the next minute.
    if (totals.warnings + totals.breaches > 0) await sendJob(boss, outboxDeliverJob, {});
    return totals;
  },
});
