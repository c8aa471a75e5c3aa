import type { Metadata } from "next";
import Link from "next/link";
import { ADMIN_USERS_MESSAGES } from "@/components/messages/admin-users";
import { COMMON_MESSAGES } from "@/components/messages/common";
import { pageMessages } from "@/components/messages/page-messages";
import { ROLES } from "@/db/schema/enums";
import { ZListUsersQuery } from "@/domain/admin/admin.schemas";
import { listUsers } from "@/domain/admin/list-users";
import { firstPageOnBadCursor } from "@/domain/pagination";
import { requireAdminPage } from "../_shared/require-admin";
import { mailEnabled } from "@/lib/mailer";
import { InviteForm } from "./invite-form";
import { offersErasure } from "./offers-erasure";
import { UserActions } from "./user-actions";

export async function generateMetadata(): Promise<Metadata> {
  const t = await pageMessages(ADMIN_USERS_MESSAGES);
  return { title: t("page.metaTitle") };
}

type Search = Promise<Record<string, string | string[] | undefined>>;

function first(v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? v[0] : v || undefined;
}

export default async function AdminUsersPage({ searchParams }: { searchParams: Search }) {
  const actor = await requireAdminPage();
  const [t, common] = await Promise.all([pageMessages(ADMIN_USERS_MESSAGES), pageMessages(COMMON_MESSAGES)]);
  const roles = ROLES.map((r) => ({ value: r, label: common(`role.${r}`) }));
  const sp = await searchParams;
  const raw = { role: first(sp.role), active: first(sp.active), q: first(sp.q), cursor: first(sp.cursor), limit: "50" };
  const parsed = ZListUsersQuery.safeParse(raw);
  const query = parsed.success ? parsed.data : ZListUsersQuery.parse({ limit: "50" });
  const page = await firstPageOnBadCursor(query.cursor, (cursor) => listUsers(actor, { ...query, cursor }));
  const filterParams = new URLSearchParams(
    Object.entries({ role: raw.role, active: raw.active, q: raw.q }).filter((e): e is [string, string] => Boolean(e[1])),
  );
  const nextHref = page.nextCursor ? `/app/admin/users?${new URLSearchParams([...filterParams, ["cursor", page.nextCursor]])}` : null;

  return (
    <>
      <div className="page-head">
        <div>
          <h1>{t("page.title")}</h1>
          <p className="muted">{t("page.intro")}</p>
        </div>
      </div>

      <section className="card card-body admin-card" aria-labelledby="invite-title">
        <h2 id="invite-title">{t("invite.title")}</h2>
        <InviteForm roles={roles} byMail={mailEnabled()} />
      </section>

      <section className="card admin-card" aria-labelledby="users-title">
        <div className="card-body admin-card-head">
          <h2 id="users-title">{t("people.title")}</h2>
          {/* biome-ignore lint/a11y/useSemanticElements: a GET form with the search landmark role; <search> is not yet announced by every screen reader we support */}
          <form className="admin-filters" method="get" action="/app/admin/users" role="search" aria-label={t("filters.label")}>
            <div className="field">
              <label htmlFor="users-q">{t("filters.search")}</label>
              <input id="users-q" name="q" className="input" defaultValue={raw.q ?? ""} maxLength={100} placeholder={t("filters.searchExample")} />
            </div>
            <div className="field">
              <label htmlFor="users-role">{t("filters.role")}</label>
              <select id="users-role" name="role" className="select" defaultValue={raw.role ?? ""}>
                <option value="">{t("filters.anyRole")}</option>
                {roles.map((r) => (
                  <option key={r.value} value={r.value}>
                    {r.label}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor="users-active">{common("field.status")}</label>
              <select id="users-active" name="active" className="select" defaultValue={raw.active ?? ""}>
                <option value="">{t("filters.anyStatus")}</option>
                <option value="true">{t("filters.active")}</option>
                <option value="false">{t("filters.deactivated")}</option>
              </select>
            </div>
            <div className="admin-filters-actions">
              <button type="submit" className="btn">
                {common("action.apply")}
              </button>
              <Link href="/app/admin/users" prefetch={false} className="btn btn-quiet">
                {t("filters.reset")}
              </Link>
            </div>
          </form>
        </div>
        {page.items.length === 0 ? (
          <p className="card-body empty-state">{t("people.none")}</p>
        ) : (
          <div className="admin-table-wrap">
            <table className="admin-table">
              <caption className="sr-only">{t("people.caption")}</caption>
              <thead>
                <tr>
                  <th scope="col">{common("field.name")}</th>
                  <th scope="col">{common("field.status")}</th>
                  <th scope="col">{t("people.twoFactor")}</th>
                  <th scope="col">{t("people.roleAndActions")}</th>
                </tr>
              </thead>
              <tbody>
                {page.items.map((u) => (
                  <tr key={u.id} data-user-email={u.email}>
                    <th scope="row">
                      <span className="admin-user-name">{u.name}</span>
                      <span className="admin-user-email">{u.email}</span>
                    </th>
                    <td>
                      <span className={`badge admin-status admin-status-${u.status}`}>{t(`status.${u.status}`)}</span>
                    </td>
                    <td>{t(u.mfaEnabled ? "people.twoFactorOn" : "people.twoFactorOff")}</td>
                    <td>
                      <UserActions
                        user={{ id: u.id, name: u.name, role: u.role, active: u.active, mfaEnabled: u.mfaEnabled, erased: u.status === "erased" }}
                        erasable={offersErasure(actor, u)}
                        roles={roles}
                        isSelf={u.id === actor.userId}
                      />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {(query.cursor || nextHref) && (
          <nav className="card-body pagination" aria-label={t("pagination.label")}>
            <span className="muted">{t("pagination.count", { count: page.items.length })}</span>
            <div className="pagination-links">
              {query.cursor && (
                <Link className="btn" href={`/app/admin/users?${filterParams}`} prefetch={false}>
                  {t("pagination.first")}
                </Link>
              )}
              {nextHref && (
                <Link className="btn" href={nextHref} rel="next" prefetch={false}>
                  {t("pagination.next")}
                </Link>
              )}
            </div>
          </nav>
        )}
      </section>
    </>
  );
}
