import type { AttachmentTranslator } from "@/components/messages/attachments";
import type { TAttachmentDto } from "@/domain/attachments/attachment-dto";

/**
 * A file's scan state in words (S11, issue 11). Only clean files can be downloaded; staff also see the
 * others, so each says why it cannot be opened rather than showing a dead name. Rendered both by the
 * server's thread and the client's attachments panel: each passes its own translator (issue 13), built
 * once for the whole list.
 */
export function AttachmentState({ status, t }: { status: TAttachmentDto["status"]; t: AttachmentTranslator }) {
  if (status === "clean") return null;
  return (
    <>
      <span className={`badge ${status === "pending_scan" ? "badge-pending" : "badge-quarantined"}`}>
        {t(status === "pending_scan" ? "attachments.state.pending_scan" : "attachments.state.quarantined")}
      </span>
      <span className="attachment-state muted">{t(`attachments.why.${status}`)}</span>
    </>
  );
}
