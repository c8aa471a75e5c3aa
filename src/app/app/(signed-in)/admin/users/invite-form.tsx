"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { sendJson, type ApiError } from "@/components/api/send-json";
import { FieldError } from "@/components/forms/field-error";

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
  const [error, setError] = useState<ApiError | null>(null);
  const [pending, setPending] = useState(false);
  const [invited, setInvited] = useState<Invited | null>(null);
  const [copied, setCopied] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    setPending(true);
    setError(null);
    setInvited(null);
    setCopied(false);
    const result = await sendJson<Invited>("POST", "/api/admin/users/invites", {
      name: String(data.get("name") ?? ""),
      email: String(data.get("email") ?? ""),
      role: String(data.get("role") ?? "requester"),
    });
    setPending(false);
    if (!result.ok) return setError(result.error);
    setInvited(result.data);
    form.reset();
    router.refresh();
  }

  async function copy() {
    if (!invited) return;
    try {
      await navigator.clipboard.writeText(invited.inviteUrl);
      setCopied(true);
    } catch {
      setCopied(false);
    }
  }

  const fields = error?.fieldErrors ?? {};
  return (
    <>
      <form onSubmit={onSubmit} className="admin-inline-form" aria-describedby="invite-hint">
        {error && (
          <p className="alert alert-error admin-form-alert" role="alert">
            {error.message}
          </p>
        )}
        <div className="field">
          <label htmlFor="invite-name">Name</label>
          <input id="invite-name" name="name" className="input" required maxLength={120} autoComplete="off" aria-invalid={fields.name ? true : undefined} aria-describedby={fields.name ? "invite-name-error" : undefined} />
          <FieldError id="invite-name-error" label="Name" message={fields.name} />
        </div>
        <div className="field">
          <label htmlFor="invite-email">E-mail</label>
          <input id="invite-email" name="email" type="email" className="input" required maxLength={254} autoComplete="off" aria-invalid={fields.email ? true : undefined} aria-describedby={fields.email ? "invite-email-error" : undefined} />
          <FieldError id="invite-email-error" label="E-mail" message={fields.email} />
        </div>
        <div className="field">
          <label htmlFor="invite-role">Role</label>
          <select id="invite-role" name="role" className="select" defaultValue="agent">
            {roles.map((r) => (
              <option key={r.value} value={r.value}>
                {r.label}
              </option>
            ))}
          </select>
        </div>
        <div className="admin-filters-actions">
          <button type="submit" className="btn btn-primary" disabled={pending} aria-busy={pending}>
            Create invite link
          </button>
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
