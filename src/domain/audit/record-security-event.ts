// Security-relevant events that are not part of a change — denied access, failed or throttled sign-ins,
// rate-limit hits (S12) — appended in a transaction of their own. A failure to record never turns a
// denial into a success, and it is never silent (issue 9 item 4): values a client controls are bounded to
// what the columns hold before the write (a 65-character "address" once made every insert fail), a failed
// write is retried once, and a write that still fails is an error log line and a counted metric.
import { db } from "@/db/client";
import { normalizeIp } from "@/http/client-address";
import { logger } from "@/lib/logger";
import { metrics } from "@/lib/metrics";
import { appendAuditEvent, type NewAuditEvent } from "@/db/audit-chain/append";
import { safeErrorSummary } from "@/lib/log-safe";

const USER_AGENT_MAX = 512;
const TARGET_ID_MAX = 200;

function bounded(event: NewAuditEvent): NewAuditEvent {
  return {
    ...event,
    ip: normalizeIp(event.ip),
    userAgent: event.userAgent ? event.userAgent.slice(0, USER_AGENT_MAX) : null,
    targetId: event.targetId ? event.targetId.slice(0, TARGET_ID_MAX) : null,
  };
}

export async function recordSecurityEvent(event: NewAuditEvent): Promise<void> {
  const safe = bounded(event);
  let lastError: unknown;
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      await db().transaction((tx) => appendAuditEvent(tx, safe));
      return;
    } catch (err) {
      lastError = err;
    }
  }
  metrics().auditWriteFailures.inc({ action: event.action });
  logger.error(
    { event: "audit.record_failed", action: event.action, orgId: event.organizationId, err: safeErrorSummary(lastError) },
    "could not record security event",
  );
}
