"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { postAuth } from "@/components/api/post-auth";
import { EnrolTwoFactor } from "./enrol-two-factor";
import { PasswordPrompt } from "./password-prompt";
import { RecoveryCodes } from "./recovery-codes";

type Mode = "idle" | "enrol" | "disable" | "regenerate";

/**
 * Two-factor status and its three changes (S2). `enabled` comes from the server; after a change the page
 * re-renders from the server (router.refresh), because enrolling or disabling rotates the session.
 */
export function TwoFactorCard({ enabled, required }: { enabled: boolean; required: boolean }) {
  const router = useRouter();
  const [mode, setMode] = useState<Mode>("idle");
  const [notice, setNotice] = useState("");
  const [newCodes, setNewCodes] = useState<string[] | null>(null);
  const [codesSaved, setCodesSaved] = useState(false);

  function start(next: Mode) {
    setNotice("");
    setNewCodes(null);
    setCodesSaved(false);
    setMode(next);
  }

  function finish(message: string) {
    setMode("idle");
    setNotice(message);
    router.refresh();
  }

  return (
    <section className="card card-body account-card" aria-labelledby="two-factor-title">
      <div className="account-card-head">
        <h2 id="two-factor-title">Two-factor authentication</h2>
        <span className={enabled ? "badge badge-on" : "badge badge-off"}>{enabled ? "On" : "Off"}</span>
      </div>
      <p className="muted">
        {enabled
          ? "Signing in needs your password and a code from your authenticator app."
          : "Signing in needs only your password. Add a code from an authenticator app so a stolen password is not enough."}
      </p>
      {mode === "idle" && !enabled && (
        <button type="button" className="btn btn-primary" onClick={() => start("enrol")}>
          Set up two-factor authentication
        </button>
      )}
      {mode === "idle" && enabled && (
        <div className="form-actions">
          <button type="button" className="btn" onClick={() => start("regenerate")}>
            Get new recovery codes
          </button>
          <button type="button" className="btn btn-danger-quiet" onClick={() => start("disable")}>
            Turn off two-factor authentication
          </button>
        </div>
      )}

      {mode === "enrol" && (
        <EnrolTwoFactor onCancel={() => setMode("idle")} onEnrolled={() => finish("Two-factor authentication is on. Your other devices were signed out.")} />
      )}

      {mode === "disable" && (
        <PasswordPrompt
          submitLabel="Turn off two-factor authentication"
          danger
          intro={
            required
              ? "Your organization requires two-factor authentication: until you set it up again, only this page will be available to you."
              : "Signing in will need only your password again. Your other devices will be signed out."
          }
          onCancel={() => setMode("idle")}
          action={(password) => postAuth("/api/auth/two-factor/disable", { password })}
          onDone={() => finish("Two-factor authentication is off. Your other devices were signed out.")}
        />
      )}

      {mode === "regenerate" &&
        (newCodes ? (
          <div>
            <h3>Your new recovery codes</h3>
            <RecoveryCodes codes={newCodes} saved={codesSaved} onSavedChange={setCodesSaved} />
            <button
              type="button"
              className="btn btn-primary"
              disabled={!codesSaved}
              onClick={() => finish("New recovery codes saved. The old ones no longer work.")}
            >
              Done
            </button>
          </div>
        ) : (
          <PasswordPrompt
            submitLabel="Get new recovery codes"
            intro="Your current recovery codes will stop working."
            onCancel={() => setMode("idle")}
            action={(password) => postAuth<{ backupCodes: string[] }>("/api/auth/two-factor/generate-backup-codes", { password })}
            onDone={(data) => setNewCodes(data.backupCodes)}
          />
        ))}
      <p className="status-text account-status" role="status">
        {notice}
      </p>
    </section>
  );
}
