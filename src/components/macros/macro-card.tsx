"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { sendJson } from "@/components/api/send-json";
import { FormAlert } from "@/components/forms/field";
import { useFormSubmit } from "@/components/forms/use-form-submit";
import { describeChanges } from "./describe-changes";
import { MacroForm } from "./macro-form";
import type { Directory, MacroView } from "./macro-types";

/** One macro: its template shown as typed (placeholders visible), what it sets, and edit/delete if allowed. */
export function MacroCard({ macro, directory }: { macro: MacroView; directory: Directory }) {
  const router = useRouter();
  const [editing, setEditing] = useState(false);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const { pending, error, run } = useFormSubmit();
  const titleId = `macro-${macro.id}-title`;
  const sets = describeChanges(macro.changes, directory);

  if (editing) {
    return (
      <section className="card card-body admin-card" aria-labelledby={titleId}>
        <h3 id={titleId}>Edit {macro.name}</h3>
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
        <span className="badge badge-priority-low">{macro.shared ? "Shared" : "Personal"}</span>
      </div>
      {/* The template as typed: a <pre> of text, never rendered as Markdown here. */}
      <pre className="macro-body">{macro.bodyMd}</pre>
      {sets.length > 0 && <p className="muted">Also sets: {sets.join(" · ")}</p>}
      {macro.editable && (
        <div className="form-actions">
          <button type="button" className="btn" onClick={() => setEditing(true)}>
            Edit<span className="sr-only"> {macro.name}</span>
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
                Confirm delete<span className="sr-only"> of {macro.name}</span>
              </button>
              <button type="button" className="btn btn-quiet" onClick={() => setConfirmDelete(false)}>
                Cancel
              </button>
            </>
          ) : (
            <button type="button" className="btn btn-quiet" onClick={() => setConfirmDelete(true)}>
              Delete<span className="sr-only"> {macro.name}</span>
            </button>
          )}
        </div>
      )}
      <FormAlert inline message={error?.message} />
    </section>
  );
}
