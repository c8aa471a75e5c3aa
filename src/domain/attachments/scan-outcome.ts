// Where a scanned file goes and what its row says (S11). Fail closed: only `clean` reaches normal storage.
import type { TAttachmentStatus } from "@/db/schema";
import type { ScanVerdict } from "@/lib/scanner/clamd";
import type { StorageArea } from "@/lib/storage";

export interface ScanOutcome {
  status: TAttachmentStatus;
  area: StorageArea;
  scanResult: string | null;
}

/** `null` verdict = the scanner was unavailable: the file is held, unserved, until a retry scans it. */
export function scanOutcome(verdict: ScanVerdict | null): ScanOutcome {
  if (!verdict) return { status: "pending_scan", area: "held", scanResult: null };
  if (verdict.verdict === "clean") return { status: "clean", area: "clean", scanResult: "OK" };
  if (verdict.verdict === "infected") return { status: "infected", area: "quarantine", scanResult: `FOUND ${verdict.signature}`.slice(0, 200) };
  return { status: "failed", area: "quarantine", scanResult: `ERROR ${verdict.reply}`.slice(0, 200) };
}
