"use client";

import { useRouter } from "next/navigation";
import { sendJson } from "@/components/api/send-json";
import { Field, FormAlert } from "@/components/forms/field";
import { SubmitButton } from "@/components/forms/submit-button";
import { useFormSubmit } from "@/components/forms/use-form-submit";
import { MAIL_SETTINGS_MESSAGES } from "@/components/messages/mail-settings";
import { useMessages } from "@/components/messages/use-messages";

const text = (data: FormData, name: string) => {
  const v = String(data.get(name) ?? "").trim();
  return v === "" ? null : v;
};

/** A support address; with IMAP details the poller also reads its mailbox (POST /api/admin/mailboxes). */
export function CreateMailboxForm() {
  const router = useRouter();
  const t = useMessages(MAIL_SETTINGS_MESSAGES);
  const { pending, error, fieldErrors, onSubmit } = useFormSubmit();

  const submit = onSubmit(
    (data) => {
      const port = text(data, "imapPort");
      return sendJson("POST", "/api/admin/mailboxes", {
        address: String(data.get("address") ?? "").trim(),
        imapHost: text(data, "imapHost"),
        imapPort: port === null ? null : Number(port),
        imapTls: data.get("imapTls") === "on",
        imapUser: text(data, "imapUser"),
        imapPassword: text(data, "imapPassword"),
        imapFolder: text(data, "imapFolder") ?? "INBOX",
      });
    },
    (_, form) => {
      form.reset();
      router.refresh();
    },
  );

  return (
    <form onSubmit={submit} noValidate>
      <FormAlert message={error?.message} />
      <div className="admin-inline-form">
        <Field label={t("mailbox.address")} name="address" type="email" required maxLength={254} autoComplete="off" error={fieldErrors.address} />
        <Field
          label={t("mailbox.imapHost")}
          errorLabel={t("mailbox.imapHostError")}
          name="imapHost"
          maxLength={253}
          autoComplete="off"
          error={fieldErrors.imapHost}
        />
        <Field
          label={t("mailbox.imapPort")}
          name="imapPort"
          type="number"
          inputMode="numeric"
          min={1}
          max={65535}
          placeholder="993"
          className="input admin-input-narrow"
          error={fieldErrors.imapPort}
        />
      </div>
      <div className="admin-inline-form">
        <Field label={t("mailbox.imapUser")} name="imapUser" maxLength={254} autoComplete="off" error={fieldErrors.imapUser} />
        <Field
          label={t("mailbox.imapPassword")}
          name="imapPassword"
          type="password"
          maxLength={500}
          autoComplete="new-password"
          error={fieldErrors.imapPassword}
        />
        <Field label={t("mailbox.folder")} name="imapFolder" maxLength={200} defaultValue="INBOX" error={fieldErrors.imapFolder} />
      </div>
      <div className="field">
        <label className="checkbox">
          <input type="checkbox" name="imapTls" defaultChecked />
          {t("mailbox.tls")}
        </label>
      </div>
      <div className="form-actions form-actions-end">
        <SubmitButton pending={pending}>{t("mailbox.add")}</SubmitButton>
      </div>
    </form>
  );
}
