// Issue 14: closed tickets past their organization's retention rule are deleted or anonymised, daily.
import { z } from "zod";
import { applyTicketRetention } from "@/domain/lifecycle/apply-ticket-retention";
import { defineJob } from "./define-job";

export const ticketRetentionJob = defineJob({
  name: "ticket-retention",
  payload: z.object({}).strict(),
  cron: "20 4 * * *",
  queue: { policy: "standard", retryLimit: 1, expireInSeconds: 3600 },
  pollSeconds: 5,
  run: async () => ({ organizations: await applyTicketRetention() }),
});
