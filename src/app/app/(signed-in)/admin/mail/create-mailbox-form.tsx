"use client";

import { useRouter } from "next/navigation";
import { sendJson } from "@/components/api/send-json";
import { Field, FormAlert } from "@/components/forms/field";
import { SubmitButton } from "@/components/forms/submit-button";
import { useFormSubmit } from "@/components/forms/use-form-submit";

const text = (data: FormData, name: string) => {
  const v = String(data.get(name) ?? "").trim();
  return v === "" ? null : v;
};

/** A support address; with IMAP details the poller also reads its mailbox (POST /api/admin/mailboxes). */
export function CreateMailboxForm() {
  const router = useRouter();
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
        <Field label="Support address" name="address" type="email" required maxLength={254} autoComplete="off" error={fieldErrors.address} />
        <Field label="IMAP host (optional)" errorLabel="IMAP host" name="imapHost" maxLength={253} autoComplete="off" error={fieldErrors.imapHost} />
        <Field
          label="IMAP port"
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
        <Field label="IMAP user" name="imapUser" maxLength={254} autoComplete="off" error={fieldErrors.imapUser} />
        <Field label="IMAP password" name="imapPassword" type="password" maxLength={500} autoComplete="new-password" error={fieldErrors.imapPassword} />
        <Field label="Folder" name="imapFolder" maxLength={200} defaultValue="INBOX" error={fieldErrors.imapFolder} />
      </div>
      <div className="field">
        <label className="checkbox">
          <input type="checkbox" name="imapTls" defaultChecked />
          Connect with TLS
        </label>
      </div>
      <div className="form-actions form-actions-end">
        <SubmitButton pending={pending}>Add mailbox</SubmitButton>
      </div>
    </form>
  );
}
