// The ticket pages' client controls (issue 13): the composer and its macros, the triage selects, the
// requester's close/reopen, the stale-page warning, who else is on the page, and the new-ticket form.
// The statuses, priorities, field names and "Saving…"/"Saved." are the shared ones of common.ts.
import { defineMessages, type MessageIdOf, type Translator } from "./define";

export const TICKET_ACTION_MESSAGES = defineMessages({
  // The composer.
  "composer.previewLoading": "Loading the preview…",
  "composer.sendAndPending": "Send and set Pending",
  "composer.sendAndResolve": "Send and Resolve",
  "composer.noteAdded": "Internal note added.",
  "composer.replySent": "Reply sent.",
  "composer.noteAddedWithStatus": "Internal note added and status set to {status}.",
  "composer.replySentWithStatus": "Reply sent and status set to {status}.",
  "composer.sendAs": "Send as",
  "composer.publicReply": "Public reply",
  "composer.internalNote": "Internal note",
  "composer.editor": "Editor",
  "composer.write": "Write",
  "composer.preview": "Preview",
  "composer.noteBanner": "Internal note: only agents and admins will see this.",
  "composer.reply": "Reply",
  "composer.note": "Note",
  "composer.required": "{field} is required",
  "composer.hint.note": "Markdown is supported. Ctrl+Enter (⌘+Enter) sends.",
  "composer.hint.staffReply": "Markdown is supported. The requester will see this reply. Ctrl+Enter (⌘+Enter) sends.",
  "composer.hint.reply": "Markdown is supported. Ctrl+Enter (⌘+Enter) sends.",
  "composer.nothingToPreview": "Nothing to preview yet.",
  "composer.addFilesToReply": "Add files to this reply",
  "composer.addFilesToNote": "Add files to this note",
  "composer.filesHint": "Uploaded after sending, scanned for viruses first.",
  "composer.sendAlsoSets": "Send also sets the status to {status}.",
  "composer.keepStatus": "Keep the status",
  "composer.send": "Send",
  "composer.filesSent": "Files sent with the message",
  // A macro applied from the composer's toolbar.
  "macro.inserted": "Macro “{name}” inserted.",
  "macro.saving": "Macro “{name}” inserted; saving {changes}…",
  "macro.saved": "Macro “{name}” inserted; set {changes}.",
  "macro.stale": "Macro “{name}” inserted; its field changes are not saved yet: see the warning under Triage.",
  "macro.refused": "Macro “{name}” inserted; its field changes were refused: {reason}",
  "macro.changesSeparator": ", ",
  // Triage.
  "triage.unknownUser": "Unknown user",
  "triage.inactive": "{name} (inactive)",
  "triage.priorityHint": "Changing priority recalculates the SLA due times.",
  "triage.assignToMe": "Assign to me",
  // The requester's own lifecycle control.
  "requester.reopen": "Reopen ticket",
  "requester.close": "Close ticket",
  // The stale-page warning.
  "stale.changedSince": "{who} changed this ticket since you opened it.",
  "stale.notSent.composer": "Your message has not been sent.",
  "stale.notSent.fields": "Your change has not been saved.",
  "stale.someone": "Someone",
  "stale.theSystem": "The system",
  "stale.namesAnd": "{names} and {last}",
  "stale.namesSeparator": ", ",
  "stale.reload": "Reload",
  "stale.sendAnyway": "Send anyway",
  // Who else has the ticket open.
  "presence.viewing": "{name} is viewing",
  "presence.replying": "{name} is replying",
  // The new-ticket form.
  "newTicket.partlyCreated": "Your ticket was created, but not every file could be attached.",
  "newTicket.attachments": "Attachments",
  "newTicket.goToTicket": "Go to the ticket",
  "newTicket.followUpOf": "Follow-up of the closed ticket {ticket}. It will be linked to it.",
  "newTicket.followUpLink": "#{number} {title}",
  "newTicket.titleLabel": "Title",
  "newTicket.followUpDefaultTitle": "Follow-up: {title}",
  "newTicket.descriptionLabel": "Description",
  "newTicket.descriptionHint": "Markdown is supported: **bold**, lists, `code`, links.",
  "newTicket.filesHint": "JPEG, PNG, PDF or plain text, up to {size} each; scanned for viruses first.",
  "newTicket.create": "Create ticket",
});

export type TicketActionTranslator = Translator<MessageIdOf<typeof TICKET_ACTION_MESSAGES>>;
