// The keyboard shortcuts' texts (issue 13): the help dialog ("?"), its groups, what each key does and the
// names of the keys that are words (the letters and "/" are the same in every language).
import { defineMessages, type MessageIdOf, type Translator } from "./define";

export const SHORTCUTS_MESSAGES = defineMessages({
  "shortcuts.title": "Keyboard shortcuts",
  "shortcuts.note": "Shortcuts do nothing while you type in a field.",
  "shortcuts.where.queue": "In the queue",
  "shortcuts.where.ticket": "On a ticket",
  "shortcuts.where.everywhere": "Everywhere",
  "shortcuts.key.enter": "Enter",
  "shortcuts.key.ctrl": "Ctrl",
  "shortcuts.queue.next": "Select the next ticket",
  "shortcuts.queue.previous": "Select the previous ticket",
  "shortcuts.queue.open": "Open the selected ticket",
  "shortcuts.queue.search": "Search",
  "shortcuts.ticket.reply": "Write a public reply",
  "shortcuts.ticket.note": "Write an internal note (staff)",
  "shortcuts.ticket.assign": "Assign the ticket to me (staff)",
  "shortcuts.ticket.next": "Next ticket in the queue",
  "shortcuts.ticket.previous": "Previous ticket in the queue",
  "shortcuts.ticket.send": "Send (⌘ Enter on a Mac)",
  "shortcuts.ticket.search": "Search the queue",
  "shortcuts.help": "Show these shortcuts",
});

export type ShortcutsMessageId = MessageIdOf<typeof SHORTCUTS_MESSAGES>;
export type ShortcutsTranslator = Translator<ShortcutsMessageId>;
