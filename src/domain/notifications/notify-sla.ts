// SLA warnings and breaches go to the staff looking after the ticket (never to the requester).
import { formatAbsolute } from "@/components/time/format-time";
import type { Ticket, TSlaKind } from "@/db/schema";
import type { Scoped } from "@/db/scoped";
import { enqueueNotifications, staffOfTickets, type TicketEvent } from "./enqueue-notification";

const KIND_LABEL: Record<TSlaKind, string> = { first_response: "first response", next_reply: "next reply", resolution: "resolution" };

export type SlaNotice = { ticket: Ticket; kind: TSlaKind; type: "warning" | "breach"; dueAt: Date; at: Date };

/** Notifies the warnings and breaches of a batch (the breach scan's): recipients and rows in a few statements. */
export async function notifySlaEvents(s: Scoped, notices: SlaNotice[]): Promise<void> {
  if (notices.length === 0) return;
  const staff = await staffOfTickets(
    s,
    notices.map((n) => n.ticket),
  );
  const events: TicketEvent[] = notices.map(({ ticket, ...e }, i) => {
    const label = KIND_LABEL[e.kind];
    const minutesLeft = Math.max(0, Math.round((e.dueAt.getTime() - e.at.getTime()) / 60_000));
    const title = e.type === "breach" ? `SLA breached: ${label} on ${ticket.title}` : `SLA at risk: ${label} due in ${minutesLeft} min on ${ticket.title}`;
    // The text is stored once per notice and read by each person in their own zone: it names its zone (UTC).
    const due = formatAbsolute(e.dueAt);
    const text =
      e.type === "breach"
        ? `Ticket #${ticket.number} "${ticket.title}" missed its ${label} target (due ${due}).`
        : `Ticket #${ticket.number} "${ticket.title}" must have its ${label} by ${due}.`;
    return {
      type: e.type === "breach" ? "sla.breached" : "sla.warning",
      ticket,
      messages: staff[i]!.map((person) => ({ person, title, text })),
      webhookData: { kind: e.kind, dueAt: e.dueAt.toISOString(), priority: ticket.priority, status: ticket.status },
    };
  });
  await enqueueNotifications(s, events);
}
