"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { sendJson } from "@/components/api/send-json";
import { Field, FormAlert } from "@/components/forms/field";
import { SubmitButton } from "@/components/forms/submit-button";
import { useFormSubmit } from "@/components/forms/use-form-submit";
import { ADMIN_USERS_MESSAGES } from "@/components/messages/admin-users";
import { COMMON_MESSAGES } from "@/components/messages/common";
import { useMessages } from "@/components/messages/use-messages";
import { ClientTime } from "@/components/time/client-time";
import { richText } from "@/components/messages/rich-text";

interface Invited {
  user: { name: string; email: string };
  delivery: "email" | "link";
  /** Only without e-mail, in development: the link itself. */
  inviteUrl?: string;
  expiresAt: string;
}

/**
 * Creates the user and e-mails them a one-time link (issue 12): accepting it proves the address is theirs,
 * so the admin never sees it. Without e-mail (development only) the link is shown exactly once instead:
 * the server keeps only its hash, so it cannot be shown again.
 */
export function InviteForm({ roles, byMail }: { roles: { value: string; label: string }[]; byMail: boolean }) {
  const router = useRouter();
  const t = useMessages(ADMIN_USERS_MESSAGES);
  const common = useMessages(COMMON_MESSAGES);
  const { pending, error, fieldErrors, onSubmit } = useFormSubmit();
  const [invited, setInvited] = useState<Invited | null>(null);
  const [copied, setCopied] = useState(false);

  const submit = onSubmit(
    (data) => {
      setInvited(null);
      setCopied(false);
      return sendJson<Invited>("POST", "/api/admin/users/invites", {
        name: String(data.get("name") ?? ""),
        email: String(data.get("email") ?? ""),
        role: String(data.get("role") ?? "requester"),
      });
    },
    (result, form) => {
      setInvited(result);
      form.reset();
      router.refresh();
    },
  );

  async function copy() {
    if (!invited?.inviteUrl) return;
    try {
      await navigator.clipboard.writeText(invited.inviteUrl);
      setCopied(true);
    } catch {
      setCopied(false);
    }
  }

  return (
    <>
      <form onSubmit={submit} className="admin-inline-form" aria-describedby="invite-hint">
        <FormAlert message={error?.message} className="admin-form-alert" />
        <Field label={common("field.name")} name="name" required maxLength={120} autoComplete="off" error={fieldErrors.name} />
        <Field label={t("invite.email")} name="email" type="email" required maxLength={254} autoComplete="off" error={fieldErrors.email} />
        <Field as="select" label={t("invite.role")} name="role" defaultValue="agent">
          {roles.map((r) => (
            <option key={r.value} value={r.value}>
              {r.label}
            </option>
          ))}
        </Field>
        <div className="admin-filters-actions">
          <SubmitButton pending={pending}>{t(byMail ? "invite.send" : "invite.createLink")}</SubmitButton>
        </div>
      </form>
      <p id="invite-hint" className="field-hint">
        {t(byMail ? "invite.hintMail" : "invite.hintLink")}
      </p>
      {invited && invited.delivery === "email" && (
        <div className="alert alert-success admin-invite-result" role="status">
          <p>
            {richText(t("invite.mailed"), {
              name: <strong>{invited.user.name}</strong>,
              email: invited.user.email,
              expiry: <ClientTime value={invited.expiresAt} mode="absolute" />,
            })}
          </p>
        </div>
      )}
      {invited?.inviteUrl && (
        <div className="alert alert-success admin-invite-result" role="status">
          <p>
            {richText(t("invite.linkFor"), {
              name: <strong>{invited.user.name}</strong>,
              email: invited.user.email,
            })}
          </p>
          <label htmlFor="invite-link" className="sr-only">
            {t("invite.link")}
          </label>
          <div className="admin-invite-link">
            <input id="invite-link" className="input admin-mono" readOnly value={invited.inviteUrl} onFocus={(e) => e.currentTarget.select()} />
            <button type="button" className="btn" onClick={copy}>
              {t(copied ? "invite.copied" : "invite.copy")}
            </button>
          </div>
        </div>
      )}
    </>
  );
}
