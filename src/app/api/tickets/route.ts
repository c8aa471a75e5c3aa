import { createTicket } from "@/domain/tickets/create-ticket";
import { listTickets } from "@/domain/tickets/list-tickets";
import { ZCreateTicket, ZListTicketsQuery } from "@/domain/tickets/tickets.schemas";
import { json } from "@/http/respond";
import { route } from "@/http/route";

export const GET = route({ name: "tickets.list", query: ZListTicketsQuery }, ({ actor, query }) => listTickets(actor, query));

export const POST = route({ name: "tickets.create", body: ZCreateTicket }, async ({ actor, body }) => json(await createTicket(actor, body), { status: 201 }));
