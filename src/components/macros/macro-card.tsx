"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { sendJson } from "@/components/api/send-json";
import { FormAlert } from "@/components/forms/field";
import { useFormSubmit } from "@/components/forms/use-form-submit";
import { COMMON_MESSAGES } from "@/components/messages/common";
import { MACROS_MESSAGES } from "@/components/messages/macros";
import { useMessages } from "@/components/messages/use-messages";
import { useTimePrefs } from "@/components/time/client-time";
import { describeChanges } from "./describe-changes";
import { MacroForm } from "./macro-form";
import type { Directory, MacroView } from "./macro-types";

/** One macro: its template shown as typed (placeholders visible), what it sets, and edit/delete if allowed. */
export function MacroCard({ macro, directory }: { macro: MacroView; directory: Directory }) {
  const router = useRouter();
  const t = useMessages(MACROS_MESSAGES);
  const tc = useMessages(COMMON_MESSAGES);
  const { locale } = useTimePrefs();
  const [editing, setEditing] = useState(false);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const { pending, error, run } = useFormSubmit();
  const titleId = `macro-${macro.id}-title`;
  const sets = describeChanges(macro.changes, directory, undefined, locale);

  if (editing) {
    return (
      <section className="card card-body admin-card" aria-labelledby={titleId}>
        <h3 id={titleId}>{t("macros.editNamed", { name: macro.name })}</h3>
        <MacroForm
          macro={macro}
          shared={macro.shared}
          directory={directory}
          onSaved={() => {
            setEditing(false);
            router.refresh();
          }}
          onCancel={() => setEditing(false)}
        />
      </section>
    );
  }

  return (
    <section className="card card-body admin-card" aria-labelledby={titleId}>
      <div className="admin-card-head">
        <h3 id={titleId}>{macro.name}</h3>
        <span className="badge badge-priority-low">{t(macro.shared ? "macros.badge.shared" : "macros.badge.personal")}</span>
      </div>
      {/* The template as typed: a <pre> of text, never rendered as Markdown here. */}
      <pre className="macro-body">{macro.bodyMd}</pre>
      {sets.length > 0 && <p className="muted">{t("macros.alsoSets", { changes: sets.join(" · ") })}</p>}
      {macro.editable && (
        <div className="form-actions">
          <button type="button" className="btn" onClick={() => setEditing(true)}>
            {tc("action.edit")}
            <span className="sr-only"> {macro.name}</span>
          </button>
          <span className="form-actions-spacer" />
          {confirmDelete ? (
            <>
              <button
                type="button"
                className="btn admin-btn-danger"
                disabled={pending}
                onClick={() =>
                  run(
                    () => sendJson("DELETE", `/api/macros/${macro.id}`),
                    () => router.refresh(),
                  )
                }
              >
                {t("macros.confirmDelete")}
                <span className="sr-only"> {t("macros.confirmDeleteOf", { name: macro.name })}</span>
              </button>
              <button type="button" className="btn btn-quiet" onClick={() => setConfirmDelete(false)}>
                {tc("action.cancel")}
              </button>
            </>
          ) : (
            <button type="button" className="btn btn-quiet" onClick={() => setConfirmDelete(true)}>
              {tc("action.delete")}
              <span className="sr-only"> {macro.name}</span>
            </button>
          )}
        </div>
      )}
      <FormAlert inline message={error?.message} />
    </section>
  );
}
