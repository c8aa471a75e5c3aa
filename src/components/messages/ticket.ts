// The ticket page as the server renders it (issue 13): its head, description, conversation, details and
// SLA panels, the navigation inside the queue view, and the new-ticket page. Its client controls (composer,
// triage, stale warning…) have their own set (ticket-actions.ts), so the browser loads only those.
// The statuses, priorities and field names (Requester, Assignee, Team…) are the shared ones of common.ts.
import { defineMessages, type MessageIdOf, type Translator } from "./define";

export const TICKET_MESSAGES = defineMessages({
  "ticket.metaTitle": "Ticket",
  "ticket.openedBy": "opened by {name} {time}",
  "ticket.unknownUser": "Unknown user",
  "ticket.unknownTeam": "Unknown team",
  "ticket.description": "Description",
  "ticket.noDescription": "No description.",
  "ticket.attachments": "Attachments",
  "ticket.conversation": "Conversation",
  "ticket.closedNoReplies": "This ticket is closed and takes no more replies.",
  "ticket.openFollowUp": "Open a follow-up ticket",
  "ticket.details": "Ticket details",
  "ticket.triage": "Triage",
  "ticket.detailsTitle": "Details",
  // The navigation inside the queue view the ticket was opened from.
  "ticketNav.label": "Ticket navigation",
  "ticketNav.backToQueue": "← Back to the queue",
  "ticketNav.previous": "‹ Previous ticket",
  "ticketNav.next": "Next ticket ›",
  "ticketNav.neighbourTitle": "#{number} {title}",
  // The conversation.
  "thread.backToFirst": "← Back to the first comments",
  "thread.noReplies": "No replies yet.",
  "thread.later": "Later comments →",
  "thread.internalNote": "Internal note",
  "thread.seeEarlierTicket": "(see the earlier ticket)",
  // The details card.
  "facts.created": "Created",
  "facts.updated": "Updated",
  "facts.firstResponseDue": "First response due",
  "facts.firstResponded": "First responded",
  "facts.notYet": "Not yet",
  "facts.resolutionDue": "Resolution due",
  "facts.resolved": "Resolved",
  "facts.sla": "SLA",
  "facts.nextReplyDue": "Next reply due",
  // "How did we do?" on the ticket.
  "satisfaction.title": "Satisfaction",
  "satisfaction.yourAnswer.good": "You rated resolution {resolution}: good.",
  "satisfaction.yourAnswer.bad": "You rated resolution {resolution}: bad.",
  // The new-ticket page (its form's words are in ticket-actions.ts).
  "newTicket.title": "New ticket",
  "newTicket.followUpTitle": "Follow-up ticket",
  "newTicket.lead": "Describe the problem; the more detail, the faster we can help.",
});

export type TicketTranslator = Translator<MessageIdOf<typeof TICKET_MESSAGES>>;
