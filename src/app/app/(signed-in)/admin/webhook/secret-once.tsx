"use client";

import { useState } from "react";

/** A signing secret the server generated, shown this once: the server keeps it but never returns it again. */
export function SecretOnce({ secret }: { secret: string }) {
  const [copied, setCopied] = useState(false);
  async function copy() {
    try {
      await navigator.clipboard.writeText(secret);
      setCopied(true);
    } catch {
      setCopied(false);
    }
  }
  return (
    <div className="alert alert-success admin-invite-result" role="status">
      <p>Copy the signing secret now: it is not shown again. Receivers check each call's x-helpdesk-signature with it.</p>
      <label htmlFor="webhook-secret">Signing secret</label>
      <div className="admin-invite-link">
        <input id="webhook-secret" className="input admin-mono" readOnly value={secret} onFocus={(e) => e.currentTarget.select()} />
        <button type="button" className="btn" onClick={copy}>
          {copied ? "Copied" : "Copy secret"}
        </button>
      </div>
    </div>
  );
}
