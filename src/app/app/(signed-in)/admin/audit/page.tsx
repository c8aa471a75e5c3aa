import Link from "next/link";
import { AUDIT_ACTION_WORDS, describeAuditEvent } from "@/components/audit/audit-text";
import { TimeStamp } from "@/components/time/time-stamp";
import { ZListAuditQuery } from "@/domain/audit/audit.schemas";
import { listAuditEvents } from "@/domain/audit/list-audit-events";
import { firstPageOnBadCursor } from "@/domain/pagination";
import { listUsers } from "@/domain/admin/list-users";
import { requireAdminPage } from "../_shared/require-admin";
import { VerifyChainButton } from "./verify-chain-button";

export const metadata = { title: "Audit log · Admin" };

type Search = Promise<Record<string, string | string[] | undefined>>;

function first(v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? v[0] : v || undefined;
}

export default async function AdminAuditPage({ searchParams }: { searchParams: Search }) {
  const actor = await requireAdminPage();
  const sp = await searchParams;
  const raw = {
    action: first(sp.action),
    actorId: first(sp.actorId),
    targetType: first(sp.targetType),
    targetId: first(sp.targetId),
    from: first(sp.from),
    to: first(sp.to),
    cursor: first(sp.cursor),
    limit: "50",
  };
  const parsed = ZListAuditQuery.safeParse(raw);
  const invalidFilters = !parsed.success;
  const query = parsed.success ? parsed.data : ZListAuditQuery.parse({ limit: "50" });
  const [events, people] = await Promise.all([
    firstPageOnBadCursor(query.cursor, (cursor) => listAuditEvents(actor, { ...query, cursor })),
    listUsers(actor, { limit: 100 }),
  ]);
  const filters = new URLSearchParams(
    Object.entries({ action: raw.action, actorId: raw.actorId, targetType: raw.targetType, targetId: raw.targetId, from: raw.from, to: raw.to }).filter(
      (e): e is [string, string] => Boolean(e[1]),
    ),
  );
  const actions = Object.keys(AUDIT_ACTION_WORDS).sort();
  const olderHref = events.nextCursor ? `/app/admin/audit?${new URLSearchParams([...filters, ["cursor", events.nextCursor]])}` : null;

  return (
    <>
      <div className="page-head">
        <div>
          <h1>Audit log</h1>
          <p className="muted">Every change and denied attempt, hash-chained: verifying the chain detects any edit, deletion or reordering.</p>
        </div>
      </div>
      <section className="card card-body admin-card" aria-labelledby="verify-title">
        <h2 id="verify-title">Chain integrity</h2>
        <VerifyChainButton />
      </section>
      <section className="card admin-card" aria-labelledby="events-title">
        <div className="card-body admin-card-head">
          <h2 id="events-title">Events</h2>
          {/* biome-ignore lint/a11y/useSemanticElements: a GET form with the search landmark role; <search> is not yet announced by every screen reader we support */}
          <form className="admin-filters" method="get" action="/app/admin/audit" role="search" aria-label="Filter audit events">
            <div className="field">
              <label htmlFor="audit-action">Action</label>
              <select id="audit-action" name="action" className="select" defaultValue={raw.action ?? ""}>
                <option value="">Any</option>
                {(raw.action && !actions.includes(raw.action) ? [raw.action, ...actions] : actions).map((a) => (
                  <option key={a} value={a}>
                    {a} ({AUDIT_ACTION_WORDS[a] ?? "other"})
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor="audit-actor">Actor</label>
              <select id="audit-actor" name="actorId" className="select" defaultValue={raw.actorId ?? ""}>
                <option value="">Anyone</option>
                {people.items.map((u) => (
                  <option key={u.id} value={u.id}>
                    {u.name}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor="audit-target-type">Target type</label>
              <input
                id="audit-target-type"
                name="targetType"
                className="input"
                defaultValue={raw.targetType ?? ""}
                maxLength={40}
                placeholder="user, team, ticket…"
              />
            </div>
            <div className="field">
              <label htmlFor="audit-from">From (UTC)</label>
              <input id="audit-from" name="from" type="date" className="input" defaultValue={raw.from ?? ""} />
            </div>
            <div className="field">
              <label htmlFor="audit-to">To (UTC)</label>
              <input id="audit-to" name="to" type="date" className="input" defaultValue={raw.to ?? ""} />
            </div>
            <div className="field">
              <label htmlFor="audit-target-id">Target id</label>
              <input id="audit-target-id" name="targetId" className="input" defaultValue={raw.targetId ?? ""} maxLength={100} />
            </div>
            <div className="admin-filters-actions">
              <button type="submit" className="btn">
                Apply
              </button>
              <Link href="/app/admin/audit" prefetch={false} className="btn btn-quiet">
                Reset
              </Link>
            </div>
          </form>
          {invalidFilters && (
            <p className="alert alert-error" role="alert">
              Some filters were not valid and were ignored.
            </p>
          )}
        </div>
        {events.items.length === 0 ? (
          <p className="card-body empty-state">No events match these filters.</p>
        ) : (
          <div className="admin-table-wrap">
            <table className="admin-table admin-audit-table">
              <caption className="sr-only">Audit events, newest first</caption>
              <thead>
                <tr>
                  <th scope="col">Time</th>
                  <th scope="col">What happened</th>
                  <th scope="col">IP</th>
                  <th scope="col">Event</th>
                </tr>
              </thead>
              <tbody>
                {events.items.map((e) => {
                  const line = describeAuditEvent(e, events.directory);
                  return (
                    <tr key={e.id}>
                      <td className="nowrap">
                        <TimeStamp value={e.createdAt} mode="absolute" />
                      </td>
                      <td>
                        <strong>{line.who}</strong> {line.what}
                        {line.target &&
                          (line.target.href ? (
                            <>
                              {" "}
                              <Link href={line.target.href} prefetch={false}>
                                {line.target.label}
                              </Link>
                            </>
                          ) : (
                            ` ${line.target.label}`
                          ))}
                        {line.changes.length > 0 && (
                          <ul className="audit-changes">
                            {line.changes.map((c) => (
                              <li key={c.field}>
                                {c.field}: {c.from} → {c.to}
                              </li>
                            ))}
                          </ul>
                        )}
                      </td>
                      <td className="admin-mono">{e.ip ?? "—"}</td>
                      <td className="admin-mono">
                        <span title={e.action}>#{e.seq}</span> <span title={e.hash}>{e.hash.slice(0, 12)}</span>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
        {(query.cursor || olderHref) && (
          <nav className="card-body pagination" aria-label="Pagination">
            <span className="muted">{events.items.length} events on this page</span>
            <div className="pagination-links">
              {query.cursor && (
                <Link className="btn" href={`/app/admin/audit?${filters}`} prefetch={false}>
                  Newest
                </Link>
              )}
              {olderHref && (
                <Link className="btn" href={olderHref} rel="next" prefetch={false}>
                  Older
                </Link>
              )}
            </div>
          </nav>
        )}
      </section>
    </>
  );
}
