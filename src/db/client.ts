// One pg pool per process. Slow queries are logged (S13) with their duration, never their parameters.
import { drizzle, type NodePgDatabase } from "drizzle-orm/node-postgres";
import pg from "pg";
import { env } from "@/lib/env";
import { logger } from "@/lib/logger";
import { redactLogText } from "@/lib/log-safe";
import { metrics, observePool } from "@/lib/metrics";
import { installCommitBarrier } from "./commit-barrier";
import * as schema from "./schema";

/** The app's drizzle instance; `$client` is its pool (the audit verifier streams from it directly). */
export type Database = NodePgDatabase<typeof schema> & { $client: pg.Pool };
export type Tx = Parameters<Parameters<Database["transaction"]>[0]>[0];
export type DbOrTx = Database | Tx;

export function isTransaction(conn: DbOrTx): conn is Tx {
  return conn !== globalForDb.helpdeskDb;
}

const globalForDb = globalThis as unknown as { helpdeskPool?: pg.Pool; helpdeskDb?: Database };

function logIfSlow(started: number, slowMs: number, first: unknown): void {
  const ms = performance.now() - started;
  if (ms < slowMs) return;
  const text = typeof first === "string" ? first : (first as { text?: string } | undefined)?.text;
  logger.warn({ event: "db.slow_query", ms: Math.round(ms), sql: text === undefined ? undefined : redactLogText(text) }, "slow query");
}

/**
 * Times and counts every query of every pooled client (helpdesk_db_statements_total); pg calls
 * client.query with a callback or for a promise.
 */
function instrument(pool: pg.Pool, slowMs: number): void {
  const statements = metrics().dbStatements;
  pool.on("connect", (client) => {
    const query = client.query.bind(client) as (...args: unknown[]) => unknown;
    (client as unknown as { query: (...args: unknown[]) => unknown }).query = (...args: unknown[]) => {
      const started = performance.now();
      statements.inc();
      const last = args[args.length - 1];
      if (typeof last === "function") {
        args[args.length - 1] = (...cbArgs: unknown[]) => {
          logIfSlow(started, slowMs, args[0]);
          return (last as (...a: unknown[]) => unknown)(...cbArgs);
        };
        return query(...args);
      }
      const result = query(...args);
      if (result && typeof (result as Promise<unknown>).then === "function") {
        (result as Promise<unknown>).then(
          () => logIfSlow(started, slowMs, args[0]),
          () => undefined,
        );
      }
      return result;
    };
  });
}

export function getPool(): pg.Pool {
  if (!globalForDb.helpdeskPool) {
    const e = env();
    const pool = new pg.Pool({
      connectionString: e.DATABASE_URL,
      max: Number(process.env.DB_POOL_MAX ?? 10),
      // Every statement of the app runs with this role's rights (set at connection start, like SET ROLE).
      ...(e.DB_APP_ROLE !== "none" ? { options: `-c role=${e.DB_APP_ROLE}` } : {}),
    });
    pool.on("error", (err) => logger.error({ event: "db.pool_error", err: redactLogText(err.message) }, "idle client error"));
    // A checked-out client whose connection dies (a killed backend, a database restart) also emits "error";
    // unheard, it would end the process. Its query or transaction fails and the pool drops it; log it.
    pool.on("connect", (client) =>
      client.on("error", (err) => logger.error({ event: "db.client_error", err: redactLogText(err.message) }, "database connection lost")),
    );
    instrument(pool, e.SLOW_QUERY_MS);
    installCommitBarrier(pool);
    globalForDb.helpdeskPool = pool;
    observePool("primary", pool);
  }
  return globalForDb.helpdeskPool;
}

export function db(): Database {
  globalForDb.helpdeskDb ??= drizzle(getPool(), { schema });
  return globalForDb.helpdeskDb;
}

export async function closeDb(): Promise<void> {
  const pool = globalForDb.helpdeskPool;
  globalForDb.helpdeskPool = undefined;
  globalForDb.helpdeskDb = undefined;
  observePool("primary", null);
  await pool?.end();
}
