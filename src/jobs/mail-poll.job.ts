// Issue 12: every active IMAP mailbox is read each minute; what it stored goes to the ingest job.
import { z } from "zod";
import { pollAllMailboxes } from "@/domain/mail/poll-mailbox";
import { defineJob, sendJob } from "./define-job";
import { mailIngestJob } from "./mail-ingest.job";

export const mailPollJob = defineJob({
  name: "mail-poll",
  payload: z.object({}).strict(),
  cron: "* * * * *",
  queue: { policy: "standard", retryLimit: 0, expireInSeconds: 600 },
  pollSeconds: 5,
  run: async (_payload, { boss }) => {
    const result = await pollAllMailboxes();
    if (result.stored > 0) await sendJob(boss, mailIngestJob, {});
    return result;
  },
});
