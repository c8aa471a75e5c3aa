import { getTicketDetail } from "@/domain/tickets/get-ticket-detail";
import { ZUpdateTicket } from "@/domain/tickets/tickets.schemas";
import { updateTicket } from "@/domain/tickets/update-ticket";
import { route } from "@/http/route";

export const GET = route({ name: "tickets.get" }, ({ actor, params }) => getTicketDetail(actor, params.id!));

export const PATCH = route({ name: "tickets.update", body: ZUpdateTicket }, ({ actor, params, body }) => updateTicket(actor, params.id!, body));
