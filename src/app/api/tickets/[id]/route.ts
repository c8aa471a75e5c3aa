import { getTicketDetail } from "@/domain/tickets/get-ticket-detail";
import { ticketEtag, versionsFromIfMatch } from "@/domain/tickets/ticket-version";
import { ZUpdateTicket } from "@/domain/tickets/tickets.schemas";
import { updateTicket } from "@/domain/tickets/update-ticket";
import { json } from "@/http/respond";
import { route } from "@/http/route";

/** The ticket with its ETag (its version), which PATCH and the comment POST accept as If-Match (issue 11). */
export const GET = route({ name: "tickets.get" }, async ({ actor, params }) => {
  const ticket = await getTicketDetail(actor, params.id!, { satisfaction: true });
  return json(ticket, { headers: { etag: ticketEtag(ticket.version) } });
});

export const PATCH = route({ name: "tickets.update", body: ZUpdateTicket }, async ({ req, actor, params, body }) => {
  const ticket = await updateTicket(actor, params.id!, body, versionsFromIfMatch(req.headers.get("if-match")));
  return json(ticket, { headers: { etag: ticketEtag(ticket.version) } });
});
