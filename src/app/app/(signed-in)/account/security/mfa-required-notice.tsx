import type { AccountTranslator } from "@/components/messages/account";

/** Why the user landed here: the MFA gate (S2) sends every other page to this one until they enrol. */
export function MfaRequiredNotice({ t }: { t: AccountTranslator }) {
  return (
    <div className="alert alert-warn mfa-required" role="note" aria-labelledby="mfa-required-title">
      <h2 id="mfa-required-title">{t("mfaNotice.title")}</h2>
      <p>{t("mfaNotice.body")}</p>
    </div>
  );
}
