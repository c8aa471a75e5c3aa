"use client";

import { useState } from "react";
import { Field, FormAlert } from "@/components/forms/field";
import { SubmitButton } from "@/components/forms/submit-button";
import { failure, useFormSubmit, type ActionResult } from "@/components/forms/use-form-submit";
import { AUTH_MESSAGES, type AuthMessageId, type AuthTranslator } from "@/components/messages/auth";
import { useMessages } from "@/components/messages/use-messages";

const FAILURE_BY_STATUS: Partial<Record<number, AuthMessageId>> = {
  401: "twoFactor.wrongCode",
  429: "auth.tooManyAttempts",
};

async function verify(t: AuthTranslator, code: string, backup: boolean): Promise<ActionResult<null>> {
  try {
    const res = await fetch(backup ? "/api/auth/two-factor/verify-backup-code" : "/api/auth/two-factor/verify-totp", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ code }),
      credentials: "same-origin",
    });
    if (res.ok) return { ok: true, data: null };
    // A code already used (replay guard) gets its own explanation: wait for the next one.
    const body = (await res.json().catch(() => null)) as { code?: string; message?: string } | null;
    const message = body?.code === "TOTP_ALREADY_USED" && body.message ? body.message : t(FAILURE_BY_STATUS[res.status] ?? "twoFactor.failed");
    return failure(message, { status: res.status, code: body?.code ?? "error" });
  } catch {
    return failure(t("auth.network"), { code: "network" });
  }
}

/**
 * The second step after a correct password for an account with TOTP (S2). Better Auth keeps the pending
 * sign-in in a short-lived cookie; verifying the code (or a one-time backup code) creates the session.
 */
export function TwoFactorStep({ onDone, onRestart }: { onDone: () => void; onRestart: () => void }) {
  const t = useMessages(AUTH_MESSAGES);
  const [backup, setBackup] = useState(false);
  const { pending, error, onSubmit } = useFormSubmit();

  const submit = onSubmit((data) => verify(t, String(data.get("code") ?? "").replace(/\s+/g, ""), backup), onDone, { leaves: true });

  return (
    <form onSubmit={submit}>
      <FormAlert message={error?.message} />
      {/* One stable label whichever kind of code is entered; the hint says which one is expected. */}
      <Field
        label={t("twoFactor.code")}
        id="code"
        name="code"
        required
        autoFocus
        autoComplete="one-time-code"
        inputMode={backup ? "text" : "numeric"}
        maxLength={backup ? 32 : 6}
        hint={backup ? t("twoFactor.backupHint") : t("twoFactor.totpHint")}
      />
      <div className="field">
        <label className="checkbox">
          <input type="checkbox" checked={backup} onChange={(e) => setBackup(e.target.checked)} />
          {t("twoFactor.useBackup")}
        </label>
      </div>
      <SubmitButton pending={pending} className="btn btn-primary btn-block">
        {t("twoFactor.verify")}
      </SubmitButton>
      <p className="field-hint auth-restart">
        <button type="button" className="link-button" onClick={onRestart}>
          {t("twoFactor.restart")}
        </button>
      </p>
    </form>
  );
}
