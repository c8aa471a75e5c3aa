import { answerOnTicket } from "@/domain/satisfaction/answer-satisfaction";
import { getTicketSatisfaction } from "@/domain/satisfaction/get-satisfaction";
import { ZListSatisfactionQuery, ZTicketSatisfactionAnswer } from "@/domain/satisfaction/satisfaction.schemas";
import { json } from "@/http/respond";
import { route } from "@/http/route";

/** Staff: every answer of the ticket; its requester: their own, and the question still open for them. */
export const GET = route({ name: "satisfaction.list", query: ZListSatisfactionQuery }, ({ actor, params, query }) =>
  getTicketSatisfaction(actor, params.id!, query),
);

/** The signed-in requester answers "How did we do?" about the ticket's current resolution, once. */
export const POST = route({ name: "satisfaction.answer", body: ZTicketSatisfactionAnswer }, async ({ actor, params, body }) =>
  json(await answerOnTicket(actor, params.id!, body), { status: 201 }),
);
