// Issue 12 follow-up: verified mailbox domains are re-checked against DNS daily; a record that is gone
// unverifies its domain (recheck-mail-domains.ts).
import { z } from "zod";
import { recheckMailDomains } from "@/domain/mail/recheck-mail-domains";
import { defineJob } from "./define-job";

export const mailDomainRecheckJob = defineJob({
  name: "mail-domain-recheck",
  payload: z.object({}).strict(),
  cron: "40 4 * * *",
  queue: { policy: "standard", retryLimit: 2, expireInSeconds: 3600 },
  pollSeconds: 5,
  run: async () => recheckMailDomains(),
});
