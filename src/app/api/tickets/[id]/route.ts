import { requireTicket } from "@/domain/tickets/get-ticket";
import { toTicketDto } from "@/domain/tickets/ticket-dto";
import { ZUpdateTicket } from "@/domain/tickets/tickets.schemas";
import { updateTicket } from "@/domain/tickets/update-ticket";
import { route } from "@/http/route";

export const GET = route({ name: "tickets.get" }, async ({ actor, params }) => toTicketDto(await requireTicket(actor, params.id!)));

export const PATCH = route({ name: "tickets.update", body: ZUpdateTicket }, ({ actor, params, body }) => updateTicket(actor, params.id!, body));
