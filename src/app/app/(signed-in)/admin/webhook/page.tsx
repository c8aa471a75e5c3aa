import type { Metadata } from "next";
import { pageMessages } from "@/components/messages/page-messages";
import { WEBHOOK_SETTINGS_MESSAGES } from "@/components/messages/webhook-settings";
import { TimeStamp } from "@/components/time/time-stamp";
import { WEBHOOK_EVENTS, type TWebhookEvent } from "@/domain/notifications/notifications.schemas";
import { getWebhook } from "@/domain/notifications/webhook-endpoint";
import { requireAdminPage } from "../_shared/require-admin";
import { WebhookForm } from "./webhook-form";

export async function generateMetadata(): Promise<Metadata> {
  const t = await pageMessages(WEBHOOK_SETTINGS_MESSAGES);
  return { title: t("page.metaTitle") };
}

// Every event has words: a new one in WEBHOOK_EVENTS without them fails the typecheck here.
const eventLabel = (event: TWebhookEvent) => `event.${event}` as const;

export default async function AdminWebhookPage() {
  const actor = await requireAdminPage();
  const t = await pageMessages(WEBHOOK_SETTINGS_MESSAGES);
  const webhook = await getWebhook(actor);
  return (
    <>
      <div className="page-head">
        <div>
          <h1>{t("page.title")}</h1>
          <p className="muted">{t("page.intro")}</p>
        </div>
      </div>
      <section className="card card-body admin-card" aria-labelledby="webhook-settings-title">
        <h2 id="webhook-settings-title">{t("endpoint.title")}</h2>
        <WebhookForm
          url={webhook.url}
          active={webhook.active}
          events={webhook.events}
          choices={WEBHOOK_EVENTS.map((value) => ({ value, label: t(eventLabel(value)) }))}
        />
      </section>

      <section className="card admin-card" aria-labelledby="webhook-waiting-title">
        <div className="card-body">
          <h2 id="webhook-waiting-title">{t("waiting.title")}</h2>
          <p className="muted">{t("waiting.intro")}</p>
        </div>
        {webhook.undelivered.length === 0 ? (
          <p className="card-body empty-state">{t("waiting.none")}</p>
        ) : (
          <div className="admin-table-wrap">
            <table className="admin-table">
              <caption className="sr-only">{t("waiting.caption")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("waiting.event")}</th>
                  <th scope="col">{t("waiting.state")}</th>
                  <th scope="col">{t("waiting.attempts")}</th>
                  <th scope="col">{t("waiting.nextRetry")}</th>
                  <th scope="col">{t("waiting.lastError")}</th>
                </tr>
              </thead>
              <tbody>
                {webhook.undelivered.map((m) => (
                  <tr key={m.id}>
                    <td className="admin-mono">{m.eventType}</td>
                    <td>{t(m.status === "dead" ? "waiting.givenUp" : "waiting.waiting")}</td>
                    <td>{m.attempts}</td>
                    <td className="nowrap">{m.status === "dead" ? "—" : <TimeStamp value={m.nextAttemptAt} mode="both" />}</td>
                    <td>{m.lastError ?? "—"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section className="card admin-card" aria-labelledby="webhook-log-title">
        <div className="card-body">
          <h2 id="webhook-log-title">{t("log.title")}</h2>
          <p className="muted">{t("log.intro", { count: webhook.deliveries.length || 50 })}</p>
        </div>
        {webhook.deliveries.length === 0 ? (
          <p className="card-body empty-state">{t("log.none")}</p>
        ) : (
          <div className="admin-table-wrap">
            <table className="admin-table">
              <caption className="sr-only">{t("log.caption")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("log.time")}</th>
                  <th scope="col">{t("log.event")}</th>
                  <th scope="col">{t("log.attempt")}</th>
                  <th scope="col">{t("log.statusCode")}</th>
                  <th scope="col">{t("log.error")}</th>
                  <th scope="col">{t("log.duration")}</th>
                </tr>
              </thead>
              <tbody>
                {webhook.deliveries.map((d) => (
                  <tr key={d.id}>
                    <td className="nowrap">
                      <TimeStamp value={d.attemptedAt} mode="absolute" />
                    </td>
                    <td className="admin-mono">{d.eventType}</td>
                    <td>{d.attempt}</td>
                    <td className="admin-mono">{d.statusCode ?? "—"}</td>
                    <td>{d.error ?? "—"}</td>
                    <td>{t("log.milliseconds", { count: d.durationMs })}</td>
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
