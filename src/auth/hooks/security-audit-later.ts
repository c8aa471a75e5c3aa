// Issue 9 item 9: failed and throttled sign-ins are audited (S12) off the response's timing path. The
// audit write happens only for existing accounts (an unknown e-mail has no organization to write to),
// so awaiting it made existing accounts answer measurably slower: an enumeration oracle. The write is
// started, not awaited; its failure is logged by recordSecurityEvent. Tests await settleSecurityAudits().
import { logger } from "@/lib/logger";

const pending = new Set<Promise<unknown>>();

export function auditLater(work: () => Promise<unknown>): void {
  const p = Promise.resolve()
    .then(work)
    .catch((err: unknown) => logger.error({ event: "audit.record_failed", err: (err as Error).message }, "could not record sign-in event"))
    .finally(() => pending.delete(p));
  pending.add(p);
}

/** Resolves when every audit write started so far has finished. */
export async function settleSecurityAudits(): Promise<void> {
  while (pending.size) await Promise.all([...pending]);
}
