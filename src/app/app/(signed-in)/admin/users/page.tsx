import Link from "next/link";
import { ROLES } from "@/db/schema/enums";
import { ZListUsersQuery } from "@/domain/admin/admin.schemas";
import { listUsers } from "@/domain/admin/list-users";
import { firstPageOnBadCursor } from "@/domain/pagination";
import { ROLE_LABELS } from "@/components/tickets/labels";
import { requireAdminPage } from "../_shared/require-admin";
import { mailEnabled } from "@/lib/mailer";
import { InviteForm } from "./invite-form";
import { UserActions } from "./user-actions";

export const metadata = { title: "Users · Admin" };

type Search = Promise<Record<string, string | string[] | undefined>>;

function first(v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? v[0] : v || undefined;
}

const STATUS_LABELS = { active: "Active", invited: "Invited", deactivated: "Deactivated", erased: "Erased" } as const;

export default async function AdminUsersPage({ searchParams }: { searchParams: Search }) {
  const actor = await requireAdminPage();
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
          <h1>Users</h1>
          <p className="muted">Invite people, change their role, deactivate them or reset their two-factor authentication.</p>
        </div>
      </div>

      <section className="card card-body admin-card" aria-labelledby="invite-title">
        <h2 id="invite-title">Invite a user</h2>
        <InviteForm roles={ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }))} byMail={mailEnabled()} />
      </section>

      <section className="card admin-card" aria-labelledby="users-title">
        <div className="card-body admin-card-head">
          <h2 id="users-title">People</h2>
          {/* biome-ignore lint/a11y/useSemanticElements: a GET form with the search landmark role; <search> is not yet announced by every screen reader we support */}
          <form className="admin-filters" method="get" action="/app/admin/users" role="search" aria-label="Filter users">
            <div className="field">
              <label htmlFor="users-q">Search</label>
              <input id="users-q" name="q" className="input" defaultValue={raw.q ?? ""} maxLength={100} placeholder="Name or e-mail" />
            </div>
            <div className="field">
              <label htmlFor="users-role">Role</label>
              <select id="users-role" name="role" className="select" defaultValue={raw.role ?? ""}>
                <option value="">Any role</option>
                {ROLES.map((r) => (
                  <option key={r} value={r}>
                    {ROLE_LABELS[r]}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor="users-active">Status</label>
              <select id="users-active" name="active" className="select" defaultValue={raw.active ?? ""}>
                <option value="">Any status</option>
                <option value="true">Active</option>
                <option value="false">Deactivated</option>
              </select>
            </div>
            <div className="admin-filters-actions">
              <button type="submit" className="btn">
                Apply
              </button>
              <Link href="/app/admin/users" prefetch={false} className="btn btn-quiet">
                Reset
              </Link>
            </div>
          </form>
        </div>
        {page.items.length === 0 ? (
          <p className="card-body empty-state">No users match these filters.</p>
        ) : (
          <div className="admin-table-wrap">
            <table className="admin-table">
              <caption className="sr-only">Users of the organization</caption>
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Status</th>
                  <th scope="col">Two-factor</th>
                  <th scope="col">Role and actions</th>
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
                      <span className={`badge admin-status admin-status-${u.status}`}>{STATUS_LABELS[u.status]}</span>
                    </td>
                    <td>{u.mfaEnabled ? "On" : "Off"}</td>
                    <td>
                      <UserActions
                        user={{ id: u.id, name: u.name, role: u.role, active: u.active, mfaEnabled: u.mfaEnabled, erased: u.status === "erased" }}
                        roles={ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }))}
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
          <nav className="card-body pagination" aria-label="Pagination">
            <span className="muted">{page.items.length} on this page</span>
            <div className="pagination-links">
              {query.cursor && (
                <Link className="btn" href={`/app/admin/users?${filterParams}`} prefetch={false}>
                  First page
                </Link>
              )}
              {nextHref && (
                <Link className="btn" href={nextHref} rel="next" prefetch={false}>
                  Next page
                </Link>
              )}
            </div>
          </nav>
        )}
      </section>
    </>
  );
}
