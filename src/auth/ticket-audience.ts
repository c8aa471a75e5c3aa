// Who a ticket is shaped for (issue 11, F6). Staff see its triage and follow every write; a requester sees
// the ticket as they can act on it — its conversation, status and content — and a version that moves only
// with that, so watching their own ticket tells them nothing about the staff's work on it. Decided from the
// permission table, once, for the DTO, the version (ETag / If-Match), the timeline and the queue filters.
import { can, type Actor } from "./actor";

export type TicketAudience = "staff" | "requester";

export const ticketAudience = (actor: Pick<Actor, "role">): TicketAudience => (can(actor, "tickets.read.triage") ? "staff" : "requester");
