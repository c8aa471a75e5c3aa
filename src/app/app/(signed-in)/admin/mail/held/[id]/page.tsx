import Link from "next/link";
import { notFound } from "next/navigation";
import { orNotFound } from "@/auth/page-actor";
import { TimeStamp } from "@/components/time/time-stamp";
import { getHeldMail } from "@/domain/mail/held-mails";
import { ZId } from "@/domain/tickets/tickets.schemas";
import { requireAdminPage } from "../../../_shared/require-admin";
import { HeldMailActions } from "../../held-mail-actions";

export const metadata = { title: "Held mail · Admin" };

const VERDICT_WORDS: Record<string, string> = {
  pass: "passed",
  fail: "failed",
  softfail: "soft fail",
  neutral: "neutral",
  none: "not checked (nothing published or signed)",
  temperror: "temporary error",
  permerror: "permanent error",
  policy: "policy",
};
const verdict = (v: string) => VERDICT_WORDS[v] ?? v;

/**
 * One held mail (issue 12, attack pass B8): what a reviewer needs before accepting mail that may be forged —
 * the sending server's word, the SPF/DKIM/DMARC verdicts and the text, shown as plain text (React escapes it;
 * links stay words, so a phishing link in a forged mail is not one click away).
 */
export default async function HeldMailPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requireAdminPage();
  const { id } = await params;
  if (!ZId.safeParse(id).success) notFound();
  const mail = await orNotFound(getHeldMail(actor, id));
  const subject = mail.subject ?? "(no subject)";
  return (
    <>
      <p>
        <Link href="/app/admin/mail">← E-mail settings</Link>
      </p>
      <div className="page-head">
        <div>
          <h1>Held mail: {subject}</h1>
          <p className="muted">{mail.reasonText}</p>
        </div>
        {mail.status === "held" ? <HeldMailActions id={mail.id} subject={subject} /> : <p className="muted">Decided: {mail.status}</p>}
      </div>

      <section className="card card-body admin-card" aria-labelledby="held-sender-title">
        <h2 id="held-sender-title">Sender and checks</h2>
        <dl className="facts">
          <dt>From</dt>
          <dd>{mail.from ?? "—"}</dd>
          <dt>To</dt>
          <dd>{mail.recipients.join(", ") || "—"}</dd>
          <dt>Received</dt>
          <dd>
            <TimeStamp value={mail.receivedAt} mode="absolute" /> by {mail.source === "smtp" ? "our SMTP listener" : "a polled mailbox (IMAP)"}
          </dd>
          {mail.source === "smtp" ? (
            <>
              <dt>Sending server</dt>
              <dd>
                {mail.remoteIp ?? "—"} (HELO {mail.helo ?? "—"}), envelope sender {mail.envelopeFrom ?? "—"}
              </dd>
            </>
          ) : null}
          <dt>SPF</dt>
          <dd>{mail.auth ? verdict(mail.auth.spf) : "not checked"}</dd>
          <dt>DKIM</dt>
          <dd>{mail.auth ? verdict(mail.auth.dkim) : "not checked"}</dd>
          <dt>DMARC</dt>
          <dd>
            {mail.auth ? verdict(mail.auth.dmarc) : "not checked"}
            {mail.auth?.dmarcPolicy
              ? ` (${mail.auth.dmarcDomain ?? "the domain"} asks to ${mail.auth.dmarcPolicy === "none" ? "only report" : mail.auth.dmarcPolicy})`
              : ""}
          </dd>
          <dt>Size</dt>
          <dd>{Math.ceil(mail.sizeBytes / 1024).toLocaleString("en")} KB</dd>
        </dl>
      </section>

      <section className="card card-body admin-card" aria-labelledby="held-text-title">
        <h2 id="held-text-title">What it says</h2>
        {mail.text === null ? (
          <p className="muted">The message itself is no longer kept (raw mail is removed after the retention period).</p>
        ) : (
          <pre className="mail-preview">{mail.text || "(no text)"}</pre>
        )}
        {mail.files.length > 0 ? (
          <>
            <h3>Files</h3>
            <ul>
              {mail.files.map((f, i) => (
                <li key={i}>
                  {f.filename} ({Math.ceil(f.sizeBytes / 1024).toLocaleString("en")} KB{f.inline ? ", inline" : ""}) — scanned before anyone can open it, if
                  accepted
                </li>
              ))}
            </ul>
          </>
        ) : null}
      </section>
    </>
  );
}
