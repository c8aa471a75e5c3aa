import { COMMON_MESSAGES } from "@/components/messages/common";
import { pageMessages } from "@/components/messages/page-messages";
import { SLA_MESSAGES } from "@/components/messages/sla";
import { TICKET_MESSAGES } from "@/components/messages/ticket";
import { SlaTarget } from "@/components/tickets/sla-state";
import { TimeStamp } from "@/components/time/time-stamp";
import type { TTicketDto } from "@/domain/tickets/ticket-dto";

/**
 * Who and when, and for staff who works on it and where it stands against its SLA. A requester's ticket
 * carries no assignee, team or SLA (F6), so those rows are not there to show.
 */
export async function TicketFacts({
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
  const [t, common, sla] = await Promise.all([pageMessages(TICKET_MESSAGES), pageMessages(COMMON_MESSAGES), pageMessages(SLA_MESSAGES)]);
  const triage = ticket.priority !== undefined;
  return (
    <dl className="facts">
      <dt>{common("field.requester")}</dt>
      <dd>{requesterName ?? t("ticket.unknownUser")}</dd>
      {triage && (
        <>
          <dt>{common("field.assignee")}</dt>
          <dd>{ticket.assigneeId ? (assigneeName ?? t("ticket.unknownUser")) : <span className="muted">{common("value.unassigned")}</span>}</dd>
        </>
      )}
      {triage && showTeam && (
        <>
          <dt>{common("field.team")}</dt>
          <dd>{ticket.teamId ? (teamName ?? t("ticket.unknownTeam")) : <span className="muted">{common("value.noTeam")}</span>}</dd>
        </>
      )}
      <dt>{t("facts.created")}</dt>
      <dd>
        <TimeStamp value={ticket.createdAt} mode="absolute" />
      </dd>
      <dt>{t("facts.updated")}</dt>
      <dd>
        <TimeStamp value={ticket.updatedAt} />
      </dd>
      {ticket.sla && (
        <>
          <dt>{t("facts.firstResponseDue")}</dt>
          <dd>
            <SlaTarget target={ticket.sla.targets.firstResponse} t={sla} />
          </dd>
        </>
      )}
      <dt>{t("facts.firstResponded")}</dt>
      <dd>{ticket.firstRespondedAt ? <TimeStamp value={ticket.firstRespondedAt} mode="absolute" /> : <span className="muted">{t("facts.notYet")}</span>}</dd>
      {ticket.sla && (
        <>
          <dt>{t("facts.resolutionDue")}</dt>
          <dd>
            <SlaTarget target={ticket.sla.targets.resolution} t={sla} />
          </dd>
        </>
      )}
      {ticket.resolvedAt && (
        <>
          <dt>{t("facts.resolved")}</dt>
          <dd>
            <TimeStamp value={ticket.resolvedAt} mode="absolute" />
          </dd>
        </>
      )}
    </dl>
  );
}
