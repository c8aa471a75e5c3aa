// A ticket's timeline in words (issue 13): one sentence per change, shared by the conversation (server)
// and the stale-page warning (client), built by components/tickets/activity-text.ts.
//
// A sentence is a subject and a predicate: "activity.sentence" puts the person (`{who}`) and what they did
// (`{what}`, one of the "activity.*" predicates below) in the language's order; each predicate places its
// value (`{value}`, `{person}`, `{team}`…) where the language wants it. A change nobody made (the SLA
// engine, a job) is the predicate alone, as a sentence ("activity.withoutActor").
import { defineMessages, type MessageIdOf, type Translator } from "./define";

/** The first letter in upper case, by the locale's rules ("set status Closed" → "Set status Closed"). */
const asSentence = (text: string, locale: string) => text.charAt(0).toLocaleUpperCase(locale) + text.slice(1);

export const ACTIVITY_MESSAGES = defineMessages({
  "activity.sentence": "{who} {what}",
  "activity.withoutActor": (vars, locale) => asSentence(String(vars.what ?? ""), locale),
  "activity.someone": "Someone",
  "activity.noValue": "none",
  "activity.status": "set status {value}",
  "activity.priority": "set priority {value}",
  "activity.assigneeRemoved": "removed the assignee",
  "activity.assignedThemselves": "assigned the ticket to themselves",
  "activity.assigned": "assigned the ticket to {person}",
  "activity.team": "moved the ticket to team {team}",
  "activity.deletedTeam": "(deleted team)",
  "activity.teamRemoved": "removed the team",
  "activity.title": "renamed the ticket to “{title}”",
  "activity.description": "edited the description",
  "activity.tags": "changed the tags",
  "activity.slaBreached": "{target} target breached",
  "activity.slaAtRisk": "{target} target at risk",
  "activity.slaTarget.first_response": "First response",
  "activity.slaTarget.next_reply": "Next reply",
  "activity.slaTarget.resolution": "Resolution",
  "activity.slaTarget.other": "SLA",
  "activity.followUp": "opened this ticket as a follow-up of a closed ticket",
  "activity.comment": "added a reply or note",
  "activity.other": "changed the ticket",
});

export type ActivityTranslator = Translator<MessageIdOf<typeof ACTIVITY_MESSAGES>>;
