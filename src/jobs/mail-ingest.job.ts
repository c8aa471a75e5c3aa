// Issue 12: stored inbound mail becomes tickets and comments. The SMTP listener and the IMAP poll send a
// job for the mail they stored; the schedule picks up anything left (a crashed worker's lease, a mail
// stored while no worker ran).
import { z } from "zod";
import { ingestPendingMails } from "@/domain/mail/ingest-mail";
import { defineJob } from "./define-job";

export const mailIngestJob = defineJob({
  name: "mail-ingest",
  payload: z.object({ inboundMailId: z.uuid().optional() }).strict(),
  cron: "* * * * *",
  queue: { policy: "standard", retryLimit: 0, expireInSeconds: 900 },
  pollSeconds: 1,
  run: async ({ inboundMailId }) => {
    const named = inboundMailId ? await ingestPendingMails({ id: inboundMailId }) : [];
    const rest = await ingestPendingMails({ limit: 50 });
    return { ingested: named.length + rest.length };
  },
});
