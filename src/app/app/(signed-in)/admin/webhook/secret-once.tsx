"use client";

import { useState } from "react";
import { useMessages } from "@/components/messages/use-messages";
import { WEBHOOK_SETTINGS_MESSAGES } from "@/components/messages/webhook-settings";

/** A signing secret the server generated, shown this once: the server keeps it but never returns it again. */
export function SecretOnce({ secret }: { secret: string }) {
  const t = useMessages(WEBHOOK_SETTINGS_MESSAGES);
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
      <p>{t("secret.intro")}</p>
      <label htmlFor="webhook-secret">{t("secret.label")}</label>
      <div className="admin-invite-link">
        <input id="webhook-secret" className="input admin-mono" readOnly value={secret} onFocus={(e) => e.currentTarget.select()} />
        <button type="button" className="btn" onClick={copy}>
          {t(copied ? "secret.copied" : "secret.copy")}
        </button>
      </div>
    </div>
  );
}
