import { TimeStamp } from "@/components/time/time-stamp";
import type { listMySessions } from "@/domain/account/sessions";
import { formatIp } from "./format-ip";
import { RevokeOthersButton } from "./revoke-others-button";
import { RevokeSessionButton } from "./revoke-session-button";

type SessionItem = Awaited<ReturnType<typeof listMySessions>>["items"][number];

/** Where the user is signed in (S3), rendered on the server; the buttons revoke through the API. */
export function SessionsCard({ sessions }: { sessions: SessionItem[] }) {
  // This device first, then the most recently used.
  const ordered = [...sessions].sort((a, b) => Number(b.current) - Number(a.current) || b.lastSeenAt.localeCompare(a.lastSeenAt));
  const others = ordered.filter((s) => !s.current).length;
  return (
    <section className="card account-card" aria-labelledby="sessions-title">
      <div className="card-body">
        <div className="account-card-head">
          <h2 id="sessions-title">Active sessions</h2>
        </div>
        <p className="muted">Browsers and devices signed in to your account. If you do not recognise one, revoke it and change your password.</p>
      </div>
      <div className="table-scroll">
        <table className="sessions-table">
          <caption className="sr-only">Your active sessions</caption>
          <thead>
            <tr>
              <th scope="col">Device</th>
              <th scope="col">IP address</th>
              <th scope="col">Signed in</th>
              <th scope="col">Last active</th>
              <th scope="col">
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {ordered.map((s) => (
              <tr key={s.id} aria-current={s.current ? "true" : undefined}>
                <td>
                  <span className="session-device">{s.device}</span>
                  {s.current && <span className="badge badge-current">This device</span>}
                </td>
                <td className="session-ip">{s.ipAddress ? <span title={s.ipAddress}>{formatIp(s.ipAddress)}</span> : "Unknown"}</td>
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
      <div className="card-body sessions-foot">
        {others > 0 ? <RevokeOthersButton count={others} /> : <p className="muted">You are not signed in anywhere else.</p>}
      </div>
    </section>
  );
}
