import { env } from "@/lib/env";

/** Limits of S11, configurable per deployment; 10 MB per file and 20 files per ticket by default. */
export function attachmentLimits() {
  const e = env();
  return { maxFileBytes: e.ATTACHMENT_MAX_BYTES, perTicket: e.ATTACHMENTS_PER_TICKET, urlTtlSec: e.DOWNLOAD_URL_TTL_SEC };
}
