// What the macro API answers, as client components see it (type-only: nothing server-side is bundled).
import type { TTicketPriority, TTicketStatus } from "@/db/schema/enums";

/** A macro's stored changes: absent = unchanged, null = cleared, "me" = whoever applies it. */
export interface MacroChangesView {
  status?: TTicketStatus;
  priority?: TTicketPriority;
  assigneeId?: string | null;
  teamId?: string | null;
}

export interface MacroView {
  id: string;
  name: string;
  bodyMd: string;
  changes: MacroChangesView;
  shared: boolean;
  editable: boolean;
}

/** A macro filled in for one ticket: what MacroPicker hands to the composer. "me" is resolved already. */
export interface AppliedMacro {
  name: string;
  bodyMd: string;
  changes: { status?: TTicketStatus; priority?: TTicketPriority; assigneeId?: string | null; teamId?: string | null };
}

/** Names of the organization's agents and teams, for saying what a change does. */
export interface Directory {
  agents: { id: string; name: string }[];
  teams: { id: string; name: string }[];
}
