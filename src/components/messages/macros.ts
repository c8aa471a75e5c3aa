// The macros' texts (issue 13): the macros pages (personal, and the admin's shared ones), the macro form
// and card, the picker in the composer, and what a macro sets in words ("Status: Pending"). Status,
// priority and field names come from COMMON_MESSAGES.
import { defineMessages, type MessageIdOf, type MessageVars, type Translator } from "./define";

/** "{count} of {limit}" with both numbers in the locale's digits. */
const counted = (text: string) => (vars: MessageVars, locale: string) => {
  const format = new Intl.NumberFormat(locale);
  return text.replace("{count}", format.format(Number(vars.count))).replace("{limit}", format.format(Number(vars.limit)));
};

export const MACROS_MESSAGES = defineMessages({
  "macros.title": "Macros",
  "macros.adminTitle": "Macros · Admin",
  "macros.intro": "Canned replies for the ticket composer. Your personal macros are visible to you only.",
  "macros.newPersonal": "New personal macro",
  "macros.newShared": "New shared macro",
  "macros.mine": "My macros",
  "macros.usage": counted("({count} of {limit})"),
  "macros.noPersonal": "No personal macros yet.",
  "macros.shared": "Shared macros",
  "macros.manageShared": "Manage shared macros",
  "macros.noShared": "No shared macros yet.",
  "macros.adminIntro": counted(
    "Canned replies every agent can insert in the ticket composer ({count} of {limit}). Personal macros are managed by each agent under Macros.",
  ),

  // One macro.
  "macros.badge.shared": "Shared",
  "macros.badge.personal": "Personal",
  "macros.editNamed": "Edit {name}",
  "macros.alsoSets": "Also sets: {changes}",
  "macros.confirmDelete": "Confirm delete",
  /** Read by screen readers after "Confirm delete". */
  "macros.confirmDeleteOf": "of {name}",

  // The form.
  "macros.form.bodyMd": "Reply text",
  "macros.form.hint": "Markdown. Placeholders, filled in as plain text: {placeholders}. Anything else in double braces stays as written.",
  "macros.form.alsoSet": "When applied, also set",
  "macros.form.dontChange": "Don’t change",
  "macros.form.whoeverApplies": "Whoever applies it",
  "macros.form.agentGone": "An agent no longer listed",
  "macros.form.teamGone": "A team no longer listed",
  "macros.form.save": "Save macro",
  "macros.form.create": "Create macro",
  "macros.form.saved": "Macro saved.",
  "macros.form.created": "Macro created.",

  // What a macro sets, as a list ("Status: Pending", "Assignee: me").
  "macros.change.status": "Status: {value}",
  "macros.change.priority": "Priority: {value}",
  "macros.change.assignee": "Assignee: {value}",
  "macros.change.team": "Team: {value}",
  "macros.change.unassigned": "unassigned",
  "macros.change.noTeam": "no team",
  "macros.change.meWhoever": "me (whoever applies it)",
  "macros.change.me": "me",
  "macros.change.agentGone": "an agent no longer listed",
  "macros.change.teamGone": "a team no longer listed",

  // The picker in the composer.
  "macros.picker.insert": "Insert macro",
  "macros.picker.legend": "Macros",
  "macros.picker.find": "Find a macro",
  "macros.picker.loading": "Loading macros…",
  "macros.picker.none": "You have no macros yet.",
  "macros.picker.noMatch": "No macro matches.",
  "macros.picker.gone": "This macro no longer exists.",
  "macros.picker.manage": "Manage macros",
});

export type MacrosMessageId = MessageIdOf<typeof MACROS_MESSAGES>;
export type MacrosTranslator = Translator<MacrosMessageId>;
