import { TimeStamp } from "@/components/time/time-stamp";
import type { TSlaView } from "@/domain/sla/sla-view";
import "@/styles/sla.css";

const KIND_LABELS = { first_response: "first response", next_reply: "next reply", resolution: "resolution" } as const;

const TEXT: Record<TSlaView["state"], string> = {
  none: "No SLA",
  paused: "Paused",
  breached: "Breached",
  at_risk: "At risk",
  on_track: "On track",
  met: "Done",
};

/** Where a ticket stands against its SLA (S9), in words and not by colour alone. */
export function SlaState({ sla, detailed = false }: { sla: TSlaView; detailed?: boolean }) {
  const due = sla.state === "breached" || sla.state === "at_risk" || sla.state === "on_track" ? sla.nextDueAt : null;
  return (
    <span className={`sla-state sla-state-${sla.state}`}>
      <span className="sla-state-flag">{TEXT[sla.state]}</span>
      {due && (
        <>
          {" · "}
          <TimeStamp value={due} mode={detailed ? "both" : "relative"} />
        </>
      )}
      {sla.state === "paused" && sla.pausedSince && (
        <>
          {" since "}
          <TimeStamp value={sla.pausedSince} />
        </>
      )}
      {detailed && sla.breached.length > 0 && <span className="sla-state-breached"> (missed: {sla.breached.map((k) => KIND_LABELS[k]).join(", ")})</span>}
    </span>
  );
}

/** One target's due time with the state the SLA engine decided (sla-view.ts), in words. */
export function SlaTarget({ target }: { target: TSlaView["targets"]["firstResponse"] }) {
  if (!target.dueAt) return <span className="muted">No SLA</span>;
  return (
    <span className={`sla-state sla-state-${target.state}`}>
      <span className="sla-state-flag">{TEXT[target.state]}</span>
      {" · "}
      <TimeStamp value={target.dueAt} mode="both" />
    </span>
  );
}
