// The enum values of the API in the order people read them; their words are in the message sets
// (components/messages/common.ts: "status.open", "priority.high", "role.agent"). Type-only imports keep
// drizzle out of the browser bundle, and the Record types make the compiler flag a status or priority
// added to the schema without a place in the order.
import type { TTicketPriority, TTicketStatus } from "@/db/schema/enums";

const STATUS_RANK: Record<TTicketStatus, number> = { open: 0, pending: 1, on_hold: 2, resolved: 3, closed: 4 };
const PRIORITY_RANK: Record<TTicketPriority, number> = { low: 0, normal: 1, high: 2, urgent: 3 };

const byRank = <K extends string>(rank: Record<K, number>) => (Object.keys(rank) as K[]).sort((a, b) => rank[a] - rank[b]);

/** Workflow order, not alphabetical: how a support team reads a ticket's life. */
export const STATUS_ORDER: readonly TTicketStatus[] = byRank(STATUS_RANK);
export const PRIORITY_ORDER: readonly TTicketPriority[] = byRank(PRIORITY_RANK);
