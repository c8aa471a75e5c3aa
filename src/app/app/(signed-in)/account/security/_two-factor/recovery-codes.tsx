"use client";

import { useId, useState } from "react";
import { ACCOUNT_MESSAGES } from "@/components/messages/account";
import { useMessages } from "@/components/messages/use-messages";

/**
 * Freshly issued recovery codes. They are shown once (the server keeps them encrypted and never shows
 * them again), so the user has to say they saved them before going on.
 */
export function RecoveryCodes({ codes, saved, onSavedChange }: { codes: string[]; saved: boolean; onSavedChange: (saved: boolean) => void }) {
  const id = useId();
  const t = useMessages(ACCOUNT_MESSAGES);
  const [copyStatus, setCopyStatus] = useState("");

  async function copy() {
    try {
      await navigator.clipboard.writeText(codes.join("\n"));
      setCopyStatus(t("recovery.copied"));
    } catch {
      setCopyStatus(t("recovery.copyUnavailable"));
    }
  }

  return (
    <div className="recovery-codes">
      <p id={`${id}-hint`} className="field-hint">
        {t("recovery.hint")}
      </p>
      <ul className="recovery-code-list" aria-label={t("recovery.list")} aria-describedby={`${id}-hint`}>
        {codes.map((code) => (
          <li key={code}>
            <code>{code}</code>
          </li>
        ))}
      </ul>
      <div className="form-actions">
        <button type="button" className="btn" onClick={copy}>
          {t("recovery.copy")}
        </button>
        <p className="status-text" role="status">
          {copyStatus}
        </p>
      </div>
      <div className="field recovery-confirm">
        <label className="checkbox">
          <input type="checkbox" checked={saved} onChange={(e) => onSavedChange(e.target.checked)} />
          {t("recovery.saved")}
        </label>
      </div>
    </div>
  );
}
