// The worker's half of a password reset request (issue 12). The HTTP request was answered at once, the
// same for every address (auth/hooks/password-reset.ts); here each queued request goes to Better Auth's
// own requestPasswordReset, which finds the account, if any, makes the token and calls back
// sendResetPasswordMail. Unknown addresses end here, with nothing sent and nothing told.
import { auth } from "@/auth/better-auth";
import { unsafeClaimPasswordResetRequests, unsafeDeletePasswordResetRequest } from "@/db/unsafe-password-reset";
import { now } from "@/lib/clock";
import { logger } from "@/lib/logger";
import { safeErrorSummary } from "@/lib/log-safe";
import { resetRequestMeta } from "./password-reset-mail";

const BATCH = 50;
const LEASE_MS = 5 * 60_000;
/** A request that still fails after this long is dropped: its link would be no use to anyone by now. */
const GIVE_UP_MS = 60 * 60_000;

export async function processPasswordResetRequests(opts: { maxBatches?: number } = {}): Promise<{ processed: number; failed: number }> {
  let processed = 0;
  let failed = 0;
  for (let i = 0; i < (opts.maxBatches ?? 20); i++) {
    const batch = await unsafeClaimPasswordResetRequests(now(), BATCH, LEASE_MS);
    for (const request of batch) {
      try {
        await resetRequestMeta.run({ ip: request.ip, userAgent: request.userAgent }, () => auth().api.requestPasswordReset({ body: { email: request.email } }));
        processed++;
      } catch (e) {
        // Kept: its lease runs out and the next run tries again, for an hour at most.
        failed++;
        logger.warn({ event: "auth.password_reset_request_failed", err: safeErrorSummary(e) }, "password reset request failed");
        if (now().getTime() - request.requestedAt.getTime() < GIVE_UP_MS) continue;
      }
      await unsafeDeletePasswordResetRequest(request.id);
    }
    if (batch.length < BATCH) break;
  }
  return { processed, failed };
}
