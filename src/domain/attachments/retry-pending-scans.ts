// The job that finishes uploads received while clamd was down (S11, fail closed). Callable from a script,
// a test or the jobs runner. Each file is scanned with its row locked; the verdict, the audit event and
// the move out of the `held` area commit together. With the scanner still down it stops and reports.
import { createHash } from "node:crypto";
import { db } from "@/db/client";
import { scoped } from "@/db/scoped";
import { systemActor } from "@/auth/system-actor";
import { unsafeClaimPendingScan } from "@/db/unsafe-attachment-scans";
import { now } from "@/lib/clock";
import { logger } from "@/lib/logger";
import { ScannerUnavailable, scanBytes, type ScanVerdict } from "@/lib/scanner/clamd";
import { storage } from "@/lib/storage";
import { scanOutcome } from "./scan-outcome";

export interface RetrySummary {
  clean: number;
  quarantined: number;
  failed: number;
  scannerUnavailable: boolean;
}

export async function retryPendingScans(opts: { limit?: number } = {}): Promise<RetrySummary> {
  const summary: RetrySummary = { clean: 0, quarantined: 0, failed: 0, scannerUnavailable: false };
  const limit = opts.limit ?? 100;
  const seen: string[] = [];
  for (let i = 0; i < limit && !summary.scannerUnavailable; i++) {
    const done = await db().transaction(async (tx) => {
      const row = await unsafeClaimPendingScan(tx, seen);
      if (!row) return false;
      seen.push(row.id);
      const s = scoped(systemActor(row.organizationId, "attachment-scan"), tx);
      const bytes = await storage().get("held", row.storageKey);

      let verdict: ScanVerdict | null;
      if (!bytes || createHash("sha256").update(bytes).digest("hex") !== row.sha256) {
        // The held copy is gone or altered: it can never be shown to be the file that was uploaded.
        verdict = { verdict: "error", reply: bytes ? "held file does not match its checksum" : "held file missing" };
      } else {
        try {
          verdict = await scanBytes(bytes);
        } catch (e) {
          if (!(e instanceof ScannerUnavailable)) throw e;
          summary.scannerUnavailable = true;
          logger.warn({ event: "attachment.scanner_unavailable", job: "retryPendingScans", err: e.message }, "clamd still unavailable");
          return false;
        }
      }
      const outcome = scanOutcome(verdict);
      await s.attachments.markScanned(row.id, { status: outcome.status, scanResult: outcome.scanResult, scannedAt: now(), scanAttempts: row.scanAttempts + 1 });
      const quarantined = outcome.area === "quarantine";
      await s.audit.record({
        action: quarantined ? "attachment.quarantined" : "attachment.scanned",
        targetType: "attachment",
        targetId: row.id,
        data: { ticketId: row.ticketId, status: outcome.status, scanResult: outcome.scanResult, retried: true },
      });
      // Last, so a failed move rolls the verdict back and the file stays held for the next run.
      if (bytes) await storage().move("held", outcome.area, row.storageKey);
      if (quarantined) {
        summary[outcome.status === "infected" ? "quarantined" : "failed"]++;
        logger.warn(
          { event: "security.attachment_quarantined", orgId: row.organizationId, attachmentId: row.id, scanResult: outcome.scanResult },
          "pending upload quarantined after scan",
        );
      } else {
        summary.clean++;
      }
      return true;
    });
    if (!done) break;
  }
  return summary;
}
