import type { Metadata } from "next";
import Link from "next/link";
import { AUDIT_ACTIONS, auditWords, describeAuditEvent, isAuditAction } from "@/components/audit/audit-text";
import { AUDIT_MESSAGES } from "@/components/messages/audit";
import { pageMessages } from "@/components/messages/page-messages";
import { pageTimePrefs } from "@/components/time/page-time-prefs";
import { TimeStamp } from "@/components/time/time-stamp";
import { ZListAuditQuery } from "@/domain/audit/audit.schemas";
import { listAuditEvents } from "@/domain/audit/list-audit-events";
import { firstPageOnBadCursor } from "@/domain/pagination";
import { listUsers } from "@/domain/admin/list-users";
import { requireAdminPage } from "../_shared/require-admin";
import { VerifyChainButton } from "./verify-chain-button";

export async function generateMetadata(): Promise<Metadata> {
  const t = await pageMessages(AUDIT_MESSAGES);
  return { title: t("page.metaTitle") };
}

type Search = Promise<Record<string, string | string[] | undefined>>;

function first(v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? v[0] : v || undefined;
}

export default async function AdminAuditPage({ searchParams }: { searchParams: Search }) {
  const actor = await requireAdminPage();
  const words = auditWords((await pageTimePrefs()).locale);
  const { t, common } = words;
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
  const olderHref = events.nextCursor ? `/app/admin/audit?${new URLSearchParams([...filters, ["cursor", events.nextCursor]])}` : null;

  return (
    <>
      <div className="page-head">
        <div>
          <h1>{t("page.title")}</h1>
          <p className="muted">{t("page.intro")}</p>
        </div>
      </div>
      <section className="card card-body admin-card" aria-labelledby="verify-title">
        <h2 id="verify-title">{t("chain.title")}</h2>
        <VerifyChainButton />
      </section>
      <section className="card admin-card" aria-labelledby="events-title">
        <div className="card-body admin-card-head">
          <h2 id="events-title">{t("events.title")}</h2>
          {/* biome-ignore lint/a11y/useSemanticElements: a GET form with the search landmark role; <search> is not yet announced by every screen reader we support */}
          <form className="admin-filters" method="get" action="/app/admin/audit" role="search" aria-label={t("filters.label")}>
            <div className="field">
              <label htmlFor="audit-action">{t("filters.action")}</label>
              <select id="audit-action" name="action" className="select" defaultValue={raw.action ?? ""}>
                <option value="">{common("value.any")}</option>
                {/* An action from the address that has no words stays selectable, as "other". */}
                {raw.action && !isAuditAction(raw.action) && (
                  <option value={raw.action}>{t("filters.actionOption", { action: raw.action, words: t("filters.otherAction") })}</option>
                )}
                {AUDIT_ACTIONS.map((a) => (
                  <option key={a} value={a}>
                    {t("filters.actionOption", { action: a, words: t(`action.${a}`) })}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor="audit-actor">{t("filters.actor")}</label>
              <select id="audit-actor" name="actorId" className="select" defaultValue={raw.actorId ?? ""}>
                <option value="">{t("filters.anyone")}</option>
                {people.items.map((u) => (
                  <option key={u.id} value={u.id}>
                    {u.name}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor="audit-target-type">{t("filters.targetType")}</label>
              <input
                id="audit-target-type"
                name="targetType"
                className="input"
                defaultValue={raw.targetType ?? ""}
                maxLength={40}
                placeholder={t("filters.targetTypeExample")}
              />
            </div>
            <div className="field">
              <label htmlFor="audit-from">{t("filters.from")}</label>
              <input id="audit-from" name="from" type="date" className="input" defaultValue={raw.from ?? ""} />
            </div>
            <div className="field">
              <label htmlFor="audit-to">{t("filters.to")}</label>
              <input id="audit-to" name="to" type="date" className="input" defaultValue={raw.to ?? ""} />
            </div>
            <div className="field">
              <label htmlFor="audit-target-id">{t("filters.targetId")}</label>
              <input id="audit-target-id" name="targetId" className="input" defaultValue={raw.targetId ?? ""} maxLength={100} />
            </div>
            <div className="admin-filters-actions">
              <button type="submit" className="btn">
                {common("action.apply")}
              </button>
              <Link href="/app/admin/audit" prefetch={false} className="btn btn-quiet">
                {t("filters.reset")}
              </Link>
            </div>
          </form>
          {invalidFilters && (
            <p className="alert alert-error" role="alert">
              {t("filters.invalid")}
            </p>
          )}
        </div>
        {events.items.length === 0 ? (
          <p className="card-body empty-state">{t("events.none")}</p>
        ) : (
          <div className="admin-table-wrap">
            <table className="admin-table admin-audit-table">
              <caption className="sr-only">{t("events.caption")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("events.time")}</th>
                  <th scope="col">{t("events.what")}</th>
                  <th scope="col">{t("events.ip")}</th>
                  <th scope="col">{t("events.event")}</th>
                </tr>
              </thead>
              <tbody>
                {events.items.map((e) => {
                  const line = describeAuditEvent(e, events.directory, words);
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
                              <li key={c.field}>{t("events.change", { field: c.field, from: c.from, to: c.to })}</li>
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
          <nav className="card-body pagination" aria-label={t("pagination.label")}>
            <span className="muted">{t("pagination.count", { count: events.items.length })}</span>
            <div className="pagination-links">
              {query.cursor && (
                <Link className="btn" href={`/app/admin/audit?${filters}`} prefetch={false}>
                  {t("pagination.newest")}
                </Link>
              )}
              {olderHref && (
                <Link className="btn" href={olderHref} rel="next" prefetch={false}>
                  {t("pagination.older")}
                </Link>
              )}
            </div>
          </nav>
        )}
      </section>
    </>
  );
}
