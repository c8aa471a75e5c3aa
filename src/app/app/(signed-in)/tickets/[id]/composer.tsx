"use client";

import dynamic from "next/dynamic";
import { useEffect, useId, useImperativeHandle, useRef, useState, type KeyboardEvent, type ReactNode } from "react";
import { FilePicker } from "@/components/attachments/file-picker";
import { UploadList, useUploads } from "@/components/attachments/upload-list";
import type { ApiError } from "@/components/api/send-json";
import { useDrafts, type ComposerMode } from "@/components/drafts/drafts";
import { FormAlert } from "@/components/forms/field";
import { FieldError } from "@/components/forms/field-error";
import { COMMON_MESSAGES } from "@/components/messages/common";
import { richText } from "@/components/messages/rich-text";
import { TICKET_ACTION_MESSAGES } from "@/components/messages/ticket-actions";
import { useMessages } from "@/components/messages/use-messages";
import type { TTicketStatus } from "@/db/schema/enums";
import { StaleNotice } from "./stale-notice";
import { useComposingSignal } from "./ticket-live";
import { useTicketSession, type ComposerHandle } from "./ticket-session";

// The preview's Markdown renderer (react-markdown, remark, rehype: ~50 KB compressed) is loaded when the
// Preview tab is first opened, not with the page (issue 15: first-load JavaScript). Same component.
const Markdown = dynamic(() => import("@/components/markdown").then((m) => m.Markdown), {
  ssr: false,
  loading: () => <PreviewLoading />,
});

function PreviewLoading() {
  const t = useMessages(TICKET_ACTION_MESSAGES);
  return <p className="muted">{t("composer.previewLoading")}</p>;
}

/** "Send and set Pending", "Send and Resolve": the reply and the status change are one request (issue 11). */
const SEND_AND = [
  { status: "pending", label: "composer.sendAndPending" },
  { status: "resolved", label: "composer.sendAndResolve" },
] as const satisfies readonly { status: TTicketStatus; label: string }[];

export interface ComposerProps {
  /** Staff write internal notes and may set the status with the reply; requesters just send. */
  staff: boolean;
  status: TTicketStatus;
  maxLength: number;
  maxFileBytes: number;
  /** Extra controls in the composer's toolbar (a macro picker); they reach the composer with useComposer(). */
  tools?: ReactNode;
}

/**
 * The ONE form for replies and internal notes (issue 11). Ctrl/Cmd+Enter sends; a Preview tab renders
 * the text with the same sanitised Markdown component as the thread (no second renderer); drafts survive
 * a reload; files chosen here are uploaded to the new comment once it exists. Sending goes through the
 * page's writer (If-Match, stale warning). Other components drive it through the handle it registers.
 */
