// Cross-tenant on purpose: a request names a session token, not an organization. This is the one
// statement every signed-in request pays (issue 15, S3): the session, its user and the user's
// organization with every flag the Actor needs, in ONE round trip and without a cache, so a revoked
// session, a demotion or a deactivation is seen by the very next request.
//
// The session's sliding idle expiry (what Better Auth's getSession does with `updateAge`) happens in the
// same statement: a data-modifying CTE moves expires_at forward when the session is due for it, at most
// once per SESSION_REFRESH_SECONDS; otherwise it modifies nothing and the statement is a plain read.
//
// A named prepared statement, raw rows: parsed and planned once per connection, and no query builder or
// row mapping on the hottest path of the app. (Behind PgBouncer in transaction mode this needs its
// protocol-level prepared statements, max_prepared_statements > 0, PgBouncer 1.21+; with an older pooler
// — Debian 12 ships 1.18 — set DB_PREPARED_STATEMENTS=false and it is sent unnamed: issue 14 found
// "prepared statement … already exists / does not exist" on every other request otherwise.)
import { env } from "@/lib/env";
import { getPool } from "./client";

export interface SessionActorRow {
  sessionId: string;
  sessionCreatedAt: Date;
  expiresAt: Date;
  userId: string;
  name: string;
  role: string;
  organizationId: string;
  active: boolean;
  twoFactorEnabled: boolean;
  emailVerified: boolean;
  mfaRequired: boolean;
  /** Issue 13: the person's own choices and the organization's defaults (null: not chosen). */
  timeZone: string | null;
  locale: string | null;
  theme: string | null;
  orgTimeZone: string | null;
  orgLocale: string | null;
  /** Issue 13: agents may open the reports (the header's link on every page; issue 15 reads it here). */
  agentReportsAllowed: boolean;
}

const SESSION_ACTOR_SQL = `
with found as (
  select id, user_id, created_at, expires_at from sessions where token = $1
), slid as (
  update sessions set expires_at = $3, updated_at = $2
  where id = (select id from found) and $4::boolean and expires_at > $2 and expires_at <= $5
  returning expires_at
)
select f.id as "sessionId", f.created_at as "sessionCreatedAt",
       coalesce((select expires_at from slid), f.expires_at) as "expiresAt",
       u.id as "userId", u.name, u.role, u.organization_id as "organizationId", u.active,
       u.two_factor_enabled as "twoFactorEnabled",
       u.email_verified as "emailVerified", o.mfa_required as "mfaRequired",
       u.time_zone as "timeZone", u.locale, u.theme,
       o.default_time_zone as "orgTimeZone", o.default_locale as "orgLocale",
       o.agent_reports_allowed as "agentReportsAllowed"
from found f
join users u on u.id = f.user_id
join organizations o on o.id = u.organization_id`;

export interface SlideOptions {
  /** Sliding expiry applies (false when the user chose not to be remembered, as in Better Auth). */
  slide: boolean;
  idleSeconds: number;
  refreshSeconds: number;
}

/**
 * The session behind `token` with its user and organization, sliding its idle expiry when due; null for
 * an unknown token. Expired, deactivated and over-age sessions are returned as they are: the caller
 * decides (get-actor.ts), so this stays one statement.
 */
export async function unsafeSessionActor(token: string, at: Date, opts: SlideOptions): Promise<SessionActorRow | null> {
  const nextExpiry = new Date(at.getTime() + opts.idleSeconds * 1000);
  const dueBefore = new Date(at.getTime() + (opts.idleSeconds - opts.refreshSeconds) * 1000);
  const { rows } = await getPool().query<SessionActorRow>({
    ...(env().DB_PREPARED_STATEMENTS === "true" ? { name: "session_actor_v4" } : {}),
    text: SESSION_ACTOR_SQL,
    // Instants as ISO text (UTC): the same values for PostgreSQL, without node-postgres's slower
    // local-time formatting of a Date on every request (issue 15).
    values: [token, at.toISOString(), nextExpiry.toISOString(), opts.slide, dueBefore.toISOString()],
  });
  return rows[0] ?? null;
}
