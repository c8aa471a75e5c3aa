// Security-relevant events that are not part of a change — denied access, failed or throttled sign-ins,
// rate-limit hits (S12) — appended in a transaction of their own. A failure to record never turns a
// denial into a success: it is logged and the denial stands.
import { db } from "@/db/client";
import { logger } from "@/lib/logger";
import { appendAuditEvent, type NewAuditEvent } from "./append-audit-event";

export async function recordSecurityEvent(event: NewAuditEvent): Promise<void> {
  try {
    await db().transaction((tx) => appendAuditEvent(tx, event));
  } catch (err) {
    logger.error({ event: "audit.record_failed", action: event.action, err: (err as Error).message }, "could not record security event");
  }
}
