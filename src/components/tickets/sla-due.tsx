import { now as clockNow } from "@/lib/clock";
import { TimeStamp } from "@/components/time/time-stamp";

const DUE_SOON_MS = 2 * 60 * 60 * 1000;

export type SlaState = "none" | "met" | "overdue" | "due-soon" | "on-track";

/**
 * Where a deadline stands. `doneAt` is when the target was met (first reply, resolution); a target met
 * late still reads as met here, because breach reporting belongs to the SLA job, not the page.
 */
export function slaState(dueAt: string | null, doneAt: string | null, at: Date = clockNow()): SlaState {
  if (!dueAt) return "none";
  if (doneAt) return "met";
  const left = new Date(dueAt).getTime() - at.getTime();
  if (left < 0) return "overdue";
  if (left < DUE_SOON_MS) return "due-soon";
  return "on-track";
}

const STATE_TEXT: Record<SlaState, string | null> = {
  none: null,
  met: "Met",
  overdue: "Overdue",
  "due-soon": "Due soon",
  "on-track": null,
};

/** A due time with its state spelled out in words, so the warning does not rely on colour alone. */
export function SlaDue({ dueAt, doneAt, detailed = false }: { dueAt: string | null; doneAt: string | null; detailed?: boolean }) {
  if (!dueAt) return <span className="muted">No SLA</span>;
  const state = slaState(dueAt, doneAt);
  const text = STATE_TEXT[state];
  return (
    <span className={`sla sla-${state}`}>
      {text && <span className="sla-flag">{text}</span>}
      {text && " · "}
      <TimeStamp value={dueAt} mode={detailed ? "both" : "relative"} />
    </span>
  );
}
