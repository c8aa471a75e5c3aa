import Link from "next/link";
import { TimeStamp } from "@/components/time/time-stamp";
import { listHeldMails } from "@/domain/mail/held-mails";
import { listMailDomains } from "@/domain/mail/mail-domains";
import { getMailSettings, listMailboxes } from "@/domain/mail/mailboxes";
import { requireAdminPage } from "../_shared/require-admin";
import { CreateMailboxForm } from "./create-mailbox-form";
import { HeldMailActions } from "./held-mail-actions";
import { MailDomainRecord, VerifyOtherDomainForm } from "./mail-domain-row";
import { MailSettingsForm } from "./mail-settings-form";
import { MailboxActions } from "./mailbox-actions";

export const metadata = { title: "E-mail · Admin" };

/** The e-mail channel (issue 12) from the admin area (issue 13): who may write in, the mailboxes, held mail. */
export default async function AdminMailPage() {
  const actor = await requireAdminPage();
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
          <h1>E-mail</h1>
          <p className="muted">Support addresses, who may open tickets by e-mail, and mail held as possibly forged. Every change is audited.</p>
        </div>
      </div>
      <section className="card card-body admin-card" aria-labelledby="mail-acceptance-title">
        <h2 id="mail-acceptance-title">Acceptance</h2>
        <MailSettingsForm acceptance={settings.acceptance} knownDomains={settings.knownDomains} />
      </section>

      <section className="card admin-card" aria-labelledby="mailboxes-title">
        <div className="card-body">
          <h2 id="mailboxes-title">Mailboxes</h2>
        </div>
        {boxes.items.length === 0 ? (
          <p className="card-body empty-state">No mailboxes yet.</p>
        ) : (
          <div className="admin-table-wrap">
            <table className="admin-table">
              <caption className="sr-only">Support addresses and their IMAP mailboxes</caption>
              <thead>
                <tr>
                  <th scope="col">Address</th>
                  <th scope="col">IMAP</th>
                  <th scope="col">Last check</th>
                  <th scope="col">Actions</th>
                </tr>
              </thead>
              <tbody>
                {boxes.items.map((b) => (
                  <tr key={b.id}>
                    <td>
                      {b.address}
                      {!b.active && <span className="muted"> (paused)</span>}
                    </td>
                    <td className="admin-mono">{b.imapHost ? `${b.imapUser ?? "?"}@${b.imapHost}:${b.imapPort ?? 993} ${b.imapFolder}` : "—"}</td>
                    <td>
                      {b.lastPoll ? (
                        <>
                          <TimeStamp value={b.lastPoll.at} mode="both" /> {b.lastPoll.ok ? "OK" : `failed: ${b.lastPoll.message ?? "no answer"}`}
                        </>
                      ) : (
                        "Never"
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
          <h3>New mailbox</h3>
          <CreateMailboxForm />
        </div>
      </section>

      <section className="card admin-card" aria-labelledby="domains-title">
        <div className="card-body">
          <h2 id="domains-title">Domains</h2>
          <p className="muted">
            Mail sent to the helpdesk&apos;s own SMTP listener reaches a mailbox only once this organization has proved it owns the address&apos;s domain:
            publish the TXT record shown for it in the domain&apos;s DNS, then press &ldquo;Verify domain&rdquo;. A verified domain also covers the names under
            it. Until then, mail to the address is refused like mail to an unknown address. Domains are checked again every day; a record that is gone stops the
            mail. IMAP mailboxes do not need this: the mailbox&apos;s own user name and password prove access.
          </p>
        </div>
        {domains.items.length === 0 ? (
          <p className="card-body empty-state">No domains yet: add a mailbox, or verify a domain below.</p>
        ) : (
          <div className="admin-table-wrap">
            <table className="admin-table">
              <caption className="sr-only">Mailbox domains, the DNS record each needs, and whether it is verified</caption>
              <thead>
                <tr>
                  <th scope="col">Domain</th>
                  <th scope="col">State</th>
                  <th scope="col">Record to publish</th>
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
                      {d.verifiedAt ? (
                        <>
                          Verified on <TimeStamp value={d.verifiedAt} mode="absolute" />
                        </>
                      ) : (
                        "Waiting for the DNS record"
                      )}
                      {d.lastCheck && (
                        <p className="muted">
                          Last check <TimeStamp value={d.lastCheck.at} mode="both" />: {d.lastCheck.message ?? "no answer"}
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
          <h2 id="held-title">Held mail</h2>
          <p className="muted">Mail that claims to come from staff or failed its checks waits here until someone accepts or drops it.</p>
        </div>
        {held.items.length === 0 ? (
          <p className="card-body empty-state">Nothing held.</p>
        ) : (
          <div className="admin-table-wrap">
            <table className="admin-table">
              <caption className="sr-only">Mail held for review, newest first</caption>
              <thead>
                <tr>
                  <th scope="col">Received</th>
                  <th scope="col">From</th>
                  <th scope="col">Subject</th>
                  <th scope="col">Why held</th>
                  <th scope="col">Decision</th>
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
                      <Link href={`/app/admin/mail/held/${h.id}`}>{h.subject ?? "(no subject)"}</Link>
                    </td>
                    <td>{h.reasonText}</td>
                    <td>
                      <HeldMailActions id={h.id} subject={h.subject ?? "(no subject)"} />
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
