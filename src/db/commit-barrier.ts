// Audited transactions commit asynchronously, and the pool makes them durable before anyone hears of it.
//
// Why (issue 15): every audited write of an organization takes the audit chain head's row lock, and a row
// lock is held until COMMIT returns — with synchronous_commit on, until the WAL is flushed to disk. On this
// disk a flush takes 3–5 ms, so one organization could never exceed ~250 audited writes per second, however
// short the rest of the transaction. appendAuditEvent() therefore marks its transaction
// `synchronous_commit = off` (the statement carries ASYNC_COMMIT_MARK): its commit record is written and the
// locks are released at once. Before the caller's `commit` resolves, this wrapper runs a durability barrier on
// the same connection: a transaction that writes one WAL record and commits synchronously, which flushes
// the WAL up to its own commit record — after ours — so our transaction is on disk when the caller goes on,
// exactly as before. Concurrent barriers share flushes (group commit), so the chain's throughput is no longer
// one flush per event. A crash between the two loses only transactions nobody was told about; the WAL is
// written in order, so no durable event can follow a lost one in the chain.
import type pg from "pg";

/** Put in the SQL text of a statement that made its transaction's commit asynchronous. */
export const ASYNC_COMMIT_MARK = "/* helpdesk:async-commit */";

/** One WAL record in its own transaction, committed synchronously: flushes everything written before it. */
const BARRIER = "select audit_commit_barrier()";

type Query = (...args: unknown[]) => unknown;

export function installCommitBarrier(pool: pg.Pool): void {
  pool.on("connect", (client) => {
    const query = client.query.bind(client) as Query;
    let asyncCommit = false;
    (client as unknown as { query: Query }).query = (...args: unknown[]) => {
      const first = args[0] as { text?: unknown } | string | undefined;
      const text = typeof first === "string" ? first : first?.text;
      if (typeof text === "string" && typeof args[args.length - 1] !== "function") {
        if (text.includes(ASYNC_COMMIT_MARK)) asyncCommit = true;
        else if (asyncCommit && /^\s*rollback\s*$/i.test(text)) asyncCommit = false;
        else if (asyncCommit && /^\s*commit\s*$/i.test(text)) {
          asyncCommit = false;
          return (query(...args) as Promise<unknown>).then(async (result) => {
            await query(BARRIER);
            return result;
          });
        }
      }
      return query(...args);
    };
  });
}

/**
 * Makes every commit so far durable (the same barrier in a transaction of its own). For a reader about to
 * vouch for what it read — the verifier signing a checkpoint — since it may have read an audited
 * transaction in the moment between its commit and its barrier.
 */
export async function flushCommitsSoFar(pool: pg.Pool): Promise<void> {
  await pool.query(BARRIER);
}
