"use client";

import { useState } from "react";
import { describeChanges } from "@/components/macros/describe-changes";
import { MacroPicker } from "@/components/macros/macro-picker";
import type { AppliedMacro } from "@/components/macros/macro-types";
import { TICKET_ACTION_MESSAGES } from "@/components/messages/ticket-actions";
import { useMessages } from "@/components/messages/use-messages";
import { useTimePrefs } from "@/components/time/client-time";
import { useComposer, useTicketSession } from "./ticket-session";

/**
 * The macro picker in the composer's toolbar (issue 11). Applying a macro puts its text where the cursor
 * was, makes the next Send set its status with the reply (one request, like "Send and set Pending"), and
 * saves its other fields at once through the page's one writer — the normal PATCH with If-Match, like a
 * triage select: refused (403/400) or stale (the warning) exactly as a change made by hand.
 */
export function ComposerMacros() {
  const t = useMessages(TICKET_ACTION_MESSAGES);
  const { locale } = useTimePrefs();
  const session = useTicketSession();
  const composer = useComposer();
  const [message, setMessage] = useState<string | null>(null);
  const directory = {
    agents: Object.entries(session.directory.people).map(([id, name]) => ({ id, name })),
    teams: Object.entries(session.directory.teams).map(([id, name]) => ({ id, name })),
  };

  async function apply({ name, bodyMd, changes }: AppliedMacro) {
    if (!composer) return;
    const { status, ...fields } = changes;
    composer.insertText(bodyMd);
    if (status) composer.setSendStatus(status);
    composer.focus();
    if (Object.keys(fields).length === 0) return setMessage(t("macro.inserted", { name }));
    const described = describeChanges(fields, directory, session.userId, locale).join(t("macro.changesSeparator"));
    setMessage(t("macro.saving", { name, changes: described }));
    const outcome = await session.patchFields(fields);
    if (outcome.ok) setMessage(t("macro.saved", { name, changes: described }));
    else if (outcome.stale) setMessage(t("macro.stale", { name }));
    else setMessage(t("macro.refused", { name, reason: outcome.error.message }));
  }

  return (
    <div className="composer-macros">
      <MacroPicker ticketId={session.ticketId} onApply={(applied) => void apply(applied)} />
      <span className="status-text" role="status">
        {message}
      </span>
    </div>
  );
}
