// One event, every channel (S9): in-app rows, one e-mail per recipient and one webhook call, all written
// through the caller's transaction so they exist exactly when the event does. Delivery (and retry) of
// e-mails and webhooks is the worker's job (src/jobs/deliver-outbox.ts).
import { randomUUID } from "node:crypto";
import { roleCan } from "@/auth/permissions";
import type { Ticket } from "@/db/schema";
import type { NotificationInput } from "@/db/scoped/notifications";
import type { OutboxInput } from "@/db/scoped/outbox";
import type { Scoped } from "@/db/scoped";
import { now } from "@/lib/clock";
import { env } from "@/lib/env";

export type Person = { id: string; email: string; name: string; role: string };
/** What one recipient is told. Content is chosen per recipient, so staff-only text never reaches others. */
export type Message = {
  person: Person;
  title: string;
  text: string;
  /** false: in-app only (the e-mail goes another way, e.g. a threaded reply). */
  email?: boolean;
};

export interface TicketEvent {
  type: string;
  ticket: Pick<Ticket, "id" | "number" | "title">;
  messages: Message[];
  /** The webhook payload's `data`; it must hold nothing staff-only (D4). null: not a webhook event. */
  webhookData: Record<string, unknown> | null;
}

const clip = (s: string, max: number) => (s.length > max ? `${s.slice(0, max - 1)}…` : s);

export async function enqueueNotification(s: Scoped, event: TicketEvent): Promise<void> {
  await enqueueNotifications(s, [event]);
}

/** Several events at once (the breach scan's batch): one statement per table, the webhook endpoint read once. */
export async function enqueueNotifications(s: Scoped, events: TicketEvent[]): Promise<void> {
  if (events.length === 0) return;
  const { SMTP_URL, APP_URL } = env();
  const endpoint = await s.webhook.get();
  const inApp: NotificationInput[] = [];
  const outbox: OutboxInput[] = [];
  for (const event of events) {
    const seen = new Set<string>();
    const messages = event.messages.filter((m) => !seen.has(m.person.id) && seen.add(m.person.id));
    for (const m of messages) {
      inApp.push({ userId: m.person.id, ticketId: event.ticket.id, type: event.type, title: clip(m.title, 300), body: clip(m.text, 1000) });
    }
    // Without SMTP_URL the e-mail channel is off (development); in-app and webhooks still work.
    if (SMTP_URL) {
      for (const m of messages) {
        if (m.email === false) continue;
        const link = `${APP_URL}/app/tickets/${event.ticket.id}`;
        outbox.push({
          channel: "email",
          eventType: event.type,
          payload: {
            to: m.person.email,
            recipientId: m.person.id,
            ticketId: event.ticket.id,
            subject: clip(`[#${event.ticket.number}] ${m.title}`, 200),
            text: `${m.text}\n\n${link}\n`,
          },
        });
      }
    }
    // An endpoint that chose its events (issue 13) gets only those; null means every event.
    if (event.webhookData && endpoint?.active && (!endpoint.events || endpoint.events.includes(event.type))) {
      const body = JSON.stringify({
        id: randomUUID(),
        event: event.type,
        occurredAt: now().toISOString(),
        organizationId: s.actor.orgId,
        ticket: { id: event.ticket.id, number: event.ticket.number, title: event.ticket.title },
        data: event.webhookData,
      });
      outbox.push({ channel: "webhook", eventType: event.type, payload: { event: event.type, body } });
    }
  }
  await s.notifications.insertMany(inApp);
  await s.outbox.enqueue(outbox);
}

type StaffOf = Pick<Ticket, "assigneeId" | "teamId">;

/** The staff who look after a ticket: its assignee and its team; the admins when nobody does. */
export async function ticketStaff(s: Scoped, ticket: StaffOf): Promise<Person[]> {
  const [staff] = await staffOfTickets(s, [ticket]);
  return staff!;
}

/** ticketStaff for several tickets with three queries in all (team members, admins if needed, people). */
export async function staffOfTickets(s: Scoped, tickets: StaffOf[]): Promise<Person[][]> {
  const teamIds = [...new Set(tickets.flatMap((t) => (t.teamId ? [t.teamId] : [])))];
  const membersOf = new Map<string, string[]>();
  for (const m of await s.recipients.teamMembers(teamIds)) membersOf.set(m.teamId, [...(membersOf.get(m.teamId) ?? []), m.userId]);
  const idsPerTicket = tickets.map((t) => {
    const ids = new Set<string>();
    if (t.assigneeId) ids.add(t.assigneeId);
    if (t.teamId) for (const id of membersOf.get(t.teamId) ?? []) ids.add(id);
    return ids;
  });
  if (idsPerTicket.some((ids) => ids.size === 0)) {
    const admins = await s.recipients.adminIds();
    for (const ids of idsPerTicket) if (ids.size === 0) for (const id of admins) ids.add(id);
  }
  const people = new Map((await s.recipients.people([...new Set(idsPerTicket.flatMap((ids) => [...ids]))])).map((p) => [p.id, p]));
  return idsPerTicket.map((ids) => [...ids].flatMap((id) => people.get(id) ?? []).filter((p) => roleCan(p.role, "tickets.be_assigned")));
}
