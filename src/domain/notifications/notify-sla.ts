// SLA warnings and breaches go to the staff looking after the ticket (never to the requester).
import type { Ticket, TSlaKind } from "@/db/schema";
import type { Scoped } from "@/db/scoped";
import { enqueueNotification, ticketStaff } from "./enqueue-notification";

const KIND_LABEL: Record<TSlaKind, string> = { first_response: "first response", next_reply: "next reply", resolution: "resolution" };

export async function notifySlaEvent(s: Scoped, ticket: Ticket, e: { kind: TSlaKind; type: "warning" | "breach"; dueAt: Date; at: Date }): Promise<void> {
  const label = KIND_LABEL[e.kind];
  const minutesLeft = Math.max(0, Math.round((e.dueAt.getTime() - e.at.getTime()) / 60_000));
  const title = e.type === "breach" ? `SLA breached: ${label} on ${ticket.title}` : `SLA at risk: ${label} due in ${minutesLeft} min on ${ticket.title}`;
  const text =
    e.type === "breach"
      ? `Ticket #${ticket.number} "${ticket.title}" missed its ${label} target (due ${e.dueAt.toISOString()}).`
      : `Ticket #${ticket.number} "${ticket.title}" must have its ${label} by ${e.dueAt.toISOString()}.`;
  const staff = await ticketStaff(s, ticket);
  await enqueueNotification(s, {
    type: e.type === "breach" ? "sla.breached" : "sla.warning",
    ticket,
    messages: staff.map((person) => ({ person, title, text })),
    webhookData: { kind: e.kind, dueAt: e.dueAt.toISOString(), priority: ticket.priority, status: ticket.status },
  });
}
