"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { sendJson } from "@/components/api/send-json";
import { FormAlert } from "@/components/forms/field";
import { useFormSubmit } from "@/components/forms/use-form-submit";

interface Row {
  id: string;
  name: string;
  role: string;
  active: boolean;
  mfaEnabled: boolean;
  erased: boolean;
}

/**
 * Role, activation, MFA reset and erasure (issue 14: requesters, or staff once deactivated) for one user;
 * every change goes through the JSON API and ends their sessions. Each asks first (issue 13): a role picked
 * in the list or a deactivation waits for "Confirm", since it signs the person out.
 */
export function UserActions({ user, roles, isSelf }: { user: Row; roles: { value: string; label: string }[]; isSelf: boolean }) {
  const router = useRouter();
  const { pending, error, run: submit } = useFormSubmit();
  const [done, setDone] = useState<string | null>(null);
  const [confirmReset, setConfirmReset] = useState(false);
  const [pendingRole, setPendingRole] = useState<string | null>(null);
  const [confirmDeactivate, setConfirmDeactivate] = useState(false);
  const roleLabel = (value: string) => roles.find((r) => r.value === value)?.label ?? value;
  const [confirmErase, setConfirmErase] = useState(false);

  function run(method: "PATCH" | "POST", url: string, body: unknown, ok: string) {
    setDone(null);
    return submit(
      async () => {
        const result = await sendJson(method, url, body);
        setConfirmReset(false);
        setPendingRole(null);
        setConfirmDeactivate(false);
        setConfirmErase(false);
        return result.ok || result.error.status !== 404 ? result : { ok: false, error: { ...result.error, message: "This user no longer exists." } };
      },
      () => {
        setDone(ok);
        router.refresh();
      },
    );
  }

  const roleId = `role-${user.id}`;
  if (isSelf) return <span className="muted">This is you: change your own account under Account security.</span>;
  if (user.erased) return <span className="muted">Erased on request: no name, address or access left.</span>;
  const erasable = !user.active || user.role === "requester";
  return (
    <div className="admin-actions">
      <label htmlFor={roleId} className="sr-only">
        Role of {user.name}
      </label>
      <select
        id={roleId}
        className="select admin-select-small"
        value={pendingRole ?? user.role}
        disabled={pending}
        onChange={(e) => setPendingRole(e.target.value === user.role ? null : e.target.value)}
      >
        {roles.map((r) => (
          <option key={r.value} value={r.value}>
            {r.label}
          </option>
        ))}
      </select>
      {pendingRole && (
        <span className="admin-confirm">
          <span>
            Make {user.name} {roleLabel(pendingRole)}? They are signed out.
          </span>
          <button
            type="button"
            className="btn admin-btn-small"
            disabled={pending}
            onClick={() => run("PATCH", `/api/admin/users/${user.id}`, { role: pendingRole }, `Role changed; ${user.name} must sign in again.`)}
          >
            Confirm role<span className="sr-only"> change for {user.name}</span>
          </button>
          <button type="button" className="btn btn-quiet admin-btn-small" onClick={() => setPendingRole(null)}>
            Cancel
          </button>
        </span>
      )}
      {user.active ? (
        confirmDeactivate ? (
          <span className="admin-confirm">
            <button
              type="button"
              className="btn admin-btn-small admin-btn-danger"
              disabled={pending}
              onClick={() => run("PATCH", `/api/admin/users/${user.id}`, { active: false }, `${user.name} was deactivated.`)}
            >
              Confirm deactivation<span className="sr-only"> of {user.name}</span>
            </button>
            <button type="button" className="btn btn-quiet admin-btn-small" onClick={() => setConfirmDeactivate(false)}>
              Cancel
            </button>
          </span>
        ) : (
          <button type="button" className="btn admin-btn-small" disabled={pending} onClick={() => setConfirmDeactivate(true)}>
            Deactivate<span className="sr-only"> {user.name}</span>
          </button>
        )
      ) : (
        <button
          type="button"
          className="btn admin-btn-small"
          disabled={pending}
          onClick={() => run("PATCH", `/api/admin/users/${user.id}`, { active: true }, `${user.name} was reactivated.`)}
        >
          Reactivate<span className="sr-only"> {user.name}</span>
        </button>
      )}
      {user.mfaEnabled &&
        (confirmReset ? (
          <span className="admin-confirm">
            <button
              type="button"
              className="btn admin-btn-small admin-btn-danger"
              disabled={pending}
              onClick={() => run("POST", `/api/admin/users/${user.id}/reset-mfa`, {}, `Two-factor removed for ${user.name}.`)}
            >
              Confirm reset<span className="sr-only"> of two-factor for {user.name}</span>
            </button>
            <button type="button" className="btn btn-quiet admin-btn-small" onClick={() => setConfirmReset(false)}>
              Cancel
            </button>
          </span>
        ) : (
          <button type="button" className="btn admin-btn-small" disabled={pending} onClick={() => setConfirmReset(true)}>
            Reset MFA<span className="sr-only"> for {user.name}</span>
          </button>
        ))}
      {erasable &&
        (confirmErase ? (
          <span className="admin-confirm">
            <button
              type="button"
              className="btn admin-btn-small admin-btn-danger"
              disabled={pending}
              onClick={() => run("POST", `/api/admin/users/${user.id}/erase`, {}, "The person was erased.")}
            >
              Confirm erasure<span className="sr-only"> of {user.name}: name, address, texts and files, everywhere</span>
            </button>
            <button type="button" className="btn btn-quiet admin-btn-small" onClick={() => setConfirmErase(false)}>
              Cancel
            </button>
          </span>
        ) : (
          <button type="button" className="btn admin-btn-small" disabled={pending} onClick={() => setConfirmErase(true)}>
            Erase…<span className="sr-only"> {user.name}</span>
          </button>
        ))}
      <FormAlert inline className="admin-action-message" message={error?.message} />
      {done && (
        <p className="admin-action-ok admin-action-message" role="status">
          {done}
        </p>
      )}
    </div>
  );
}
