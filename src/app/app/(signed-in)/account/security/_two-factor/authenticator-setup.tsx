"use client";

import QRCode from "qrcode";
import { useEffect, useId, useState } from "react";
import { ACCOUNT_MESSAGES } from "@/components/messages/account";
import { useMessages } from "@/components/messages/use-messages";

/** The key in groups of four, as authenticator apps show it; spaces are ignored when typed in. */
function groupedSecret(totpURI: string): string {
  const secret = new URL(totpURI).searchParams.get("secret") ?? "";
  return secret.replace(/(.{4})(?=.)/g, "$1 ");
}

/**
 * The QR code of the otpauth:// URI, drawn in the browser: the secret never goes to a third-party QR
 * service, and a data: image is allowed by our CSP (img-src data:). The key in text is for typing it in.
 */
export function AuthenticatorSetup({ totpURI }: { totpURI: string }) {
  const id = useId();
  const t = useMessages(ACCOUNT_MESSAGES);
  const [qr, setQr] = useState<string | null>(null);
  const [qrFailed, setQrFailed] = useState(false);

  useEffect(() => {
    let live = true;
    QRCode.toDataURL(totpURI, { margin: 1, width: 192, errorCorrectionLevel: "M" })
      .then((url) => live && setQr(url))
      .catch(() => live && setQrFailed(true));
    return () => {
      live = false;
    };
  }, [totpURI]);

  return (
    <div className="authenticator-setup">
      <div className="qr-frame">
        {qr ? (
          // A plain <img>: a data: URL has nothing for next/image to optimise.
          <img src={qr} width={192} height={192} alt={t("enrol.qrAlt")} />
        ) : (
          <p className="muted">{qrFailed ? t("enrol.qrFailed") : t("enrol.qrDrawing")}</p>
        )}
      </div>
      <div className="field setup-key">
        <label htmlFor={`${id}-key`}>{t("enrol.setupKey")}</label>
        {/* Read-only text, so it can be selected and copied; a textarea so the whole key stays visible. */}
        <textarea
          id={`${id}-key`}
          className="input input-mono setup-key-text"
          readOnly
          rows={2}
          value={groupedSecret(totpURI)}
          aria-describedby={`${id}-key-hint`}
        />
        <p id={`${id}-key-hint`} className="field-hint">
          {t("enrol.setupKeyHint")}
        </p>
      </div>
    </div>
  );
}
