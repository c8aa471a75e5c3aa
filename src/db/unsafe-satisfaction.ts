// Cross-tenant on purpose: a satisfaction link (issue 13) is opened by whoever holds it, often signed out
// from an e-mail, and names no organization. This finds which organization, ticket and requester a token
// hash belongs to; the answer then runs through scoped() as that requester, and the single-use UPDATE
// there re-checks the request's state.
import { and, eq } from "drizzle-orm";
import { db } from "./client";
import { satisfactionRequests, tickets, users, type SatisfactionRequest, type TRole } from "./schema";

export type SatisfactionLink = {
  request: SatisfactionRequest;
  requester: { id: string; name: string; role: TRole };
  ticket: { number: number; title: string };
};

/** The request behind a token hash, whatever its state, while its requester is an active member; else null. */
export async function unsafeFindSatisfactionLink(tokenHash: string): Promise<SatisfactionLink | null> {
  const [row] = await db()
    .select({
      request: satisfactionRequests,
      requester: { id: users.id, name: users.name, role: users.role },
      ticket: { number: tickets.number, title: tickets.title },
    })
    .from(satisfactionRequests)
    .innerJoin(
      users,
      and(eq(users.id, satisfactionRequests.requesterId), eq(users.organizationId, satisfactionRequests.organizationId), eq(users.active, true)),
    )
    .innerJoin(tickets, and(eq(tickets.id, satisfactionRequests.ticketId), eq(tickets.organizationId, satisfactionRequests.organizationId)))
    .where(eq(satisfactionRequests.tokenHash, tokenHash))
    .limit(1);
  return row ?? null;
}
