import { SlaTarget } from "@/components/tickets/sla-state";
import { TimeStamp } from "@/components/time/time-stamp";
import type { TSlaView } from "@/domain/sla/sla-view";
import type { TTicketDto } from "@/domain/tickets/ticket-dto";

/** Who and when, and where the ticket stands against its SLA. */
export function TicketFacts({
  ticket,
  requesterName,
  assigneeName,
  teamName,
  showTeam,
}: {
  ticket: TTicketDto & { sla: TSlaView };
  requesterName: string | null;
  assigneeName: string | null;
  teamName: string | null;
  showTeam: boolean;
}) {
  return (
    <dl className="facts">
      <dt>Requester</dt>
      <dd>{requesterName ?? "Unknown user"}</dd>
      <dt>Assignee</dt>
      <dd>{ticket.assigneeId ? (assigneeName ?? "Unknown user") : <span className="muted">Unassigned</span>}</dd>
      {showTeam && (
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
      <dt>First response due</dt>
      <dd>
        <SlaTarget target={ticket.sla.targets.firstResponse} />
      </dd>
      <dt>First responded</dt>
      <dd>{ticket.firstRespondedAt ? <TimeStamp value={ticket.firstRespondedAt} mode="absolute" /> : <span className="muted">Not yet</span>}</dd>
      <dt>Resolution due</dt>
      <dd>
        <SlaTarget target={ticket.sla.targets.resolution} />
      </dd>
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
