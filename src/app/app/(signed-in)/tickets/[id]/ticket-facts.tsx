import { SlaTarget } from "@/components/tickets/sla-state";
import { TimeStamp } from "@/components/time/time-stamp";
import type { TTicketDto } from "@/domain/tickets/ticket-dto";

/**
 * Who and when, and for staff who works on it and where it stands against its SLA. A requester's ticket
 * carries no assignee, team or SLA (F6), so those rows are not there to show.
 */
export function TicketFacts({
  ticket,
  requesterName,
  assigneeName,
  teamName,
  showTeam,
}: {
  ticket: TTicketDto;
  requesterName: string | null;
  assigneeName: string | null;
  teamName: string | null;
  showTeam: boolean;
}) {
  const triage = ticket.priority !== undefined;
  return (
    <dl className="facts">
      <dt>Requester</dt>
      <dd>{requesterName ?? "Unknown user"}</dd>
      {triage && (
        <>
          <dt>Assignee</dt>
          <dd>{ticket.assigneeId ? (assigneeName ?? "Unknown user") : <span className="muted">Unassigned</span>}</dd>
        </>
      )}
      {triage && showTeam && (
        <>
          <dt>Team</dt>
          <dd>{ticket.teamId ? (teamName ?? "Unknown team") : <span className="muted">No team</span>}</dd>
        </>
      )}
      <dt>Created</dt>
      <dd>
        <TimeStamp value={ticket.createdAt} mode="absolute" />
      </dd>
      <dt>Updated</dt>
      <dd>
        <TimeStamp value={ticket.updatedAt} />
      </dd>
      {ticket.sla && (
        <>
          <dt>First response due</dt>
          <dd>
            <SlaTarget target={ticket.sla.targets.firstResponse} />
          </dd>
        </>
      )}
      <dt>First responded</dt>
      <dd>{ticket.firstRespondedAt ? <TimeStamp value={ticket.firstRespondedAt} mode="absolute" /> : <span className="muted">Not yet</span>}</dd>
      {ticket.sla && (
        <>
          <dt>Resolution due</dt>
          <dd>
            <SlaTarget target={ticket.sla.targets.resolution} />
          </dd>
        </>
      )}
      {ticket.resolvedAt && (
        <>
          <dt>Resolved</dt>
          <dd>
            <TimeStamp value={ticket.resolvedAt} mode="absolute" />
          </dd>
        </>
      )}
    </dl>
  );
}
