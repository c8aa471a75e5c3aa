"use client";

// A client component so the queue's client rows (issue 15) and the server-rendered ticket page both word
// the badge in the reader's language (issue 13: the statuses and priorities of messages/common.ts).
import { COMMON_MESSAGES } from "@/components/messages/common";
import { useMessages } from "@/components/messages/use-messages";
import type { TTicketPriority, TTicketStatus } from "@/db/schema/enums";

// Colour is never the only signal: every badge carries its label as text.
export function StatusBadge({ status }: { status: TTicketStatus }) {
  const t = useMessages(COMMON_MESSAGES);
  return <span className={`badge badge-status-${status}`}>{t(`status.${status}`)}</span>;
}

export function PriorityBadge({ priority }: { priority: TTicketPriority }) {
  const t = useMessages(COMMON_MESSAGES);
  return <span className={`badge badge-priority-${priority}`}>{t(`priority.${priority}`)}</span>;
}
