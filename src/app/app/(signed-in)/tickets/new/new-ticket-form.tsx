"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useRef, useState } from "react";
import { FilePicker } from "@/components/attachments/file-picker";
import { formatSize } from "@/components/attachments/upload-file";
import { UploadList, useUploads } from "@/components/attachments/upload-list";
import { sendJson } from "@/components/api/send-json";
import { Field, FormAlert } from "@/components/forms/field";
import { SubmitButton } from "@/components/forms/submit-button";
import { useFormSubmit } from "@/components/forms/use-form-submit";
import { ATTACHMENT_MESSAGES } from "@/components/messages/attachments";
import { COMMON_MESSAGES } from "@/components/messages/common";
import { richText } from "@/components/messages/rich-text";
import { TICKET_ACTION_MESSAGES } from "@/components/messages/ticket-actions";
import { useMessages } from "@/components/messages/use-messages";
import { PRIORITY_ORDER } from "@/components/tickets/labels";

export interface FollowUp {
  id: string;
  number: number;
  title: string;
}

/**
 * Opens a ticket, optionally as the follow-up of a closed one (issue 11), then uploads the chosen files to
 * it (the upload API needs the ticket first). Only when every file went through does it move on to the
 * ticket; a refused file is explained here, with the way on.
 */
export function NewTicketForm({
  canSetPriority,
  titleMax,
  descriptionMax,
  maxFileBytes,
  followUp,
}: {
  canSetPriority: boolean;
  titleMax: number;
  descriptionMax: number;
  maxFileBytes: number;
  followUp: FollowUp | null;
}) {
  const t = useMessages(TICKET_ACTION_MESSAGES);
  const common = useMessages(COMMON_MESSAGES);
  const tf = useMessages(ATTACHMENT_MESSAGES);
  const router = useRouter();
  const { pending, error, fieldErrors, onSubmit } = useFormSubmit();
  const [files, setFiles] = useState<File[]>([]);
  const [created, setCreated] = useState<string | null>(null);
  const { uploads, uploadAll } = useUploads(maxFileBytes);
  const fileInput = useRef<HTMLInputElement>(null);

  const submit = onSubmit(
    (data) => {
      const body: Record<string, string> = {
        title: String(data.get("title") ?? ""),
        descriptionMd: String(data.get("descriptionMd") ?? ""),
      };
      if (canSetPriority) body.priority = String(data.get("priority") ?? "normal");
      if (followUp) body.followUpOf = followUp.id;
      return sendJson<{ id: string }>("POST", "/api/tickets", body);
    },
    async (ticket) => {
      const outcomes = files.length > 0 ? await uploadAll(ticket.id, files) : [];
      if (outcomes.some((o) => o.state === "rejected")) setCreated(ticket.id);
      else router.push(`/app/tickets/${ticket.id}`);
    },
    // Stays pending while it moves on; a refused file shows the way on instead.
    { leaves: true },
  );

  if (created) {
    return (
      <div>
        <p className="alert alert-success" role="status">
          {t("newTicket.partlyCreated")}
        </p>
        <UploadList uploads={uploads} label={t("newTicket.attachments")} />
        <div className="form-actions form-actions-end">
          <Link href={`/app/tickets/${created}`} className="btn btn-primary">
            {t("newTicket.goToTicket")}
          </Link>
        </div>
      </div>
    );
  }

  return (
    <form onSubmit={submit}>
      {followUp && (
        <p className="alert follow-up-of">
          {richText(t("newTicket.followUpOf"), {
            ticket: (
              <Link href={`/app/tickets/${followUp.id}`} prefetch={false}>
                {t("newTicket.followUpLink", { number: followUp.number, title: followUp.title })}
              </Link>
            ),
          })}
        </p>
      )}
      <FormAlert message={error?.message} />
      <Field
        label={t("newTicket.titleLabel")}
        name="title"
        required
        maxLength={titleMax}
        autoFocus
        defaultValue={followUp ? t("newTicket.followUpDefaultTitle", { title: followUp.title }).slice(0, titleMax) : undefined}
        error={fieldErrors.title}
      />
      <Field
        as="textarea"
        label={t("newTicket.descriptionLabel")}
        name="descriptionMd"
        rows={10}
        maxLength={descriptionMax}
        hint={t("newTicket.descriptionHint")}
        error={fieldErrors.descriptionMd}
      />
      {canSetPriority && (
        <Field as="select" label={common("field.priority")} name="priority" defaultValue="normal" error={fieldErrors.priority}>
          {PRIORITY_ORDER.map((p) => (
            <option key={p} value={p}>
              {common(`priority.${p}`)}
            </option>
          ))}
        </Field>
      )}
      <div className="field">
        <span className="field-label">{t("newTicket.attachments")}</span>
        <FilePicker
          id="new-ticket-files"
          label={tf("attachments.attachFiles")}
          hint={t("newTicket.filesHint", { size: formatSize(maxFileBytes) })}
          files={files}
          onChange={setFiles}
          inputRef={fileInput}
        />
      </div>
      <UploadList uploads={uploads} label={t("newTicket.attachments")} />
      <div className="form-actions form-actions-end">
        <SubmitButton pending={pending}>{t("newTicket.create")}</SubmitButton>
      </div>
    </form>
  );
}
