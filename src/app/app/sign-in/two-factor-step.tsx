"use client";

import { useState } from "react";
import { Field, FormAlert } from "@/components/forms/field";
import { SubmitButton } from "@/components/forms/submit-button";
import { failure, useFormSubmit, type ActionResult } from "@/components/forms/use-form-submit";

const MESSAGES: Record<number, string> = {
  401: "Wrong or expired code. Try again, or sign in again if it keeps failing.",
  429: "Too many attempts, try again later",
};

async function verify(code: string, backup: boolean): Promise<ActionResult<null>> {
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
    const message = body?.code === "TOTP_ALREADY_USED" && body.message ? body.message : (MESSAGES[res.status] ?? "Verification failed. Please try again.");
    return failure(message, { status: res.status, code: body?.code ?? "error" });
  } catch {
    return failure("Could not reach the server. Check your connection.", { code: "network" });
  }
}

/**
 * The second step after a correct password for an account with TOTP (S2). Better Auth keeps the pending
 * sign-in in a short-lived cookie; verifying the code (or a one-time backup code) creates the session.
 */
export function TwoFactorStep({ onDone, onRestart }: { onDone: () => void; onRestart: () => void }) {
  const [backup, setBackup] = useState(false);
  const { pending, error, onSubmit } = useFormSubmit();

  const submit = onSubmit((data) => verify(String(data.get("code") ?? "").replace(/\s+/g, ""), backup), onDone, { leaves: true });

  return (
    <form onSubmit={submit}>
      <FormAlert message={error?.message} />
      {/* One stable label whichever kind of code is entered; the hint says which one is expected. */}
      <Field
        label="Authentication code"
        id="code"
        name="code"
        required
        autoFocus
        autoComplete="one-time-code"
        inputMode={backup ? "text" : "numeric"}
        maxLength={backup ? 32 : 6}
        hint={backup ? "One of your backup codes; each works once." : "The 6-digit code from your authenticator app."}
      />
      <div className="field">
        <label className="checkbox">
          <input type="checkbox" checked={backup} onChange={(e) => setBackup(e.target.checked)} />
          Use a backup code
        </label>
      </div>
      <SubmitButton pending={pending} className="btn btn-primary btn-block">
        Verify
      </SubmitButton>
      <p className="field-hint auth-restart">
        <button type="button" className="link-button" onClick={onRestart}>
          Use a different account
        </button>
      </p>
    </form>
  );
}
