import type { TAttachmentDto } from "@/domain/attachments/attachment-dto";
import { WAITING_FOR_SCAN } from "./upload-file";

/**
 * A file's scan state in words (S11, issue 11). Only clean files can be downloaded; staff also see the
 * others, so each says why it cannot be opened rather than showing a dead name.
 */
const WORDS: Record<TAttachmentDto["status"], { badge: string; sentence: string } | null> = {
  clean: null,
  pending_scan: { badge: "Waiting for virus scan", sentence: WAITING_FOR_SCAN },
  infected: { badge: "Quarantined", sentence: "The virus scanner found malware in this file. It is quarantined and cannot be downloaded." },
  failed: { badge: "Quarantined", sentence: "The virus scanner could not check this file. It is quarantined and cannot be downloaded." },
};

export function AttachmentState({ status }: { status: TAttachmentDto["status"] }) {
  const words = WORDS[status];
  if (!words) return null;
  return (
    <>
      <span className={`badge ${status === "pending_scan" ? "badge-pending" : "badge-quarantined"}`}>{words.badge}</span>
      <span className="attachment-state muted">{words.sentence}</span>
    </>
  );
}
