// Human labels for the enum values of the API. Type-only imports keep drizzle out of the browser bundle,
// and the Record types make the compiler flag a status or priority added to the schema without a label.
import type { TRole, TTicketPriority, TTicketStatus } from "@/db/schema/enums";

export const STATUS_LABELS: Record<TTicketStatus, string> = {
  open: "Open",
  pending: "Pending",
  on_hold: "On hold",
  resolved: "Resolved",
  closed: "Closed",
};

export const PRIORITY_LABELS: Record<TTicketPriority, string> = {
  low: "Low",
  normal: "Normal",
  high: "High",
  urgent: "Urgent",
};

export const ROLE_LABELS: Record<TRole, string> = {
  admin: "Admin",
  agent: "Agent",
  requester: "Requester",
};

/** Workflow order, not alphabetical: how a support team reads a ticket's life. */
export const STATUS_ORDER = Object.keys(STATUS_LABELS) as TTicketStatus[];
export const PRIORITY_ORDER = Object.keys(PRIORITY_LABELS) as TTicketPriority[];
