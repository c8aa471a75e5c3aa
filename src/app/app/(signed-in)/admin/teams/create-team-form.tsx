"use client";

import { useRouter } from "next/navigation";
import { sendJson } from "@/components/api/send-json";
import { Field } from "@/components/forms/field";
import { SubmitButton } from "@/components/forms/submit-button";
import { useFormSubmit } from "@/components/forms/use-form-submit";
import { ADMIN_TEAMS_MESSAGES } from "@/components/messages/admin-teams";
import { useMessages } from "@/components/messages/use-messages";

export function CreateTeamForm() {
  const router = useRouter();
  const t = useMessages(ADMIN_TEAMS_MESSAGES);
  const { pending, error, onSubmit } = useFormSubmit();

  const submit = onSubmit(
    (data) => sendJson("POST", "/api/admin/teams", { name: String(data.get("name") ?? "") }),
    (_, form) => {
      form.reset();
      router.refresh();
    },
  );

  return (
    <form onSubmit={submit} className="admin-inline-form">
      <Field label={t("new.name")} name="name" required maxLength={100} error={error?.message} announce />
      <div className="admin-filters-actions">
        <SubmitButton pending={pending}>{t("new.create")}</SubmitButton>
      </div>
    </form>
  );
}
