// Every job, by name: the worker runs these and pg-boss gets a queue (and schedule) for each.
import { attachmentScanRetryJob } from "./attachment-scan-retry.job";
import { auditRetentionJob } from "./audit-retention.job";
import { auditVerifyJob } from "./audit-verify.job";
import type { JobDefinition } from "./define-job";
import { exportsRunJob } from "./exports-run.job";
import { liveEventsPruneJob } from "./live-events-prune.job";
import { mailDomainRecheckJob } from "./mail-domain-recheck.job";
import { mailIngestJob } from "./mail-ingest.job";
import { mailPollJob } from "./mail-poll.job";
import { mailRetentionJob } from "./mail-retention.job";
import { outboxDeliverJob } from "./outbox-deliver.job";
import { reportsMaintainJob } from "./reports-maintain.job";
import { slaScanJob } from "./sla-scan.job";
import { ticketRetentionJob } from "./ticket-retention.job";

export const JOBS = {
  slaScan: slaScanJob,
  outboxDeliver: outboxDeliverJob,
  exportsRun: exportsRunJob,
  attachmentScanRetry: attachmentScanRetryJob,
  auditVerify: auditVerifyJob,
  auditRetention: auditRetentionJob,
  liveEventsPrune: liveEventsPruneJob,
  mailIngest: mailIngestJob,
  mailPoll: mailPollJob,
  mailRetention: mailRetentionJob,
  ticketRetention: ticketRetentionJob,
  mailDomainRecheck: mailDomainRecheckJob,
  reportsMaintain: reportsMaintainJob,
} as const;

export const ALL_JOBS: readonly JobDefinition[] = Object.values(JOBS);
