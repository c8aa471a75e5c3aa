// Issue 9 item 3 (S12, S14): the pool runs every statement as DB_APP_ROLE (helpdesk_app), but that is
// only a SET ROLE. If the login role of DATABASE_URL is a superuser, or owns the audit tables, or is a
// member of any role with more rights, one `RESET ROLE` (or `SET ROLE owner`) inside the app's connection
// gives every right back — and the audit trail's protection with it. In production the app and the
// worker refuse to start on such a login; elsewhere they say so in the log.
import pg from "pg";

export interface LoginRoleFinding {
  loginRole: string;
  problems: string[];
}

const AUDIT_TABLES = ["audit_events", "audit_chain_heads"];

/** What the login role of `databaseUrl` could do beyond `appRole` (empty problems = a member-only login). */
export async function inspectLoginRole(databaseUrl: string, appRole: string): Promise<LoginRoleFinding> {
  const client = new pg.Client({ connectionString: databaseUrl, application_name: "helpdesk-role-check" });
  await client.connect();
  try {
    const { rows } = await client.query<{
      login: string;
      rolsuper: boolean;
      rolbypassrls: boolean;
      rolcreaterole: boolean;
      rolreplication: boolean;
      member_of: string[] | null;
      owned: string[] | null;
      writable: string[] | null;
      schema_owner: boolean;
    }>(
      `select r.rolname as login, r.rolsuper, r.rolbypassrls, r.rolcreaterole, r.rolreplication,
         (select array_agg(g.rolname::text order by g.rolname) from pg_auth_members m join pg_roles g on g.oid = m.roleid
            where m.member = r.oid and g.rolname <> $1) as member_of,
         (select array_agg(c.relname::text order by c.relname) from pg_class c
            where c.relnamespace = 'public'::regnamespace and c.relname = any($2::text[]) and pg_has_role(r.oid, c.relowner, 'MEMBER')) as owned,
         (select array_agg(c.relname::text order by c.relname) from pg_class c
            where c.relnamespace = 'public'::regnamespace and c.relname = any($2::text[])
              and (has_table_privilege(r.oid, c.oid, 'INSERT') or has_table_privilege(r.oid, c.oid, 'UPDATE')
                or has_table_privilege(r.oid, c.oid, 'DELETE') or has_table_privilege(r.oid, c.oid, 'TRUNCATE'))) as writable,
         pg_has_role(r.oid, (select nspowner from pg_namespace where nspname = 'public'), 'MEMBER') as schema_owner
       from pg_roles r where r.rolname = session_user`,
      [appRole, AUDIT_TABLES],
    );
    const r = rows[0]!;
    const problems: string[] = [];
    if (r.rolsuper) problems.push("is a superuser");
    if (r.rolbypassrls) problems.push("has BYPASSRLS");
    if (r.rolcreaterole) problems.push("has CREATEROLE (it can grant itself other roles)");
    if (r.rolreplication) problems.push("has REPLICATION");
    if (r.owned?.length) problems.push(`owns (or can become the owner of) ${r.owned.join(", ")}`);
    if (r.schema_owner) problems.push("owns the public schema (it can drop the audit tables)");
    if (r.writable?.length && !r.rolsuper) problems.push(`can write ${r.writable.join(", ")} directly`);
    if (r.member_of?.length) problems.push(`is a member of ${r.member_of.join(", ")} besides ${appRole} (RESET ROLE / SET ROLE reach those rights)`);
    return { loginRole: r.login, problems };
  } finally {
    await client.end();
  }
}

export function loginRoleMessage(finding: LoginRoleFinding, appRole: string): string {
  return (
    `the DATABASE_URL login role "${finding.loginRole}" ${finding.problems.join("; ")}. ` +
    `The app only SETs ROLE ${appRole}; with this login, RESET ROLE inside the app's connection regains those rights ` +
    `(and with them the power to erase the audit trail). Create a login role that is a member of ${appRole} only — ` +
    `CREATE ROLE helpdesk_login LOGIN PASSWORD '…' IN ROLE ${appRole}; — point DATABASE_URL at it, and run ` +
    `migrations with the owner's URL in MIGRATION_DATABASE_URL.`
  );
}

/**
 * The start-up check of the web launcher and the worker: throws in production, warns otherwise.
 * Returns the finding so callers and tests can see what was found.
 */
export async function enforceLoginRole(opts: {
  databaseUrl: string;
  appRole: string;
  production: boolean;
  warn: (message: string) => void;
}): Promise<LoginRoleFinding> {
  // DB_APP_ROLE=none runs with the login's own rights: the same checks apply to it, with no app role.
  const finding = await inspectLoginRole(opts.databaseUrl, opts.appRole === "none" ? "helpdesk_app" : opts.appRole);
  if (finding.problems.length === 0) return finding;
  const message = loginRoleMessage(finding, opts.appRole);
  if (opts.production) throw new Error(`Helpdesk cannot start: ${message}`);
  opts.warn(`Not for production: ${message}`);
  return finding;
}
