// Issue 12: raw inbound mail past its retention loses its bytes, daily.
import { z } from "zod";
import { pruneRawMail } from "@/domain/mail/prune-raw-mail";
import { defineJob } from "./define-job";

export const mailRetentionJob = defineJob({
  name: "mail-retention",
  payload: z.object({}).strict(),
  cron: "50 3 * * *",
  queue: { policy: "standard", retryLimit: 0, expireInSeconds: 3600 },
  pollSeconds: 5,
  run: async () => ({ pruned: await pruneRawMail() }),
});
