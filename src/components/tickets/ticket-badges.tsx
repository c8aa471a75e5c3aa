import type { TTicketPriority, TTicketStatus } from "@/db/schema/enums";
import { PRIORITY_LABELS, STATUS_LABELS } from "./labels";

// Colour is never the only signal: every badge carries its label as text.
export function StatusBadge({ status }: { status: TTicketStatus }) {
  return <span className={`badge badge-status-${status}`}>{STATUS_LABELS[status]}</span>;
}

export function PriorityBadge({ priority }: { priority: TTicketPriority }) {
  return <span className={`badge badge-priority-${priority}`}>{PRIORITY_LABELS[priority]}</span>;
}
