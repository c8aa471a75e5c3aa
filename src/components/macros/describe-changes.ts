import { COMMON_MESSAGES } from "@/components/messages/common";
import { translator } from "@/components/messages/define";
import { MACROS_MESSAGES } from "@/components/messages/macros";
import type { Directory, MacroChangesView } from "./macro-types";

/**
 * A macro's field changes in words ("Status: Pending", "Assignee: me"), for the picker, composer and list,
 * in the reader's locale (issue 13: the caller passes the page's locale, from useTimePrefs() on the client).
 */
export function describeChanges(changes: MacroChangesView, directory: Directory | null, me?: string, locale = "en"): string[] {
  const t = translator(MACROS_MESSAGES, locale);
  const tc = translator(COMMON_MESSAGES, locale);
  const agent = (id: string) =>
    id === "me"
      ? t("macros.change.meWhoever")
      : id === me
        ? t("macros.change.me")
        : (directory?.agents.find((a) => a.id === id)?.name ?? t("macros.change.agentGone"));
  const team = (id: string) => directory?.teams.find((x) => x.id === id)?.name ?? t("macros.change.teamGone");
  const out: string[] = [];
  if (changes.status) out.push(t("macros.change.status", { value: tc(`status.${changes.status}`) }));
  if (changes.priority) out.push(t("macros.change.priority", { value: tc(`priority.${changes.priority}`) }));
  if (changes.assigneeId !== undefined)
    out.push(t("macros.change.assignee", { value: changes.assigneeId === null ? t("macros.change.unassigned") : agent(changes.assigneeId) }));
  if (changes.teamId !== undefined) out.push(t("macros.change.team", { value: changes.teamId === null ? t("macros.change.noTeam") : team(changes.teamId) }));
  return out;
}
