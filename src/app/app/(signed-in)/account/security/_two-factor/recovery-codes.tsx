"use client";

import { useId, useState } from "react";

/**
 * Freshly issued recovery codes. They are shown once (the server keeps them encrypted and never shows
 * them again), so the user has to say they saved them before going on.
 */
export function RecoveryCodes({ codes, saved, onSavedChange }: { codes: string[]; saved: boolean; onSavedChange: (saved: boolean) => void }) {
  const id = useId();
  const [copyStatus, setCopyStatus] = useState("");

  async function copy() {
    try {
      await navigator.clipboard.writeText(codes.join("\n"));
      setCopyStatus("Copied.");
    } catch {
      setCopyStatus("Copying is not available here; write the codes down instead.");
    }
  }

  return (
    <div className="recovery-codes">
      <p id={`${id}-hint`} className="field-hint">
        Each code signs you in once if you lose your authenticator. Keep them somewhere safe, such as a password manager. They will not be shown again.
      </p>
      <ul className="recovery-code-list" aria-label="Recovery codes" aria-describedby={`${id}-hint`}>
        {codes.map((code) => (
          <li key={code}>
            <code>{code}</code>
          </li>
        ))}
      </ul>
      <div className="form-actions">
        <button type="button" className="btn" onClick={copy}>
          Copy codes
        </button>
        <p className="status-text" role="status">
          {copyStatus}
        </p>
      </div>
      <div className="field recovery-confirm">
        <label className="checkbox">
          <input type="checkbox" checked={saved} onChange={(e) => onSavedChange(e.target.checked)} />I have saved these recovery codes
        </label>
      </div>
    </div>
  );
}
