"use client";

import { useEffect, useRef, useState } from "react";
import { COMMON_MESSAGES } from "@/components/messages/common";
import { SHORTCUTS_MESSAGES } from "@/components/messages/shortcuts";
import { useMessages } from "@/components/messages/use-messages";
import { isTypingTarget, keyName, SHORTCUTS } from "./shortcut-list";

export type ShortcutHandlers = Partial<Record<"j" | "k" | "Enter" | "r" | "n" | "a" | "/", () => void>>;

/**
 * Listens for single-key shortcuts on the page (issue 11) and shows the help dialog on "?". Keys with
 * Ctrl, Alt or ⌘, keys typed into a field, and keys another handler already took are left alone.
 */
export function KeyboardShortcuts({ handlers }: { handlers: ShortcutHandlers }) {
  const [open, setOpen] = useState(false);
  const t = useMessages(SHORTCUTS_MESSAGES);
  const tc = useMessages(COMMON_MESSAGES);
  const latest = useRef(handlers);
  latest.current = handlers;
  const dialog = useRef<HTMLDialogElement>(null);

  useEffect(() => {
    function onKeyDown(e: KeyboardEvent) {
      if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey || e.isComposing || isTypingTarget(e.target)) return;
      if (e.key === "?") {
        e.preventDefault();
        setOpen(true);
        return;
      }
      const handler = latest.current[e.key as keyof ShortcutHandlers];
      if (!handler) return;
      // Enter on a focused link or button is the browser's own: opening the selected row needs nothing else.
      if (e.key === "Enter" && e.target instanceof HTMLElement && e.target.closest("a, button")) return;
      e.preventDefault();
      handler();
    }
    document.addEventListener("keydown", onKeyDown);
    return () => document.removeEventListener("keydown", onKeyDown);
  }, []);

  useEffect(() => {
    const d = dialog.current;
    if (!d) return;
    if (open && !d.open) d.showModal();
    if (!open && d.open) d.close();
  }, [open]);

  return (
    <dialog ref={dialog} className="shortcut-help" aria-labelledby="shortcut-help-title" onClose={() => setOpen(false)}>
      <h2 id="shortcut-help-title">{t("shortcuts.title")}</h2>
      {SHORTCUTS.map((group) => (
        <section key={group.where}>
          <h3>{t(group.where)}</h3>
          <dl>
            {group.items.map((s) => (
              <div key={s.does} className="shortcut-row">
                <dt>
                  {s.keys.map((k, i) => (
                    <span key={k}>
                      {i > 0 && " + "}
                      <kbd>{keyName(k, t)}</kbd>
                    </span>
                  ))}
                </dt>
                <dd>{t(s.does)}</dd>
              </div>
            ))}
          </dl>
        </section>
      ))}
      <p className="muted">{t("shortcuts.note")}</p>
      <form method="dialog" className="form-actions form-actions-end">
        <button type="submit" className="btn">
          {tc("action.close")}
        </button>
      </form>
    </dialog>
  );
}
