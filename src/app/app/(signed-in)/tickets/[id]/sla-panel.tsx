import { SlaState } from "@/components/tickets/sla-state";
import { TimeStamp } from "@/components/time/time-stamp";
import type { TSlaView } from "@/domain/sla/sla-view";

/** The ticket's SLA at a glance (S9): state, the next deadline, a running next-reply clock. */
export function SlaPanel({ sla }: { sla: TSlaView }) {
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
