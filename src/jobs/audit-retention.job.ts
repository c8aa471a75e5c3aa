// S12: retention, daily; each pruning is itself recorded in the chain, and only an intact chain is pruned.
import { z } from "zod";
import { applyAuditRetention } from "@/domain/audit/prune-audit-events";
import { defineJob } from "./define-job";

export const auditRetentionJob = defineJob({
  name: "audit-retention",
  payload: z.object({}).strict(),
  cron: "40 3 * * *",
  queue: { policy: "standard", retryLimit: 0, expireInSeconds: 3600 },
  pollSeconds: 5,
  run: async () => ({ pruned: await applyAuditRetention() }),
});
