// The message catalogue (issue 13): the shared chrome's texts, keyed by id, in one module per language.
// English is complete and is what any missing id falls back to, so a second language can be added here —
// a catalogue object and its line in CATALOGUES — without touching the components that show the texts.
// Which pages still carry literal English is listed in docs/decisions/time-language-theme.md.

export const EN = {
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
} as const;

export type MessageId = keyof typeof EN;
export type Catalogue = Partial<Record<MessageId, string>>;

/** Languages with a catalogue, by primary language subtag ("de" serves de-DE and de-CH). */
const CATALOGUES: Record<string, Catalogue> = { en: EN };

export type Translate = (id: MessageId) => string;

/** The texts for a BCP 47 locale: its language's catalogue, English for any id it lacks. */
export function messagesFor(locale: string, catalogues: Record<string, Catalogue> = CATALOGUES): Translate {
  const language = locale.split("-")[0]?.toLowerCase() ?? "en";
  const catalogue = catalogues[language] ?? {};
  return (id) => catalogue[id] ?? EN[id];
}
