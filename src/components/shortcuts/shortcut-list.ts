// Every keyboard shortcut of the app in one list (issue 11): the help dialog ("?") shows exactly these,
// so a shortcut cannot exist without being documented. The words are message ids (issue 13): the dialog
// shows them in the reader's language; a key is either itself ("j", "/") or the id of its name.
import type { ShortcutsMessageId } from "@/components/messages/shortcuts";

export type ShortcutKey = "j" | "k" | "r" | "n" | "a" | "/" | "?" | "shortcuts.key.enter" | "shortcuts.key.ctrl";

export interface ShortcutDoc {
  keys: ShortcutKey[];
  does: ShortcutsMessageId;
}

export const SHORTCUTS: { where: ShortcutsMessageId; items: ShortcutDoc[] }[] = [
  {
    where: "shortcuts.where.queue",
    items: [
      { keys: ["j"], does: "shortcuts.queue.next" },
      { keys: ["k"], does: "shortcuts.queue.previous" },
      { keys: ["shortcuts.key.enter"], does: "shortcuts.queue.open" },
      { keys: ["/"], does: "shortcuts.queue.search" },
    ],
  },
  {
    where: "shortcuts.where.ticket",
    items: [
      { keys: ["r"], does: "shortcuts.ticket.reply" },
      { keys: ["n"], does: "shortcuts.ticket.note" },
      { keys: ["a"], does: "shortcuts.ticket.assign" },
      { keys: ["j"], does: "shortcuts.ticket.next" },
      { keys: ["k"], does: "shortcuts.ticket.previous" },
      { keys: ["shortcuts.key.ctrl", "shortcuts.key.enter"], does: "shortcuts.ticket.send" },
      { keys: ["/"], does: "shortcuts.ticket.search" },
    ],
  },
  { where: "shortcuts.where.everywhere", items: [{ keys: ["?"], does: "shortcuts.help" }] },
];

/** A key as the dialog shows it: a letter or sign as itself, a named key in the reader's language. */
export function keyName(key: ShortcutKey, t: (id: ShortcutsMessageId) => string): string {
  return key.startsWith("shortcuts.") ? t(key as ShortcutsMessageId) : key;
}

/**
 * True while the user is typing: a shortcut must never eat a letter meant for a field (or a select's
 * type-ahead). Contenteditable counts too.
 */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  return target.tagName === "INPUT" || target.tagName === "TEXTAREA" || target.tagName === "SELECT";
}
