// Every keyboard shortcut of the app in one list (issue 11): the help dialog ("?") shows exactly these,
// so a shortcut cannot exist without being documented.
export interface ShortcutDoc {
  keys: string[];
  does: string;
}

export const SHORTCUTS: { where: string; items: ShortcutDoc[] }[] = [
  {
    where: "In the queue",
    items: [
      { keys: ["j"], does: "Select the next ticket" },
      { keys: ["k"], does: "Select the previous ticket" },
      { keys: ["Enter"], does: "Open the selected ticket" },
      { keys: ["/"], does: "Search" },
    ],
  },
  {
    where: "On a ticket",
    items: [
      { keys: ["r"], does: "Write a public reply" },
      { keys: ["n"], does: "Write an internal note (staff)" },
      { keys: ["a"], does: "Assign the ticket to me (staff)" },
      { keys: ["j"], does: "Next ticket in the queue" },
      { keys: ["k"], does: "Previous ticket in the queue" },
      { keys: ["Ctrl", "Enter"], does: "Send (⌘ Enter on a Mac)" },
      { keys: ["/"], does: "Search the queue" },
    ],
  },
  { where: "Everywhere", items: [{ keys: ["?"], does: "Show these shortcuts" }] },
];

/**
 * True while the user is typing: a shortcut must never eat a letter meant for a field (or a select's
 * type-ahead). Contenteditable counts too.
 */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  return target.tagName === "INPUT" || target.tagName === "TEXTAREA" || target.tagName === "SELECT";
}
