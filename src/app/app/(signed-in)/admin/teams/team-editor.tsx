"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { sendJson } from "@/components/api/send-json";
import { Field, FormAlert } from "@/components/forms/field";
import { SubmitButton } from "@/components/forms/submit-button";
import { useFormSubmit } from "@/components/forms/use-form-submit";
import { COMMON_MESSAGES } from "@/components/messages/common";
import { ADMIN_TEAMS_MESSAGES } from "@/components/messages/admin-teams";
import { useMessages } from "@/components/messages/use-messages";

interface Team {
  id: string;
  name: string;
  members: { id: string; name: string; active: boolean }[];
}

/** One team: rename, choose members among active staff, delete (with a confirmation step). */
export function TeamEditor({ team, staff }: { team: Team; staff: { id: string; name: string }[] }) {
  const router = useRouter();
  const t = useMessages(ADMIN_TEAMS_MESSAGES);
  const common = useMessages(COMMON_MESSAGES);
  const { pending, error, run } = useFormSubmit();
  const [done, setDone] = useState<string | null>(null);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const titleId = `team-${team.id}-title`;
  const memberIds = new Set(team.members.map((m) => m.id));
  // Members who are no longer active staff still show, so saving never drops them silently unseen.
  const candidates = [...staff, ...team.members.filter((m) => !staff.some((s) => s.id === m.id))];

  function send(method: "PATCH" | "PUT" | "DELETE", url: string, body: unknown, ok: string) {
    setDone(null);
    return run(
      () => sendJson(method, url, body),
      () => {
        setDone(ok);
        router.refresh();
      },
    );
  }

  function rename(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    return send("PATCH", `/api/admin/teams/${team.id}`, { name: String(new FormData(event.currentTarget).get("name") ?? "") }, t("team.renamed"));
  }

  function saveMembers(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const userIds = new FormData(event.currentTarget).getAll("member").map(String);
    return send("PUT", `/api/admin/teams/${team.id}/members`, { userIds }, t("team.membersSaved"));
  }

  return (
    <section className="card card-body admin-card" aria-labelledby={titleId}>
      <div className="admin-card-head">
        <h2 id={titleId}>{team.name}</h2>
        <span className="muted">{t("team.memberCount", { count: team.members.length })}</span>
      </div>
      <form onSubmit={rename} className="admin-inline-form">
        <Field label={common("field.name")} name="name" defaultValue={team.name} required maxLength={100} />
        <div className="admin-filters-actions">
          <SubmitButton pending={pending} className="btn">
            {t("team.rename")}
            <span className="sr-only"> {team.name}</span>
          </SubmitButton>
        </div>
      </form>
      <form onSubmit={saveMembers}>
        <fieldset className="admin-members">
          <legend>{t("team.members", { team: team.name })}</legend>
          {candidates.length === 0 && <p className="muted">{t("team.noStaff")}</p>}
          {candidates.map((s) => (
            <label key={s.id} className="checkbox">
              <input type="checkbox" name="member" value={s.id} defaultChecked={memberIds.has(s.id)} />
              {s.name}
            </label>
          ))}
        </fieldset>
        <div className="form-actions">
          <SubmitButton pending={pending}>
            {t("team.saveMembers")}
            <span className="sr-only"> {t("team.ofTeam", { team: team.name })}</span>
          </SubmitButton>
          <span className="form-actions-spacer" />
          {confirmDelete ? (
            <>
              <button
                type="button"
                className="btn admin-btn-danger"
                disabled={pending}
                onClick={() => send("DELETE", `/api/admin/teams/${team.id}`, undefined, t("team.deleted"))}
              >
                {t("team.confirmDelete")}
                <span className="sr-only"> {t("team.ofTeam", { team: team.name })}</span>
              </button>
              <button type="button" className="btn btn-quiet" onClick={() => setConfirmDelete(false)}>
                {common("action.cancel")}
              </button>
            </>
          ) : (
            <button type="button" className="btn btn-quiet" disabled={pending} onClick={() => setConfirmDelete(true)}>
              {t("team.delete")}
              <span className="sr-only"> {team.name}</span>
            </button>
          )}
        </div>
      </form>
      <FormAlert inline message={error?.message} />
      {done && (
        <p className="admin-action-ok" role="status">
          {done}
        </p>
      )}
    </section>
  );
}
