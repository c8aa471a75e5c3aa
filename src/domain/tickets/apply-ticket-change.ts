// The ONE way a ticket's fields change (issue 11): PATCH, a reply that also sets a status, a requester's
// reply that reopens the ticket, and bulk actions all come through here, so each is authorized,
// SLA-adjusted, written with a new version, put on the timeline and audited the same way, in the caller's
// transaction on a ticket row it has locked.
import type { Actor } from "@/auth/actor";
import type { Ticket } from "@/db/schema";
import type { ActivityEntry, Scoped, VisibleTicket } from "@/db/scoped";
import { followSatisfaction } from "@/domain/satisfaction/ask-for-satisfaction";
import { reportDurations } from "@/domain/reports/report-durations";
import { reviseTicketSla } from "@/domain/sla/maintain-ticket-sla";
import { resolutionUpdate } from "@/domain/sla/sla-deadlines";
import { hasTagChange, nextTags, sameTags } from "@/domain/tags/next-tags";
import { Forbidden } from "@/lib/errors";
import { assertNotClosed, requesterMayMove, ticketPermissions } from "./ticket-actions";
import { changesRequesterView } from "./ticket-dto";
import type { TUpdateTicket } from "./tickets.schemas";
import { validateAssignment } from "./validate-assignment";

export type TicketFields = TUpdateTicket;
type Field = "title" | "descriptionMd" | "status" | "priority" | "assigneeId" | "teamId";
type Change = { from: unknown; to: unknown };

/** Every permission the requested change needs, checked before anything is written (S19). */
export function authorizeChange(actor: Actor, ticket: Ticket, input: Partial<TicketFields>): void {
  const may = ticketPermissions(actor, ticket);
  if ((input.title !== undefined || input.descriptionMd !== undefined) && !may.editContent) throw Forbidden("You cannot edit this ticket");
  if (input.status !== undefined && input.status !== ticket.status && !may.setStatus) {
    if (!(may.closeOrReopenOwn && requesterMayMove(ticket.status, input.status))) throw Forbidden("You can only close or reopen your own ticket");
  }
  if (input.priority !== undefined && !may.setPriority) throw Forbidden();
  if ((input.assigneeId !== undefined || input.teamId !== undefined) && !may.assign) throw Forbidden();
  if (hasTagChange(tagChangeOf(input)) && !may.tag) throw Forbidden();
  // Closed is final (issue 11): its status is the one thing staff may still change (to reopen it). Content,
  // priority, assignee, team and tags are 409 `ticket_closed` on every door (PATCH, bulk, macros' PATCH),
  // even beside a reopening status in the same request: reopen first, then edit what is then open.
  if (ticket.status === "closed" && changesMoreThanStatus(input)) assertNotClosed(ticket);
}

const changesMoreThanStatus = (input: Partial<TicketFields>) =>
  (Object.keys(input) as (keyof TicketFields)[]).some((key) => key !== "status" && input[key] !== undefined);

const tagChangeOf = (input: Partial<TicketFields>) => ({ set: input.tags, add: input.addTags, remove: input.removeTags });

const ACTIVITY_FIELD = {
  title: "title",
  descriptionMd: "description",
  status: "status",
  priority: "priority",
  assigneeId: "assignee",
  teamId: "team",
} as const satisfies Record<Field, ActivityEntry["field"]>;

export interface ChangeOptions {
  /** The reply this change comes with: it moves the SLA's reply clocks in the same revision. */
  reply?: { byStaff: boolean; internal: boolean };
  /** Columns the caller sets alongside (the first response of a reply). */
  extra?: Partial<Pick<Ticket, "firstRespondedAt">>;
  /** Why, for the audit event: a requester's reply reopening the ticket is not a status edit; a bulk action. */
  cause?: "requester_reply" | "bulk";
}

/**
 * Applies `input` (already authorized by the caller through authorizeChange, or a rule of the system such
 * as reopen-on-reply) to the locked `ticket`. Writes nothing when nothing changes and there is no reply.
 */
export async function applyTicketChange(s: Scoped, ticket: VisibleTicket, input: Partial<TicketFields>, at: Date, opts: ChangeOptions = {}) {
  await validateAssignment(s, input);
  const patch: Partial<Ticket> = { ...opts.extra };
  const changes: Partial<Record<Field | "tags", Change>> = {};
  const activity: ActivityEntry[] = [];
  for (const key of Object.keys(ACTIVITY_FIELD) as Field[]) {
    const value = input[key];
    if (value === undefined || value === ticket[key]) continue;
    (patch as Record<string, unknown>)[key] = value;
    // Descriptions can be long and personal: the audit trail and timeline record that it changed, not the text.
    const text = key === "descriptionMd";
    changes[key] = text ? { from: "(previous)", to: "(changed)" } : { from: ticket[key], to: value };
    activity.push({
      field: ACTIVITY_FIELD[key],
      from: text ? null : ((ticket[key] as string | null) ?? null),
      to: text ? null : ((value as string | null) ?? null),
      // The requester sees their ticket's status move; who works on it and how is staff business.
      staffOnly: key !== "status",
    });
  }
  // Tags live in their own table; the ticket's row lock (held by the caller) serialises their changes too.
  let tagsAfter: string[] | undefined;
  const tagChange = tagChangeOf(input);
  if (hasTagChange(tagChange)) {
    const before = await s.tags.ofTicket(ticket);
    const after = nextTags(before, tagChange);
    if (!sameTags(before, after)) {
      tagsAfter = after;
      changes.tags = { from: before, to: after };
      // Who tags what is staff business, like assignment (requesters never see tags).
      activity.push({ field: "tags", from: before.join(", ") || null, to: after.join(", ") || null, staffOnly: true });
    }
  }
  if (activity.length === 0 && !opts.reply && !opts.extra) return { updated: ticket, changed: false };

  if (patch.status) Object.assign(patch, resolutionUpdate(ticket, patch.status, at) ?? {});
  // The business time to the first response and to the resolution, for reports (issue 13).
  Object.assign(patch, await reportDurations(s, ticket, patch));
  // Priority re-targets from the original start; status opens or closes pauses (resolve, reopen); a public
  // reply moves the reply clocks (S9). One revision for all of it.
  const publicReply = opts.reply && !opts.reply.internal ? opts.reply : undefined;
  if (patch.priority || patch.status || publicReply) {
    Object.assign(patch, await reviseTicketSla(s, ticket, { ...ticket, ...patch }, at, publicReply));
  }

  // The requester's version moves only with what they can see (F6): a public reply, status or content.
  const visibleToRequester = !!publicReply || changesRequesterView(ticket, patch);
  const updated = await s.tickets.update(ticket, { ...patch, updatedAt: at }, { visibleToRequester });
  if (tagsAfter) await s.tags.setForTicket(updated, tagsAfter);
  // A resolution asks the requester "How did we do?"; a reopen withdraws the question (issue 13).
  if (patch.status) await followSatisfaction(s, ticket, updated, at);
  await s.activity.record(updated, activity, at);
  if (activity.length > 0) {
    await s.audit.record({
      action: "ticket.updated",
      targetType: "ticket",
      targetId: ticket.id,
      data: opts.cause ? { changes, cause: opts.cause } : { changes },
    });
  }
  return { updated, changed: activity.length > 0 };
}
