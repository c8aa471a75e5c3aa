"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { sendJson } from "@/components/api/send-json";
import { Field, FormAlert } from "@/components/forms/field";
import { SubmitButton } from "@/components/forms/submit-button";
import { useFormSubmit } from "@/components/forms/use-form-submit";

interface Invited {
  user: { name: string; email: string };
  inviteUrl: string;
  expiresAt: string;
}

/**
 * Creates the user and shows the one-time link exactly once: the server keeps only its hash, so the
 * link cannot be shown again. The admin passes it on through a channel they trust.
 */
export function InviteForm({ roles }: { roles: { value: string; label: string }[] }) {
  const router = useRouter();
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
    if (!invited) return;
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
        <Field label="Name" name="name" required maxLength={120} autoComplete="off" error={fieldErrors.name} />
        <Field label="E-mail" name="email" type="email" required maxLength={254} autoComplete="off" error={fieldErrors.email} />
        <Field as="select" label="Role" name="role" defaultValue="agent">
          {roles.map((r) => (
            <option key={r.value} value={r.value}>
              {r.label}
            </option>
          ))}
        </Field>
        <div className="admin-filters-actions">
          <SubmitButton pending={pending}>Create invite link</SubmitButton>
        </div>
      </form>
      <p id="invite-hint" className="field-hint">
        The link is valid for 72 hours and works once. It is shown only now.
      </p>
      {invited && (
        <div className="alert alert-success admin-invite-result" role="status">
          <p>
            Invite for <strong>{invited.user.name}</strong> ({invited.user.email}). Send them this link:
          </p>
          <label htmlFor="invite-link" className="sr-only">
            Invite link
          </label>
          <div className="admin-invite-link">
            <input id="invite-link" className="input admin-mono" readOnly value={invited.inviteUrl} onFocus={(e) => e.currentTarget.select()} />
            <button type="button" className="btn" onClick={copy}>
              {copied ? "Copied" : "Copy link"}
            </button>
          </div>
        </div>
      )}
    </>
  );
}
