// The shared chrome's texts (issue 13): skip link, brand, main navigation, account links, role labels.
import { defineMessages, type MessageIdOf, type Translator } from "./define";

export const CHROME_MESSAGES = defineMessages({
  "chrome.skipToContent": "Skip to content",
  "chrome.brand": "Helpdesk",
  "nav.main": "Main",
  "nav.queue": "Queue",
  "nav.newTicket": "New ticket",
  "nav.macros": "Macros",
  "nav.exports": "Exports",
  "nav.reports": "Reports",
  "nav.admin": "Admin",
  "user.accountSecurity": "Account security",
  "user.preferences": "Preferences",
  "role.admin": "Admin",
  "role.agent": "Agent",
  "role.requester": "Requester",
});

export type ChromeTranslator = Translator<MessageIdOf<typeof CHROME_MESSAGES>>;
