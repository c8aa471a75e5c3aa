"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { sendJson } from "@/components/api/send-json";
import { FormAlert } from "@/components/forms/field";
import { useFormSubmit } from "@/components/forms/use-form-submit";
import { ADMIN_USERS_MESSAGES } from "@/components/messages/admin-users";
import { COMMON_MESSAGES } from "@/components/messages/common";
import { useMessages } from "@/components/messages/use-messages";

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
 * in the list or a deactivation waits for "Confirm", since it signs the person out. `erasable` is the
 * page's offersErasure(): erasure is offered exactly when the API would accept it.
 */
export function UserActions({ user, roles, isSelf, erasable }: { user: Row; roles: { value: string; label: string }[]; isSelf: boolean; erasable: boolean }) {
  const router = useRouter();
  const t = useMessages(ADMIN_USERS_MESSAGES);
  const common = useMessages(COMMON_MESSAGES);
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
        return result.ok || result.error.status !== 404 ? result : { ok: false, error: { ...result.error, message: t("user.gone") } };
      },
      () => {
        setDone(ok);
        router.refresh();
      },
    );
  }

  const roleId = `role-${user.id}`;
  if (isSelf) return <span className="muted">{t("user.self")}</span>;
  if (user.erased) return <span className="muted">{t("user.erased")}</span>;
  return (
    <div className="admin-actions">
      <label htmlFor={roleId} className="sr-only">
        {t("user.roleOf", { name: user.name })}
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
          <span>{t("user.confirmRoleQuestion", { name: user.name, role: roleLabel(pendingRole) })}</span>
          <button
            type="button"
            className="btn admin-btn-small"
            disabled={pending}
            onClick={() => run("PATCH", `/api/admin/users/${user.id}`, { role: pendingRole }, t("user.roleChanged", { name: user.name }))}
          >
            {t("user.confirmRole")}
            <span className="sr-only"> {t("user.confirmRoleFor", { name: user.name })}</span>
          </button>
          <button type="button" className="btn btn-quiet admin-btn-small" onClick={() => setPendingRole(null)}>
            {common("action.cancel")}
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
              onClick={() => run("PATCH", `/api/admin/users/${user.id}`, { active: false }, t("user.deactivated", { name: user.name }))}
            >
              {t("user.confirmDeactivate")}
              <span className="sr-only"> {t("user.ofName", { name: user.name })}</span>
            </button>
            <button type="button" className="btn btn-quiet admin-btn-small" onClick={() => setConfirmDeactivate(false)}>
              {common("action.cancel")}
            </button>
          </span>
        ) : (
          <button type="button" className="btn admin-btn-small" disabled={pending} onClick={() => setConfirmDeactivate(true)}>
            {t("user.deactivate")}
            <span className="sr-only"> {user.name}</span>
          </button>
        )
      ) : (
        <button
          type="button"
          className="btn admin-btn-small"
          disabled={pending}
          onClick={() => run("PATCH", `/api/admin/users/${user.id}`, { active: true }, t("user.reactivated", { name: user.name }))}
        >
          {t("user.reactivate")}
          <span className="sr-only"> {user.name}</span>
        </button>
      )}
      {user.mfaEnabled &&
        (confirmReset ? (
          <span className="admin-confirm">
            <button
              type="button"
              className="btn admin-btn-small admin-btn-danger"
              disabled={pending}
              onClick={() => run("POST", `/api/admin/users/${user.id}/reset-mfa`, {}, t("user.mfaReset", { name: user.name }))}
            >
              {t("user.confirmReset")}
              <span className="sr-only"> {t("user.confirmResetOf", { name: user.name })}</span>
            </button>
            <button type="button" className="btn btn-quiet admin-btn-small" onClick={() => setConfirmReset(false)}>
              {common("action.cancel")}
            </button>
          </span>
        ) : (
          <button type="button" className="btn admin-btn-small" disabled={pending} onClick={() => setConfirmReset(true)}>
            {t("user.resetMfa")}
            <span className="sr-only"> {t("user.forName", { name: user.name })}</span>
          </button>
        ))}
      {erasable &&
        (confirmErase ? (
          <span className="admin-confirm">
            <button
              type="button"
              className="btn admin-btn-small admin-btn-danger"
              disabled={pending}
              onClick={() => run("POST", `/api/admin/users/${user.id}/erase`, {}, t("user.wasErased"))}
            >
              {t("user.confirmErase")}
              <span className="sr-only"> {t("user.confirmEraseOf", { name: user.name })}</span>
            </button>
            <button type="button" className="btn btn-quiet admin-btn-small" onClick={() => setConfirmErase(false)}>
              {common("action.cancel")}
            </button>
          </span>
        ) : (
          <button type="button" className="btn admin-btn-small" disabled={pending} onClick={() => setConfirmErase(true)}>
            {t("user.erase")}
            <span className="sr-only"> {user.name}</span>
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
