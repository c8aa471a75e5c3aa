import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { orNotFound } from "@/auth/page-actor";
import type { Translator } from "@/components/messages/define";
import { MAIL_SETTINGS_MESSAGES, type MailSettingsMessageId } from "@/components/messages/mail-settings";
import { pageMessages } from "@/components/messages/page-messages";
import { pageTimePrefs } from "@/components/time/page-time-prefs";
import { TimeStamp } from "@/components/time/time-stamp";
import { getHeldMail } from "@/domain/mail/held-mails";
import { ZId } from "@/domain/tickets/tickets.schemas";
import { requireAdminPage } from "../../../_shared/require-admin";
import { richText } from "@/components/messages/rich-text";
import { HeldMailActions } from "../../held-mail-actions";

export async function generateMetadata(): Promise<Metadata> {
  const t = await pageMessages(MAIL_SETTINGS_MESSAGES);
  return { title: t("heldPage.metaTitle") };
}

const VERDICTS = {
  pass: "verdict.pass",
  fail: "verdict.fail",
  softfail: "verdict.softfail",
  neutral: "verdict.neutral",
  none: "verdict.none",
  temperror: "verdict.temperror",
  permerror: "verdict.permerror",
  policy: "verdict.policy",
} as const satisfies Record<string, MailSettingsMessageId>;
/** A check's verdict in words; one this page does not know stays as the checker wrote it. */
const verdict = (v: string, t: Translator<MailSettingsMessageId>) => (Object.hasOwn(VERDICTS, v) ? t(VERDICTS[v as keyof typeof VERDICTS]) : v);

/**
 * One held mail (issue 12, attack pass B8): what a reviewer needs before accepting mail that may be forged —
 * the sending server's word, the SPF/DKIM/DMARC verdicts and the text, shown as plain text (React escapes it;
 * links stay words, so a phishing link in a forged mail is not one click away).
 */
export default async function HeldMailPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requireAdminPage();
  const [t, { locale }] = await Promise.all([pageMessages(MAIL_SETTINGS_MESSAGES), pageTimePrefs()]);
  const { id } = await params;
  if (!ZId.safeParse(id).success) notFound();
  const mail = await orNotFound(getHeldMail(actor, id));
  const subject = mail.subject ?? t("noSubject");
  const kilobytes = (bytes: number) => Math.ceil(bytes / 1024).toLocaleString(locale);
  return (
    <>
      <p>
        <Link href="/app/admin/mail">{t("heldPage.back")}</Link>
      </p>
      <div className="page-head">
        <div>
          <h1>{t("heldPage.title", { subject })}</h1>
          <p className="muted">{mail.reasonText}</p>
        </div>
        {mail.status === "held" ? (
          <HeldMailActions id={mail.id} subject={subject} />
        ) : (
          <p className="muted">{t(mail.status === "accepted" ? "heldPage.decidedAccepted" : "heldPage.decidedDropped")}</p>
        )}
      </div>

      <section className="card card-body admin-card" aria-labelledby="held-sender-title">
        <h2 id="held-sender-title">{t("heldPage.senderTitle")}</h2>
        <dl className="facts">
          <dt>{t("held.from")}</dt>
          <dd>{mail.from ?? "—"}</dd>
          <dt>{t("heldPage.to")}</dt>
          <dd>{mail.recipients.join(", ") || "—"}</dd>
          <dt>{t("held.received")}</dt>
          <dd>
            {richText(t("heldPage.receivedBy"), {
              time: <TimeStamp value={mail.receivedAt} mode="absolute" />,
              source: t(mail.source === "smtp" ? "heldPage.bySmtp" : "heldPage.byImap"),
            })}
          </dd>
          {mail.source === "smtp" ? (
            <>
              <dt>{t("heldPage.sendingServer")}</dt>
              <dd>{t("heldPage.server", { ip: mail.remoteIp ?? "—", helo: mail.helo ?? "—", sender: mail.envelopeFrom ?? "—" })}</dd>
            </>
          ) : null}
          <dt>{t("heldPage.spf")}</dt>
          <dd>{mail.auth ? verdict(mail.auth.spf, t) : t("heldPage.notChecked")}</dd>
          <dt>{t("heldPage.dkim")}</dt>
          <dd>{mail.auth ? verdict(mail.auth.dkim, t) : t("heldPage.notChecked")}</dd>
          <dt>{t("heldPage.dmarc")}</dt>
          <dd>
            {mail.auth ? verdict(mail.auth.dmarc, t) : t("heldPage.notChecked")}
            {mail.auth?.dmarcPolicy
              ? ` ${t("heldPage.dmarcAsks", {
                  domain: mail.auth.dmarcDomain ?? t("heldPage.theDomain"),
                  policy: mail.auth.dmarcPolicy === "none" ? t("heldPage.onlyReport") : mail.auth.dmarcPolicy,
                })}`
              : ""}
          </dd>
          <dt>{t("heldPage.size")}</dt>
          <dd>{t("heldPage.kilobytes", { size: kilobytes(mail.sizeBytes) })}</dd>
        </dl>
      </section>

      <section className="card card-body admin-card" aria-labelledby="held-text-title">
        <h2 id="held-text-title">{t("heldPage.textTitle")}</h2>
        {mail.text === null ? <p className="muted">{t("heldPage.textGone")}</p> : <pre className="mail-preview">{mail.text || t("heldPage.noText")}</pre>}
        {mail.files.length > 0 ? (
          <>
            <h3>{t("heldPage.files")}</h3>
            <ul>
              {mail.files.map((f, i) => (
                <li key={i}>{t(f.inline ? "heldPage.inlineFile" : "heldPage.file", { name: f.filename, size: kilobytes(f.sizeBytes) })}</li>
              ))}
            </ul>
          </>
        ) : null}
      </section>
    </>
  );
}
