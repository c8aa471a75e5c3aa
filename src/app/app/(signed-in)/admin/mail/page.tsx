import type { Metadata } from "next";
import Link from "next/link";
import { MAIL_SETTINGS_MESSAGES } from "@/components/messages/mail-settings";
import { pageMessages } from "@/components/messages/page-messages";
import { TimeStamp } from "@/components/time/time-stamp";
import { listHeldMails } from "@/domain/mail/held-mails";
import { listMailDomains } from "@/domain/mail/mail-domains";
import { getMailSettings, listMailboxes } from "@/domain/mail/mailboxes";
import { requireAdminPage } from "../_shared/require-admin";
import { richText } from "@/components/messages/rich-text";
import { CreateMailboxForm } from "./create-mailbox-form";
import { HeldMailActions } from "./held-mail-actions";
import { MailDomainRecord, VerifyOtherDomainForm } from "./mail-domain-row";
import { MailSettingsForm } from "./mail-settings-form";
import { MailboxActions } from "./mailbox-actions";

export async function generateMetadata(): Promise<Metadata> {
  const t = await pageMessages(MAIL_SETTINGS_MESSAGES);
  return { title: t("page.metaTitle") };
}

/** The e-mail channel (issue 12) from the admin area (issue 13): who may write in, the mailboxes, held mail. */
export default async function AdminMailPage() {
  const actor = await requireAdminPage();
  const t = await pageMessages(MAIL_SETTINGS_MESSAGES);
  const [settings, boxes, domains, held] = await Promise.all([
    getMailSettings(actor),
    listMailboxes(actor),
    listMailDomains(actor),
    listHeldMails(actor, { status: "held", limit: 50 }),
  ]);
  return (
    <>
      <div className="page-head">
        <div>
          <h1>{t("page.title")}</h1>
          <p className="muted">{t("page.intro")}</p>
        </div>
      </div>
      <section className="card card-body admin-card" aria-labelledby="mail-acceptance-title">
        <h2 id="mail-acceptance-title">{t("acceptance.title")}</h2>
        <MailSettingsForm acceptance={settings.acceptance} knownDomains={settings.knownDomains} />
      </section>

      <section className="card admin-card" aria-labelledby="mailboxes-title">
        <div className="card-body">
          <h2 id="mailboxes-title">{t("mailboxes.title")}</h2>
        </div>
        {boxes.items.length === 0 ? (
          <p className="card-body empty-state">{t("mailboxes.none")}</p>
        ) : (
          <div className="admin-table-wrap">
            <table className="admin-table">
              <caption className="sr-only">{t("mailboxes.caption")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("mailboxes.address")}</th>
                  <th scope="col">{t("mailboxes.imap")}</th>
                  <th scope="col">{t("mailboxes.lastCheck")}</th>
                  <th scope="col">{t("mailboxes.actions")}</th>
                </tr>
              </thead>
              <tbody>
                {boxes.items.map((b) => (
                  <tr key={b.id}>
                    <td>
                      {b.address}
                      {!b.active && <span className="muted"> {t("mailboxes.paused")}</span>}
                    </td>
                    <td className="admin-mono">{b.imapHost ? `${b.imapUser ?? "?"}@${b.imapHost}:${b.imapPort ?? 993} ${b.imapFolder}` : "—"}</td>
                    <td>
                      {b.lastPoll ? (
                        <>
                          <TimeStamp value={b.lastPoll.at} mode="both" />{" "}
                          {b.lastPoll.ok ? t("mailboxes.checkOk") : t("mailboxes.checkFailed", { message: b.lastPoll.message ?? t("noAnswer") })}
                        </>
                      ) : (
                        t("mailboxes.never")
                      )}
                    </td>
                    <td>
                      <MailboxActions id={b.id} address={b.address} canPoll={Boolean(b.imapHost)} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <div className="card-body">
          <h3>{t("mailboxes.new")}</h3>
          <CreateMailboxForm />
        </div>
      </section>

      <section className="card admin-card" aria-labelledby="domains-title">
        <div className="card-body">
          <h2 id="domains-title">{t("domains.title")}</h2>
          <p className="muted">{t("domains.intro")}</p>
        </div>
        {domains.items.length === 0 ? (
          <p className="card-body empty-state">{t("domains.none")}</p>
        ) : (
          <div className="admin-table-wrap">
            <table className="admin-table">
              <caption className="sr-only">{t("domains.caption")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("domains.domain")}</th>
                  <th scope="col">{t("domains.state")}</th>
                  <th scope="col">{t("domains.record")}</th>
                </tr>
              </thead>
              <tbody>
                {domains.items.map((d) => (
                  <tr key={d.domain}>
                    <td>
                      {d.displayName}
                      {d.displayName !== d.domain && <span className="muted admin-mono"> ({d.domain})</span>}
                      {d.addresses.length > 0 && <p className="muted">{d.addresses.join(", ")}</p>}
                    </td>
                    <td>
                      {d.verifiedAt ? richText(t("domains.verifiedOn"), { date: <TimeStamp value={d.verifiedAt} mode="absolute" /> }) : t("domains.waiting")}
                      {d.lastCheck && (
                        <p className="muted">
                          {richText(t("domains.lastCheck"), {
                            time: <TimeStamp value={d.lastCheck.at} mode="both" />,
                            message: d.lastCheck?.message ?? t("noAnswer"),
                          })}
                        </p>
                      )}
                    </td>
                    <td>
                      <MailDomainRecord domain={d.domain} recordName={d.record.name} recordValue={d.record.value} verified={d.state === "verified"} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <div className="card-body">
          <VerifyOtherDomainForm />
        </div>
      </section>

      <section className="card admin-card" aria-labelledby="held-title">
        <div className="card-body">
          <h2 id="held-title">{t("held.title")}</h2>
          <p className="muted">{t("held.intro")}</p>
        </div>
        {held.items.length === 0 ? (
          <p className="card-body empty-state">{t("held.none")}</p>
        ) : (
          <div className="admin-table-wrap">
            <table className="admin-table">
              <caption className="sr-only">{t("held.caption")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("held.received")}</th>
                  <th scope="col">{t("held.from")}</th>
                  <th scope="col">{t("held.subject")}</th>
                  <th scope="col">{t("held.why")}</th>
                  <th scope="col">{t("held.decision")}</th>
                </tr>
              </thead>
              <tbody>
                {held.items.map((h) => (
                  <tr key={h.id}>
                    <td className="nowrap">
                      <TimeStamp value={h.createdAt} mode="absolute" />
                    </td>
                    <td>{h.from ?? "—"}</td>
                    <td>
                      <Link href={`/app/admin/mail/held/${h.id}`}>{h.subject ?? t("noSubject")}</Link>
                    </td>
                    <td>{h.reasonText}</td>
                    <td>
                      <HeldMailActions id={h.id} subject={h.subject ?? t("noSubject")} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  );
}
