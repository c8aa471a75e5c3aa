// S11: files held because the scanner was down are scanned again; never served before that.
import { z } from "zod";
import { retryPendingScans } from "@/domain/attachments/retry-pending-scans";
import { defineJob } from "./define-job";

export const attachmentScanRetryJob = defineJob({
  name: "attachment-scan-retry",
  payload: z.object({}).strict(),
  cron: "* * * * *",
  queue: { policy: "standard", retryLimit: 0, expireInSeconds: 300 },
  pollSeconds: 5,
  run: () => retryPendingScans(),
});
