// S9: e-mails and webhook calls waiting in the outbox; each message carries its own retry schedule.
// Queued password reset requests (issue 12) are turned into outbox mails first, so a reset link goes out
// in the same run.
import { z } from "zod";
import { processPasswordResetRequests } from "@/domain/account/process-password-reset-requests";
import { defineJob } from "./define-job";
import { deliverOutbox } from "./deliver-outbox";

export const outboxDeliverJob = defineJob({
  name: "outbox-deliver",
  payload: z.object({}).strict(),
  cron: "* * * * *",
  queue: { policy: "standard", retryLimit: 0, expireInSeconds: 300 },
  pollSeconds: 2,
  run: async () => ({ resetRequests: await processPasswordResetRequests(), ...(await deliverOutbox()) }),
});
