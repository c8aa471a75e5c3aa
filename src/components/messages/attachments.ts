// Files on a ticket (S11, issue 13): the attachments panel, the file pickers of the composer and the
// new-ticket form, the upload progress and verdicts, and a file's virus-scan state.
import { defineMessages, type MessageIdOf, type Translator } from "./define";

export const ATTACHMENT_MESSAGES = defineMessages({
  "attachments.none": "No attachments yet.",
  "attachments.internal": "Internal",
  "attachments.attachFiles": "Attach files",
  "attachments.dropHint": "or drop them here. JPEG, PNG, PDF or plain text, up to {size} each, {count} per ticket.",
  "attachments.attachedFiles": "Attached files",
  "attachments.filesToSend": "Files to send",
  "attachments.uploads": "Uploads",
  "attachments.uploadingFile": "Uploading {name}",
  "attachments.uploading": "Uploading…",
  /** The button's accessible name; only {name} is visible, the words around it are for screen readers. */
  "attachments.downloadName": "Download {name}",
  "attachments.downloadFailed": "Could not download {name}. Reload the page and try again.",
  "attachments.state.pending_scan": "Waiting for virus scan",
  "attachments.state.quarantined": "Quarantined",
  "attachments.why.pending_scan": "Received. Waiting for the virus scan before anyone can download it.",
  "attachments.why.infected": "The virus scanner found malware in this file. It is quarantined and cannot be downloaded.",
  "attachments.why.failed": "The virus scanner could not check this file. It is quarantined and cannot be downloaded.",
  "upload.attached": "Attached.",
  "upload.tooLarge": "Not attached: larger than {size}.",
  "upload.refused": "Not attached: {reason}",
  "upload.unreachable": "Not attached: could not reach the server.",
  "upload.reason.tooLarge": "the file is too large.",
  "upload.reason.tooMany": "too many uploads, wait a moment.",
  "upload.reason.other": "the server refused it.",
});

export type AttachmentTranslator = Translator<MessageIdOf<typeof ATTACHMENT_MESSAGES>>;
