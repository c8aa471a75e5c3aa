// S9: e-mails and webhook calls waiting in the outbox; each message carries its own retry schedule.
import { z } from "zod";
import { defineJob } from "./define-job";
import { deliverOutbox } from "./deliver-outbox";

export const outboxDeliverJob = defineJob({
  name: "outbox-deliver",
  payload: z.object({}).strict(),
  cron: "* * * * *",
  queue: { policy: "standard", retryLimit: 0, expireInSeconds: 300 },
  pollSeconds: 2,
  run: () => deliverOutbox(),
});
