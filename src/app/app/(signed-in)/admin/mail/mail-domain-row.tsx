"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { sendJson } from "@/components/api/send-json";
import { FormAlert } from "@/components/forms/field";
import { useFormSubmit } from "@/components/forms/use-form-submit";
import { MAIL_SETTINGS_MESSAGES } from "@/components/messages/mail-settings";
import { useMessages } from "@/components/messages/use-messages";

type Verified = { state: "verified" | "waiting"; lastCheck: { message: string | null } | null };

/** One read-only, select-on-focus field with a copy button: the DNS name or value to publish. */
function CopyField({ id, label, value }: { id: string; label: string; value: string }) {
  const t = useMessages(MAIL_SETTINGS_MESSAGES);
  const [copied, setCopied] = useState(false);
  async function copy() {
    try {
      await navigator.clipboard.writeText(value);
      setCopied(true);
    } catch {
      setCopied(false);
    }
  }
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <div className="admin-invite-link">
        <input id={id} className="input admin-mono" readOnly value={value} onFocus={(e) => e.currentTarget.select()} />
        <button type="button" className="btn admin-btn-small" onClick={copy}>
          {t(copied ? "domain.copied" : "domain.copy")}
          <span className="sr-only"> {label}</span>
        </button>
      </div>
    </div>
  );
}

/** The TXT record an admin publishes for a domain, and "Verify domain" (POST /api/admin/mail-domains/verify). */
export function MailDomainRecord({
  domain,
  recordName,
  recordValue,
  verified,
}: {
  domain: string;
  recordName: string;
  recordValue: string;
  verified: boolean;
}) {
  const router = useRouter();
  const t = useMessages(MAIL_SETTINGS_MESSAGES);
  const { pending, error, run } = useFormSubmit();
  const [done, setDone] = useState<string | null>(null);
  const verify = () => {
    setDone(null);
    return run(
      () => sendJson<Verified>("POST", "/api/admin/mail-domains/verify", { domain }),
      (r) => {
        setDone(r.state === "verified" ? t("domain.verified") : t("domain.notVerified", { message: r.lastCheck?.message ?? t("noAnswer") }));
        router.refresh();
      },
    );
  };
  const key = domain.replace(/[^a-z0-9]/g, "-");
  return (
    <div>
      <CopyField id={`txt-name-${key}`} label={t("domain.recordName")} value={recordName} />
      <CopyField id={`txt-value-${key}`} label={t("domain.recordValue")} value={recordValue} />
      <div className="admin-actions">
        <button type="button" className="btn admin-btn-small" disabled={pending} onClick={verify}>
          {t(verified ? "domain.checkAgain" : "domain.verify")}
          <span className="sr-only"> {domain}</span>
        </button>
        <FormAlert inline message={error?.fieldErrors.domain ? t("domain.fieldError", { domain, message: error.fieldErrors.domain }) : error?.message} />
        {done && (
          <p className="admin-action-ok" role="status">
            {done}
          </p>
        )}
      </div>
    </div>
  );
}

/** Any other domain, e.g. a parent domain that covers several mailbox domains at once. */
export function VerifyOtherDomainForm() {
  const router = useRouter();
  const t = useMessages(MAIL_SETTINGS_MESSAGES);
  const { pending, error, run } = useFormSubmit();
  const [value, setValue] = useState("");
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        void run(
          () => sendJson<Verified>("POST", "/api/admin/mail-domains/verify", { domain: value.trim() }),
          () => {
            setValue("");
            router.refresh();
          },
        );
      }}
      noValidate
    >
      <div className="admin-inline-form">
        <div className="field">
          <label htmlFor="mail-domain-other">{t("domain.other")}</label>
          <input id="mail-domain-other" className="input" maxLength={253} value={value} onChange={(e) => setValue(e.target.value)} autoComplete="off" />
        </div>
        <div className="form-actions">
          <button type="submit" className="btn" disabled={pending || value.trim() === ""}>
            {t("domain.otherSubmit")}
          </button>
        </div>
      </div>
      <FormAlert inline message={error?.fieldErrors.domain ? t("domain.otherFieldError", { message: error.fieldErrors.domain }) : error?.message} />
    </form>
  );
}
