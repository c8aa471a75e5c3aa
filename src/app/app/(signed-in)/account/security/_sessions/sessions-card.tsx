import type { AccountTranslator } from "@/components/messages/account";
import { TimeStamp } from "@/components/time/time-stamp";
import type { listMySessions } from "@/domain/account/sessions";
import { formatIp } from "./format-ip";
import { RevokeOthersButton } from "./revoke-others-button";
import { RevokeSessionButton } from "./revoke-session-button";

type SessionItem = Awaited<ReturnType<typeof listMySessions>>["items"][number];

/** Where the user is signed in (S3), rendered on the server; the buttons revoke through the API. */
export function SessionsCard({ sessions, t }: { sessions: SessionItem[]; t: AccountTranslator }) {
  // This device first, then the most recently used.
  const ordered = [...sessions].sort((a, b) => Number(b.current) - Number(a.current) || b.lastSeenAt.localeCompare(a.lastSeenAt));
  const others = ordered.filter((s) => !s.current).length;
  return (
    <section className="card account-card" aria-labelledby="sessions-title">
      <div className="card-body">
        <div className="account-card-head">
          <h2 id="sessions-title">{t("sessions.title")}</h2>
        </div>
        <p className="muted">{t("sessions.intro")}</p>
      </div>
      <div className="table-scroll">
        <table className="sessions-table">
          <caption className="sr-only">{t("sessions.caption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("sessions.device")}</th>
              <th scope="col">{t("sessions.ip")}</th>
              <th scope="col">{t("sessions.signedIn")}</th>
              <th scope="col">{t("sessions.lastActive")}</th>
              <th scope="col">
                <span className="sr-only">{t("sessions.actions")}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {ordered.map((s) => (
              <tr key={s.id} aria-current={s.current ? "true" : undefined}>
                <td>
                  <span className="session-device">{s.device}</span>
                  {s.current && <span className="badge badge-current">{t("sessions.thisDevice")}</span>}
                </td>
                <td className="session-ip">{s.ipAddress ? <span title={s.ipAddress}>{formatIp(s.ipAddress)}</span> : t("sessions.unknownIp")}</td>
                <td>
                  <TimeStamp value={s.createdAt} />
                </td>
                <td>
                  <TimeStamp value={s.lastSeenAt} />
                </td>
                <td className="session-actions">{!s.current && <RevokeSessionButton sessionId={s.id} device={s.device} />}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="card-body sessions-foot">{others > 0 ? <RevokeOthersButton count={others} /> : <p className="muted">{t("sessions.noOthers")}</p>}</div>
    </section>
  );
}