export function Composer({ staff, status, maxLength, maxFileBytes, tools }: ComposerProps) {
  const t = useMessages(TICKET_ACTION_MESSAGES);
  const common = useMessages(COMMON_MESSAGES);
  const session = useTicketSession();
  const { ticketId, registerComposer } = session;
  const { bodies, setBody, restored } = useDrafts(ticketId);
  // Presence (issue 11): others on the page see "replying" while this composer is being written in.
  const composing = useComposingSignal();
  const [mode, setMode] = useState<ComposerMode>("reply");
  const [tab, setTab] = useState<"write" | "preview">("write");
  const [files, setFiles] = useState<File[]>([]);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [done, setDone] = useState<string | null>(null);
  // A macro's status (issue 11): Send and Ctrl+Enter set it with the reply, until sent or dropped.
  const [sendStatus, setSendStatus] = useState<TTicketStatus | null>(null);
  const { uploads, uploadAll, clear: clearUploads } = useUploads(maxFileBytes);
  const textarea = useRef<HTMLTextAreaElement>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  // A ref, not state: two submits in the same tick (double click, Enter and click) both see `pending` false.
  const inFlight = useRef(false);
  const id = useId();
  const note = staff && mode === "note";
  const body = bodies[mode];
  const label = t(note ? "composer.note" : "composer.reply");

  // A restored note draft with no reply draft: open where the user left off.
  useEffect(() => {
    if (staff && restored && !restored.reply && restored.note) setMode("note");
  }, [restored, staff]);

  /** Reply and note each keep their own draft: switching shows the other one, nothing is moved or lost. */
  function switchMode(next: ComposerMode) {
    setMode(next);
    setDone(null);
  }

  const handle = useRef<ComposerHandle | null>(null);
  useImperativeHandle(handle, () => ({
    setBody: (text) => setBody(mode, text),
    insertText: (text) => {
      const el = textarea.current;
      const at = el ? el.selectionStart : body.length;
      const end = el ? el.selectionEnd : body.length;
      setBody(mode, body.slice(0, at) + text + body.slice(end));
    },
    setMode: (m) => (staff ? switchMode(m) : undefined),
    setSendStatus: (s) => setSendStatus(staff && s !== status ? s : null),
    focus: () => {
      setTab("write");
      // After the tab switch has rendered the textarea.
      requestAnimationFrame(() => textarea.current?.focus());
    },
  }));
  useEffect(() => {
    registerComposer({
      setBody: (t) => handle.current?.setBody(t),
      insertText: (t) => handle.current?.insertText(t),
      setMode: (m) => handle.current?.setMode(m),
      setSendStatus: (s) => handle.current?.setSendStatus(s),
      focus: () => handle.current?.focus(),
    });
    return () => registerComposer(null);
  }, [registerComposer]);

  async function send(withStatus?: TTicketStatus) {
    if (inFlight.current) return;
    setDone(null);
    setError(null);
    if (!body.trim()) {
      setError({ status: 0, code: "invalid", message: "", fieldErrors: { bodyMd: t("composer.required", { field: label }) } });
      textarea.current?.focus();
      return;
    }
    const sentMode = mode;
    const sentFiles = files;
    inFlight.current = true;
    setPending(true);
    const outcome = await session.write<{ id: string }>({
      origin: "composer",
      method: "POST",
      url: `/api/tickets/${ticketId}/comments`,
      // `internal` is sent only when true, so a requester's request never even names the field.
      body: { bodyMd: body, ...(note ? { internal: true } : {}), ...(withStatus ? { status: withStatus } : {}) },
      resendWhenNothingVisible: withStatus === undefined,
      onSuccess: async (comment) => {
        setBody(sentMode, "");
        composing(false);
        setSendStatus(null);
        setFiles([]);
        if (fileInput.current) fileInput.current.value = "";
        setTab("write");
        const sent = sentMode === "note" ? "composer.noteAdded" : "composer.replySent";
        setDone(withStatus ? t(`${sent}WithStatus`, { status: common(`status.${withStatus}`) }) : t(sent));
        clearUploads();
        // The files belong to the comment (an internal note's files are internal too).
        if (sentFiles.length > 0) await uploadAll(ticketId, sentFiles, comment.id);
      },
    });
    inFlight.current = false;
    setPending(false);
    if (!outcome.ok && !outcome.stale) setError(outcome.error);
  }

  function onKeyDown(e: KeyboardEvent<HTMLTextAreaElement>) {
    if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      void send(sendStatus ?? undefined);
    }
  }

  const bodyError = error?.fieldErrors.bodyMd;
  const textareaId = `${id}-body`;
  return (
    <form
      // No aria-label: "Reply" must name exactly one thing, the textarea.
      className={`composer${note ? " composer-note" : ""}`}
      onSubmit={(e) => {
        e.preventDefault();
        void send(sendStatus ?? undefined);
      }}
    >
      <StaleNotice origin="composer" />
      <FormAlert message={bodyError ? undefined : error?.message} />
      <div className="composer-bar">
        {staff && (
          <fieldset className="composer-mode">
            <legend className="sr-only">{t("composer.sendAs")}</legend>
            <label className={`composer-mode-option${mode === "reply" ? " is-active" : ""}`}>
              <input type="radio" name={`${id}-mode`} value="reply" checked={mode === "reply"} onChange={() => switchMode("reply")} />
              {t("composer.publicReply")}
            </label>
            <label className={`composer-mode-option composer-mode-note${mode === "note" ? " is-active" : ""}`}>
              <input type="radio" name={`${id}-mode`} value="note" checked={mode === "note"} onChange={() => switchMode("note")} />
              {t("composer.internalNote")}
            </label>
          </fieldset>
        )}
        <div className="composer-tabs" role="tablist" aria-label={t("composer.editor")}>
          <button type="button" role="tab" id={`${id}-tab-write`} aria-selected={tab === "write"} aria-controls={`${id}-write`} onClick={() => setTab("write")}>
            {t("composer.write")}
          </button>
          <button
            type="button"
            role="tab"
            id={`${id}-tab-preview`}
            aria-selected={tab === "preview"}
            aria-controls={`${id}-preview`}
            onClick={() => setTab("preview")}
          >
            {t("composer.preview")}
          </button>
        </div>
        {tools && <div className="composer-tools">{tools}</div>}
      </div>

      {note && <p className="composer-note-banner">{t("composer.noteBanner")}</p>}
      <div id={`${id}-write`} role="tabpanel" aria-labelledby={`${id}-tab-write`} hidden={tab !== "write"} className="field">
        <label htmlFor={textareaId}>{label}</label>
        <textarea
          ref={textarea}
          id={textareaId}
          name="bodyMd"
          className="textarea"
          rows={6}
          maxLength={maxLength}
          value={body}
          aria-invalid={bodyError ? true : undefined}
          aria-describedby={`${textareaId}-hint${bodyError ? ` ${textareaId}-error` : ""}`}
          onChange={(e) => {
            setBody(mode, e.target.value);
            setDone(null);
            composing(e.target.value.trim() !== "");
          }}
          onBlur={(e) => {
            if (!e.target.value.trim()) composing(false);
          }}
          onKeyDown={onKeyDown}
        />
        <p id={`${textareaId}-hint`} className="field-hint">
          {t(note ? "composer.hint.note" : staff ? "composer.hint.staffReply" : "composer.hint.reply")}
        </p>
        <FieldError id={`${textareaId}-error`} label={label} message={bodyError} />
      </div>
      <div id={`${id}-preview`} role="tabpanel" aria-labelledby={`${id}-tab-preview`} hidden={tab !== "preview"} className="composer-preview">
        {tab === "preview" && (body.trim() ? <Markdown source={body} /> : <p className="muted">{t("composer.nothingToPreview")}</p>)}
      </div>

      <FilePicker
        id={`${id}-files`}
        label={t(note ? "composer.addFilesToNote" : "composer.addFilesToReply")}
        hint={t("composer.filesHint")}
        files={files}
        onChange={setFiles}
        inputRef={fileInput}
      />

      {sendStatus && (
        <p className="composer-send-status">
          <span>{richText(t("composer.sendAlsoSets"), { status: <strong>{common(`status.${sendStatus}`)}</strong> })}</span>
          <button type="button" className="btn btn-quiet" onClick={() => setSendStatus(null)}>
            {t("composer.keepStatus")}
          </button>
        </p>
      )}
      <div className="form-actions">
        <span className="status-text" role="status">
          {done}
        </span>
        <span className="form-actions-spacer" />
        {staff &&
          SEND_AND.filter((s) => s.status !== status).map((s) => (
            <button key={s.status} type="button" className="btn" disabled={pending} onClick={() => void send(s.status)}>
              {t(s.label)}
            </button>
          ))}
        <button type="submit" className="btn btn-primary" disabled={pending} aria-busy={pending}>
          {t("composer.send")}
        </button>
      </div>
      <UploadList uploads={uploads} label={t("composer.filesSent")} />
    </form>
  );
}
