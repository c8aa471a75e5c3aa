// Asking "How did we do?" (issue 13) is a side effect of the status change that resolves a ticket, made in
// the same transaction by applyTicketChange (DESIGN.md rule 5): a request row per resolution (the link's
// hash, what the resolution was), the requester's in-app notification (pointing at the ticket page, where
// they answer signed in) and the e-mail whose single-use link answers signed out. The link's token waits
// in the outbox sealed, like an invite's (issue 12); the database keeps only its hash.
import type { Ticket } from "@/db/schema";
import type { Scoped, VisibleTicket } from "@/db/scoped";
import { enqueueNotification } from "@/domain/notifications/enqueue-notification";
import { newLinkToken } from "@/lib/link-token";
import { mailEnabled } from "@/lib/mailer";
import { seal } from "@/lib/sealed";
import { satisfactionTokenContext } from "./satisfaction-link";
import { SATISFACTION_TTL_MS } from "./satisfaction.schemas";

const DONE = new Set<Ticket["status"]>(["resolved", "closed"]);

/** What a status change means for satisfaction: a new resolution to ask about, a reopen, or nothing. */
export function satisfactionStep(from: Ticket["status"], to: Ticket["status"] | undefined): "ask" | "withdraw" | null {
  if (!to || to === from) return null;
  if (to === "resolved" && !DONE.has(from)) return "ask";
  if (DONE.has(from) && !DONE.has(to)) return "withdraw";
  return null;
}

/** Called by applyTicketChange on the locked, updated ticket. */
export async function followSatisfaction(s: Scoped, before: Ticket, updated: VisibleTicket, at: Date): Promise<void> {
  const step = satisfactionStep(before.status, updated.status);
  if (step === "withdraw") await s.satisfaction.withdrawOpen(updated.id, at);
  if (step === "ask") await askForSatisfaction(s, updated, at);
}

async function askForSatisfaction(s: Scoped, ticket: VisibleTicket, at: Date): Promise<void> {
  // Nobody rates their own work: a requester who resolves (staff on their own ticket) is not asked.
  if (ticket.requesterId === s.actor.userId) return;
  const [requester] = await s.recipients.people([ticket.requesterId]);
  if (!requester) return; // deactivated: nobody to ask
  const { token, tokenHash } = newLinkToken();
  const expiresAt = new Date(at.getTime() + SATISFACTION_TTL_MS);
  const request = await s.satisfaction.createRequest({
    ticketId: ticket.id,
    resolution: await s.satisfaction.nextResolution(ticket.id),
    requesterId: requester.id,
    assigneeId: ticket.assigneeId,
    teamId: ticket.teamId,
    priority: ticket.priority,
    tokenHash,
    resolvedAt: at,
    expiresAt,
  });
  await enqueueNotification(s, {
    type: "satisfaction.requested",
    ticket,
    messages: [
      {
        person: requester,
        title: `Resolved: ${ticket.title} — how did we do?`,
        text: "Your ticket was resolved. Tell us on the ticket page whether we helped (good or bad, and a comment if you like).",
        // The e-mail carries the single-use link instead (below).
        email: false,
      },
    ],
    webhookData: null,
  });
  if (!mailEnabled()) return;
  await s.outbox.enqueue([
    {
      channel: "email",
      eventType: "satisfaction.requested",
      payload: {
        kind: "satisfaction",
        to: requester.email,
        recipientId: requester.id,
        ticketId: ticket.id,
        requestId: request.id,
        sealedToken: seal(token, satisfactionTokenContext(request.id, requester.id)),
        expiresAt: expiresAt.toISOString(),
      },
    },
  ]);
}
