// Issue 13: every five minutes, the report rollups' delta rows are folded (reports are exact either way;
// this keeps them small) and business times still missing are computed. Two runs at once are harmless: compaction takes an advisory lock, and a business time already written is kept.
import { z } from "zod";
import { maintainReportRollups } from "@/domain/reports/maintain-rollups";
import { defineJob } from "./define-job";

export const reportsMaintainJob = defineJob({
  name: "reports-maintain",
  payload: z.object({}).strict(),
  cron: "*/5 * * * *",
  queue: { policy: "standard", retryLimit: 0, expireInSeconds: 600 },
  pollSeconds: 30,
  run: () => maintainReportRollups(),
});
