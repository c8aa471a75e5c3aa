import type { Actor } from "@/auth/actor";
import { SlaState } from "@/components/tickets/sla-state";
import { TimeStamp } from "@/components/time/time-stamp";
import { getTicketSla } from "@/domain/sla/get-ticket-sla";

/** The ticket's SLA at a glance (S9): state, the next deadline, a running next-reply clock. */
export async function SlaPanel({ actor, ticketId }: { actor: Actor; ticketId: string }) {
  const sla = await getTicketSla(actor, ticketId);
  return (
    <dl className="facts" aria-label="SLA">
      <dt>SLA</dt>
      <dd>
        <SlaState sla={sla} detailed />
      </dd>
      {sla.nextReplyDueAt && (
        <>
          <dt>Next reply due</dt>
          <dd>
            <TimeStamp value={sla.nextReplyDueAt} mode="both" />
          </dd>
        </>
      )}
    </dl>
  );
}
