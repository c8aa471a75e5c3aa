// S12: every organization's audit chain against its last signed checkpoint, then a new checkpoint.
import { z } from "zod";
import { verifyAllAuditChains } from "@/domain/audit/verify-all-chains";
import { defineJob } from "./define-job";

export const auditVerifyJob = defineJob({
  name: "audit-verify",
  payload: z.object({}).strict(),
  cron: "17 * * * *",
  queue: { policy: "standard", retryLimit: 0, expireInSeconds: 3600 },
  pollSeconds: 5,
  async run() {
    const results = await verifyAllAuditChains();
    return { organizations: results.length, broken: results.filter((r) => !r.ok).map((r) => r.slug) };
  },
});
