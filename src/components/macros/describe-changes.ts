import { PRIORITY_LABELS, STATUS_LABELS } from "@/components/tickets/labels";
import type { Directory, MacroChangesView } from "./macro-types";

/** A macro's field changes in words ("Status: Pending", "Assignee: me"), for the picker, composer and list. */
export function describeChanges(changes: MacroChangesView, directory: Directory | null, me?: string): string[] {
  const agent = (id: string) =>
    id === "me" ? "me (whoever applies it)" : id === me ? "me" : (directory?.agents.find((a) => a.id === id)?.name ?? "an agent no longer listed");
  const team = (id: string) => directory?.teams.find((t) => t.id === id)?.name ?? "a team no longer listed";
  const out: string[] = [];
  if (changes.status) out.push(`Status: ${STATUS_LABELS[changes.status]}`);
  if (changes.priority) out.push(`Priority: ${PRIORITY_LABELS[changes.priority]}`);
  if (changes.assigneeId !== undefined) out.push(`Assignee: ${changes.assigneeId === null ? "unassigned" : agent(changes.assigneeId)}`);
  if (changes.teamId !== undefined) out.push(`Team: ${changes.teamId === null ? "no team" : team(changes.teamId)}`);
  return out;
}
