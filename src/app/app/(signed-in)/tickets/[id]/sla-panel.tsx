import { pageMessages } from "@/components/messages/page-messages";
import { TICKET_MESSAGES } from "@/components/messages/ticket";
import { SlaState } from "@/components/tickets/sla-state";
import { TimeStamp } from "@/components/time/time-stamp";
import type { TSlaView } from "@/domain/sla/sla-view";

/** The ticket's SLA at a glance (S9): state, the next deadline, a running next-reply clock. */
export async function SlaPanel({ sla }: { sla: TSlaView }) {
  const t = await pageMessages(TICKET_MESSAGES);
  return (
    <dl className="facts" aria-label={t("facts.sla")}>
      <dt>{t("facts.sla")}</dt>
      <dd>
        <SlaState sla={sla} detailed />
      </dd>
      {sla.nextReplyDueAt && (
        <>
          <dt>{t("facts.nextReplyDue")}</dt>
          <dd>
            <TimeStamp value={sla.nextReplyDueAt} mode="both" />
          </dd>
        </>
      )}
    </dl>
  );
}
