"use client";

import { useState } from "react";
import { postAuth } from "@/components/api/post-auth";
import { ACCOUNT_MESSAGES } from "@/components/messages/account";
import { useMessages } from "@/components/messages/use-messages";
import { AuthenticatorSetup } from "./authenticator-setup";
import { ConfirmCodeForm } from "./confirm-code-form";
import { PasswordPrompt } from "./password-prompt";
import { RecoveryCodes } from "./recovery-codes";

type Setup = { totpURI: string; backupCodes: string[] };

/**
 * Enrolment (S2): password → QR code, setup key and recovery codes → a code from the app confirms.
 * Until the code is confirmed two-factor stays off; cancelling leaves nothing switched on.
 */
export function EnrolTwoFactor({ onEnrolled, onCancel }: { onEnrolled: () => void; onCancel: () => void }) {
  const t = useMessages(ACCOUNT_MESSAGES);
  const [setup, setSetup] = useState<Setup | null>(null);
  const [saved, setSaved] = useState(false);

  if (!setup) {
    return (
      <PasswordPrompt
        submitLabel={t("enrol.continue")}
        intro={t("enrol.intro")}
        onCancel={onCancel}
        action={(password) => postAuth<Setup>("/api/auth/two-factor/enable", { password })}
        onDone={setSetup}
      />
    );
  }

  return (
    <div className="enrol">
      <ol className="enrol-steps">
        <li>
          <h3>{t("enrol.scan")}</h3>
          <AuthenticatorSetup totpURI={setup.totpURI} />
        </li>
        <li>
          <h3>{t("enrol.saveCodes")}</h3>
          <RecoveryCodes codes={setup.backupCodes} saved={saved} onSavedChange={setSaved} />
        </li>
        <li>
          <h3>{t("enrol.enterCode")}</h3>
          {saved ? <ConfirmCodeForm onConfirmed={onEnrolled} /> : <p className="muted">{t("enrol.confirmSavedFirst")}</p>}
        </li>
      </ol>
      <button type="button" className="btn btn-quiet" onClick={onCancel}>
        {t("enrol.cancel")}
      </button>
    </div>
  );
}
