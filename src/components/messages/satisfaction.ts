// "How did we do?" (issue 13): the e-mailed link's page, the answer form and the staff's list of answers.
import { defineMessages, type MessageIdOf, type Translator } from "./define";

export const SATISFACTION_MESSAGES = defineMessages({
  "satisfaction.question": "How did we do?",
  "satisfaction.resolvedIntro": "Ticket #{number} “{title}” was resolved. Did we help?",
  "satisfaction.answeredTitle": "Thank you, this was already answered",
  "satisfaction.unusableTitle": "This link cannot be used",
  "satisfaction.link.answered": "Each resolution is rated once, and this one already was.",
  "satisfaction.link.closed": "The ticket was reopened since, or the link expired. If it is resolved again, you will be asked again.",
  "satisfaction.link.someone_else": "This link was sent to someone else. Sign out first if it was sent to you.",
  "satisfaction.link.unknown": "It is invalid or incomplete. Copy the whole link from the e-mail.",
  "satisfaction.goToHelpdesk": "Go to the helpdesk",
  "satisfaction.chooseFirst": "Choose good or bad first.",
  "satisfaction.thanks": "Thank you: your answer was recorded.",
  "satisfaction.answerGood": "Good, I was helped",
  "satisfaction.answerBad": "Bad, I was not helped",
  "satisfaction.comment": "Comment (optional)",
  "satisfaction.send": "Send answer",
  "satisfaction.notAsked": "Not asked yet: the requester is asked when the ticket is resolved.",
  "satisfaction.pending": "Resolution {resolution}: asked, no answer yet.",
  "satisfaction.rating.good": "Good",
  "satisfaction.rating.bad": "Bad",
  "satisfaction.answeredAt": "resolution {resolution}, {time}",
});

export type SatisfactionTranslator = Translator<MessageIdOf<typeof SATISFACTION_MESSAGES>>;
