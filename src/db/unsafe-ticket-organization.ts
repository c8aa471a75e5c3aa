// Cross-tenant on purpose: a signed reply address (issue 12, src/domain/mail/reply-address.ts) names a
// ticket, not an organization. Inbound mail looks up which organization the ticket belongs to, so that
// the token's MAC can be checked against exactly that pair; only the organization id is returned, and
// only a genuine token makes anything of it.
import { eq } from "drizzle-orm";
import { db } from "./client";
import { tickets } from "./schema";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function unsafeOrganizationOfTicket(ticketId: string): Promise<string | null> {
  if (!UUID.test(ticketId)) return null;
  const [row] = await db().select({ organizationId: tickets.organizationId }).from(tickets).where(eq(tickets.id, ticketId)).limit(1);
  return row?.organizationId ?? null;
}
