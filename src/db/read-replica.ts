// Reads that may come from the streaming read replica (issue 14; DESIGN.md "Scale": read replicas for
// lists, search and reports, never for a page that just wrote). Off unless DATABASE_REPLICA_URL is set.
// A read goes to the replica only when all of these hold:
//   - the request allows it: a GET whose caller has not written in the last READ_YOUR_WRITES_MS
//     (route.ts runs the handler inside allowReplicaReads; a write answers with the RECENT_WRITE_COOKIE,
//     so the caller's next reads — on any instance — see its own write on the primary);
//   - the replica is close enough: its replay lag, checked at most once a second, is under REPLICA_MAX_LAG_MS;
//   - the replica answers: a connection failure is retried once on the primary and the replica is set
//     aside for a few seconds.
import { AsyncLocalStorage } from "node:async_hooks";
import { drizzle } from "drizzle-orm/node-postgres";
import pg from "pg";
import { env } from "@/lib/env";
import { logger } from "@/lib/logger";
import { redactLogText } from "@/lib/log-safe";
import { metrics, observePool } from "@/lib/metrics";
import { type Database, db } from "./client";
import * as schema from "./schema";

/** Set on a successful write's answer: reads of this caller stay on the primary while it lives. */
export const RECENT_WRITE_COOKIE = "hd_recent_write";
export const READ_YOUR_WRITES_MS = 10_000;

const requestPolicy = new AsyncLocalStorage<{ replica: boolean }>();

/** Runs `work` with replica reads allowed or not (the API pipeline decides per request). */
export function allowReplicaReads<T>(allowed: boolean, work: () => Promise<T>): Promise<T> {
  return requestPolicy.run({ replica: allowed }, work);
}

/** True when this request's reads may be served from the replica (a GET that has not just written). */
export function replicaAllowedFor(method: string, cookieHeader: string | null): boolean {
  if (method !== "GET" && method !== "HEAD") return false;
  return !(cookieHeader ?? "").split(";").some((c) => c.trim().startsWith(`${RECENT_WRITE_COOKIE}=`));
}

const state = globalThis as unknown as {
  helpdeskReplica?: { db: Database; pool: pg.Pool; lagMs: number | null; checkedAt: number; downUntil: number; checking: Promise<void> | null };
};

function replica() {
  const url = env().DATABASE_REPLICA_URL;
  if (!url) return null;
  if (!state.helpdeskReplica) {
    const role = env().DB_APP_ROLE;
    const pool = new pg.Pool({
      connectionString: url,
      max: Number(process.env.DB_POOL_MAX ?? 10),
      ...(role !== "none" ? { options: `-c role=${role}` } : {}),
    });
    pool.on("error", (err) => logger.warn({ event: "db.replica_error", err: redactLogText(err.message) }, "replica connection error"));
    pool.on("connect", (client) => client.on("error", () => undefined));
    observePool("replica", pool);
    state.helpdeskReplica = { db: drizzle(pool, { schema }) as Database, pool, lagMs: null, checkedAt: 0, downUntil: 0, checking: null };
  }
  return state.helpdeskReplica;
}

const LAG_CHECK_MS = 1000;
const SET_ASIDE_MS = 5000;

/** Replay lag: 0 when everything received is replayed, else the age of the last replayed transaction. */
async function checkLag(r: NonNullable<ReturnType<typeof replica>>): Promise<void> {
  try {
    const { rows } = await r.pool.query<{ lag_ms: number | null }>(
      `SELECT CASE WHEN NOT pg_is_in_recovery() THEN NULL
                   WHEN pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn() THEN 0
                   ELSE extract(epoch FROM now() - pg_last_xact_replay_timestamp()) * 1000 END::float8 AS lag_ms`,
    );
    r.lagMs = rows[0]?.lag_ms ?? null;
  } catch {
    r.lagMs = null;
    r.downUntil = performance.now() + SET_ASIDE_MS;
  }
  r.checkedAt = performance.now();
}

/** The connection a list/search/report read should use now: the replica when allowed and fresh enough. */
async function readTarget(): Promise<{ conn: Database; replica: boolean }> {
  const r = replica();
  if (!r || !requestPolicy.getStore()?.replica || performance.now() < r.downUntil) return { conn: db(), replica: false };
  if (performance.now() - r.checkedAt > LAG_CHECK_MS) {
    r.checking ??= checkLag(r).finally(() => {
      r.checking = null;
    });
    await r.checking;
  }
  const fresh = r.lagMs !== null && r.lagMs <= env().REPLICA_MAX_LAG_MS && performance.now() >= r.downUntil;
  return fresh ? { conn: r.db, replica: true } : { conn: db(), replica: false };
}

const CONNECTION_ERRORS = /ECONNREFUSED|ECONNRESET|terminat|Connection terminated|the database system is|timeout/i;

/**
 * Runs a read on the replica when this request may use it, else on the primary; a replica that fails to
 * connect or drops the connection is set aside and the read runs again on the primary.
 */
export async function onReadConnection<T>(work: (conn: Database) => Promise<T>): Promise<T> {
  const target = await readTarget();
  if (!target.replica) {
    metrics().dbReads.inc({ target: "primary" });
    return work(target.conn);
  }
  try {
    const result = await work(target.conn);
    metrics().dbReads.inc({ target: "replica" });
    return result;
  } catch (error) {
    const message = error instanceof Error ? `${error.message} ${String((error as { cause?: unknown }).cause ?? "")}` : String(error);
    if (!CONNECTION_ERRORS.test(message)) throw error;
    const r = replica();
    if (r) r.downUntil = performance.now() + SET_ASIDE_MS;
    logger.warn({ event: "db.replica_fallback", err: redactLogText(message.slice(0, 200)) }, "replica read failed; read again on the primary");
    metrics().dbReads.inc({ target: "primary" });
    return work(db());
  }
}

export async function closeReplica(): Promise<void> {
  const r = state.helpdeskReplica;
  state.helpdeskReplica = undefined;
  observePool("replica", null);
  await r?.pool.end();
}
