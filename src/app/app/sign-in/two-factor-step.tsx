"use client";

import { useState, type FormEvent } from "react";

const MESSAGES: Record<number, string> = {
  401: "Wrong or expired code. Try again, or sign in again if it keeps failing.",
  429: "Too many attempts, try again later",
};

/**
 * The second step after a correct password for an account with TOTP (S2). Better Auth keeps the pending
 * sign-in in a short-lived cookie; verifying the code (or a one-time backup code) creates the session.
 */
export function TwoFactorStep({ onDone, onRestart }: { onDone: () => void; onRestart: () => void }) {
  const [backup, setBackup] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const code = String(new FormData(event.currentTarget).get("code") ?? "").replace(/\s+/g, "");
    setPending(true);
    setError(null);
    try {
      const res = await fetch(backup ? "/api/auth/two-factor/verify-backup-code" : "/api/auth/two-factor/verify-totp", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ code }),
        credentials: "same-origin",
      });
      if (!res.ok) {
        // A code already used (replay guard) gets its own explanation: wait for the next one.
        const body = (await res.json().catch(() => null)) as { code?: string; message?: string } | null;
        setError(body?.code === "TOTP_ALREADY_USED" && body.message ? body.message : (MESSAGES[res.status] ?? "Verification failed. Please try again."));
        setPending(false);
        return;
      }
      onDone();
    } catch {
      setError("Could not reach the server. Check your connection.");
      setPending(false);
    }
  }

  return (
    <form onSubmit={onSubmit}>
      {error && (
        <p className="alert alert-error" role="alert">
          {error}
        </p>
      )}
      <div className="field">
        {/* One stable label whichever kind of code is entered; the hint says which one is expected. */}
        <label htmlFor="code">Authentication code</label>
        <input
          id="code"
          name="code"
          className="input"
          required
          autoFocus
          autoComplete="one-time-code"
          inputMode={backup ? "text" : "numeric"}
          maxLength={backup ? 32 : 6}
          aria-describedby="code-hint"
        />
        <p id="code-hint" className="field-hint">
          {backup ? "One of your backup codes; each works once." : "The 6-digit code from your authenticator app."}
        </p>
      </div>
      <div className="field">
        <label className="checkbox">
          <input type="checkbox" checked={backup} onChange={(e) => setBackup(e.target.checked)} />
          Use a backup code
        </label>
      </div>
      <button type="submit" className="btn btn-primary btn-block" disabled={pending} aria-busy={pending}>
        Verify
      </button>
      <p className="field-hint auth-restart">
        <button type="button" className="link-button" onClick={onRestart}>
          Use a different account
        </button>
      </p>
    </form>
  );
}
