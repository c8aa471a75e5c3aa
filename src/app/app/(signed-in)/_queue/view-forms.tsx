"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { sendJson } from "@/components/api/send-json";
import { Field, FormAlert } from "@/components/forms/field";
import { SubmitButton } from "@/components/forms/submit-button";
import { useFormSubmit } from "@/components/forms/use-form-submit";
import { COMMON_MESSAGES } from "@/components/messages/common";
import { QUEUE_MESSAGES } from "@/components/messages/queue";
import { useMessages } from "@/components/messages/use-messages";
import { queueHref } from "./queue-params";

const VIEW_FILTERS = ["status", "priority", "assignee", "team", "tag", "q", "sla", "sort"] as const;

/** Saves the queue's current filters as a named view (personal; shared for those allowed), then opens it. */
export function SaveViewForm({ filters, canShare }: { filters: Record<string, string>; canShare: boolean }) {
  const router = useRouter();
  const t = useMessages(QUEUE_MESSAGES);
  const tc = useMessages(COMMON_MESSAGES);
  const [open, setOpen] = useState(false);
  const { pending, error, fieldErrors, onSubmit } = useFormSubmit();
  const saved = Object.fromEntries(VIEW_FILTERS.filter((k) => filters[k]).map((k) => [k, filters[k]!]));

  if (!open) {
    return (
      <button type="button" className="btn btn-quiet btn-block" onClick={() => setOpen(true)}>
        {t("queue.views.saveCurrent")}
      </button>
    );
  }
  return (
    <form
      className="save-view"
      onSubmit={onSubmit(
        (data) =>
          sendJson<{ id: string; filters: Record<string, string> }>("POST", "/api/views", {
            name: String(data.get("name") ?? ""),
            shared: data.get("shared") === "on",
            filters: saved,
          }),
        (view) => {
          setOpen(false);
          router.push(queueHref(view.filters, { view: view.id }));
          router.refresh();
        },
      )}
    >
      <FormAlert message={error && Object.keys(fieldErrors).length === 0 ? error.message : null} />
      <Field label={t("queue.views.name")} name="name" required maxLength={60} autoComplete="off" error={fieldErrors.name ?? fieldErrors.filters} />
      {canShare && (
        <label className="checkbox">
          <input type="checkbox" name="shared" /> {t("queue.views.share")}
        </label>
      )}
      <div className="form-actions">
        <SubmitButton pending={pending}>{t("queue.views.save")}</SubmitButton>
        <button type="button" className="btn btn-quiet" onClick={() => setOpen(false)}>
          {tc("action.cancel")}
        </button>
      </div>
    </form>
  );
}

/** Deletes a view (the server decides again whether this caller may); leaves it if it was the open one. */
export function DeleteViewButton({ id, name, active }: { id: string; name: string; active: boolean }) {
  const router = useRouter();
  const t = useMessages(QUEUE_MESSAGES);
  const { pending, error, run } = useFormSubmit();
  return (
    <>
      <button
        type="button"
        className="btn-icon"
        aria-label={t("queue.views.deleteNamed", { name })}
        title={t("queue.views.delete")}
        disabled={pending}
        onClick={() =>
          void run(
            () => sendJson("DELETE", `/api/views/${id}`),
            () => {
              if (active) router.push("/app");
              router.refresh();
            },
          )
        }
      >
        ×
      </button>
      <FormAlert message={error?.message} inline />
    </>
  );
}
