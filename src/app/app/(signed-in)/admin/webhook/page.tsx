import { TimeStamp } from "@/components/time/time-stamp";
import { WEBHOOK_EVENTS, type TWebhookEvent } from "@/domain/notifications/notifications.schemas";
import { getWebhook } from "@/domain/notifications/webhook-endpoint";
import { requireAdminPage } from "../_shared/require-admin";
import { WebhookForm } from "./webhook-form";

export const metadata = { title: "Webhook · Admin" };

const EVENT_LABELS: Record<TWebhookEvent, string> = {
  "comment.created": "Public reply",
  "comment.internal_created": "Internal note (without its text)",
  "sla.warning": "SLA warning",
  "sla.breached": "SLA breached",
};

export default async function AdminWebhookPage() {
  const actor = await requireAdminPage();
  const webhook = await getWebhook(actor);
  return (
    <>
      <div className="page-head">
        <div>
          <h1>Webhook</h1>
          <p className="muted">One HTTPS endpoint that receives the organization's events, signed with a secret. Every change is audited.</p>
        </div>
      </div>
      <section className="card card-body admin-card" aria-labelledby="webhook-settings-title">
        <h2 id="webhook-settings-title">Endpoint</h2>
        <WebhookForm
          url={webhook.url}
          active={webhook.active}
          events={webhook.events}
          choices={WEBHOOK_EVENTS.map((value) => ({ value, label: EVENT_LABELS[value] }))}
        />
      </section>

      <section className="card admin-card" aria-labelledby="webhook-waiting-title">
        <div className="card-body">
          <h2 id="webhook-waiting-title">Waiting and failed</h2>
          <p className="muted">Events not delivered yet, with their next retry, and those given up on.</p>
        </div>
        {webhook.undelivered.length === 0 ? (
          <p className="card-body empty-state">Nothing waiting.</p>
        ) : (
          <div className="admin-table-wrap">
            <table className="admin-table">
              <caption className="sr-only">Webhook events not delivered yet, newest first</caption>
              <thead>
                <tr>
                  <th scope="col">Event</th>
                  <th scope="col">State</th>
                  <th scope="col">Attempts</th>
                  <th scope="col">Next retry</th>
                  <th scope="col">Last error</th>
                </tr>
              </thead>
              <tbody>
                {webhook.undelivered.map((m) => (
                  <tr key={m.id}>
                    <td className="admin-mono">{m.eventType}</td>
                    <td>{m.status === "dead" ? "Given up" : "Waiting"}</td>
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
          <h2 id="webhook-log-title">Delivery log</h2>
          <p className="muted">The last {webhook.deliveries.length || 50} attempts, newest first.</p>
        </div>
        {webhook.deliveries.length === 0 ? (
          <p className="card-body empty-state">No deliveries yet.</p>
        ) : (
          <div className="admin-table-wrap">
            <table className="admin-table">
              <caption className="sr-only">Webhook delivery attempts, newest first</caption>
              <thead>
                <tr>
                  <th scope="col">Time</th>
                  <th scope="col">Event</th>
                  <th scope="col">Attempt</th>
                  <th scope="col">Status code</th>
                  <th scope="col">Error</th>
                  <th scope="col">Duration</th>
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
                    <td>{d.durationMs} ms</td>
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
