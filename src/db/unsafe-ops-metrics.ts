// Crosses tenants on purpose (DESIGN.md rule 2: only files named unsafe-*.ts may). /api/metrics reports
// the health of the whole installation to its operator (issue 14): queue depth, outbox backlog, SLA
// breaches and the last audit verification, summed over every organization. Only counts and ages leave
// here; no organization, ticket or person is named. Each read runs in its own short transaction with a
// statement timeout, so a slow database makes a scrape late, never a pool full of hung metrics queries.
import { sql } from "drizzle-orm";
import type { Database } from "./client";

const TIMEOUT = sql.raw("SET LOCAL statement_timeout = '2s'");

async function read<T>(conn: Database, query: ReturnType<typeof sql>): Promise<T[]> {
  return conn.transaction(async (tx) => {
    await tx.execute(TIMEOUT);
    return (await tx.execute<Record<string, unknown>>(query)).rows as T[];
  });
}

/** pg-boss jobs not finished, per queue and state, and the age of the oldest one due and waiting. */
export async function unsafeJobQueueStats(conn: Database) {
  return read<{ queue: string; state: string; jobs: number; oldest_seconds: number | null }>(
    conn,
    sql`SELECT name AS queue, state::text AS state, count(*)::int AS jobs,
               extract(epoch FROM now() - min(created_on) FILTER (WHERE start_after <= now()))::float8 AS oldest_seconds
          FROM pgboss.job
         WHERE state IN ('created', 'retry', 'active') AND name NOT LIKE '\\_\\_pgboss\\_\\_%'
         GROUP BY name, state`,
  );
}

/** Outbox messages not delivered (pending) or given up (dead), per channel, and the oldest due pending one. */
export async function unsafeOutboxStats(conn: Database) {
  return read<{ channel: string; status: string; messages: number; oldest_seconds: number | null }>(
    conn,
    sql`SELECT channel, status, count(*)::int AS messages,
               extract(epoch FROM now() - min(created_at) FILTER (WHERE next_attempt_at <= now()))::float8 AS oldest_seconds
          FROM outbox_messages
         WHERE status IN ('pending', 'dead')
         GROUP BY channel, status`,
  );
}

/** Breaches recorded in the last hour per clock kind (index sla_events_breach_created_idx), and the scan's lag. */
export async function unsafeSlaStats(conn: Database) {
  const [breaches, lag] = await Promise.all([
    read<{ kind: string; breaches: number }>(
      conn,
      sql`SELECT kind, count(*)::int AS breaches FROM sla_events
           WHERE type = 'breach' AND created_at > now() - interval '1 hour' GROUP BY kind`,
    ),
    read<{ lag_seconds: number | null }>(
      conn,
      sql`SELECT greatest(0, extract(epoch FROM now() - min(next_check_at)))::float8 AS lag_seconds
            FROM ticket_sla WHERE next_check_at IS NOT NULL`,
    ),
  ]);
  return { breaches, lagSeconds: lag[0]?.lag_seconds ?? 0 };
}

/**
 * The last scheduled audit verification that finished (src/jobs/audit-verify.job.ts): its state and the
 * organizations it found broken, from pg-boss's job table or, once archived, its archive. Null before the
 * first run.
 */
export async function unsafeLastAuditVerification(conn: Database) {
  const rows = await read<{ state: string; broken: number | null; age_seconds: number }>(
    conn,
    sql`SELECT state::text AS state, jsonb_array_length(output -> 'broken') AS broken,
               extract(epoch FROM now() - completed_on)::float8 AS age_seconds
          FROM (SELECT state, output, completed_on FROM pgboss.job WHERE name = 'audit-verify' AND state IN ('completed', 'failed')
                UNION ALL
                SELECT state, output, completed_on FROM pgboss.archive WHERE name = 'audit-verify' AND state IN ('completed', 'failed')) runs
         WHERE completed_on IS NOT NULL
         ORDER BY completed_on DESC LIMIT 1`,
  );
  return rows[0] ?? null;
}
