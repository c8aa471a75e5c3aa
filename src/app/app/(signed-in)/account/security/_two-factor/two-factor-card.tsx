"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { postAuth } from "@/components/api/post-auth";
import { ACCOUNT_MESSAGES } from "@/components/messages/account";
import { useMessages } from "@/components/messages/use-messages";
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
  const t = useMessages(ACCOUNT_MESSAGES);
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
        <h2 id="two-factor-title">{t("twoFactor.title")}</h2>
        <span className={enabled ? "badge badge-on" : "badge badge-off"}>{enabled ? t("twoFactor.on") : t("twoFactor.off")}</span>
      </div>
      <p className="muted">{enabled ? t("twoFactor.enabledIntro") : t("twoFactor.disabledIntro")}</p>
      {mode === "idle" && !enabled && (
        <button type="button" className="btn btn-primary" onClick={() => start("enrol")}>
          {t("twoFactor.setUp")}
        </button>
      )}
      {mode === "idle" && enabled && (
        <div className="form-actions">
          <button type="button" className="btn" onClick={() => start("regenerate")}>
            {t("twoFactor.newCodes")}
          </button>
          <button type="button" className="btn btn-danger-quiet" onClick={() => start("disable")}>
            {t("twoFactor.turnOff")}
          </button>
        </div>
      )}

      {mode === "enrol" && <EnrolTwoFactor onCancel={() => setMode("idle")} onEnrolled={() => finish(t("twoFactor.enrolled"))} />}

      {mode === "disable" && (
        <PasswordPrompt
          submitLabel={t("twoFactor.turnOff")}
          danger
          intro={required ? t("twoFactor.disableRequired") : t("twoFactor.disableIntro")}
          onCancel={() => setMode("idle")}
          action={(password) => postAuth("/api/auth/two-factor/disable", { password })}
          onDone={() => finish(t("twoFactor.disabled"))}
        />
      )}

      {mode === "regenerate" &&
        (newCodes ? (
          <div>
            <h3>{t("twoFactor.yourNewCodes")}</h3>
            <RecoveryCodes codes={newCodes} saved={codesSaved} onSavedChange={setCodesSaved} />
            <button type="button" className="btn btn-primary" disabled={!codesSaved} onClick={() => finish(t("twoFactor.codesRenewed"))}>
              {t("twoFactor.done")}
            </button>
          </div>
        ) : (
          <PasswordPrompt
            submitLabel={t("twoFactor.newCodes")}
            intro={t("twoFactor.newCodesIntro")}
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
