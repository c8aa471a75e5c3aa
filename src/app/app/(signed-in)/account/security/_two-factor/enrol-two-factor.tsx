"use client";

import { useState } from "react";
import { postAuth } from "@/components/api/post-auth";
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
  const [setup, setSetup] = useState<Setup | null>(null);
  const [saved, setSaved] = useState(false);

  if (!setup) {
    return (
      <PasswordPrompt
        submitLabel="Continue"
        intro="You will need an authenticator app on your phone, such as 1Password, Google Authenticator or Microsoft Authenticator."
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
          <h3>Scan the QR code with your authenticator app</h3>
          <AuthenticatorSetup totpURI={setup.totpURI} />
        </li>
        <li>
          <h3>Save your recovery codes</h3>
          <RecoveryCodes codes={setup.backupCodes} saved={saved} onSavedChange={setSaved} />
        </li>
        <li>
          <h3>Enter the code from the app</h3>
          {saved ? <ConfirmCodeForm onConfirmed={onEnrolled} /> : <p className="muted">First confirm that you saved your recovery codes.</p>}
        </li>
      </ol>
      <button type="button" className="btn btn-quiet" onClick={onCancel}>
        Cancel setup
      </button>
    </div>
  );
}
