// Which failures mean "the database could not be reached or the connection was cut" (issue 14): a restart,
// a failover, PgBouncer or the network. The API answers them 503 with Retry-After instead of 500, so a client
// or a load balancer knows to try again (a write cut while committing may have been applied: a careful
// client looks before it repeats one — scripts/cluster-test/workload.ts does).
const SQLSTATES = new Set([
  "57P01", // admin_shutdown: the server is shutting down (a restart)
  "57P02", // crash_shutdown
  "57P03", // cannot_connect_now: starting up or in recovery
  "53300", // too_many_connections
  "08000",
  "08001",
  "08003",
  "08004",
  "08006",
  "08P01",
]);
const NODE_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "EPIPE", "ETIMEDOUT", "EHOSTUNREACH", "ENOTFOUND"]);
const MESSAGES =
  /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|server conn crashed|query_wait_timeout|no more connections allowed/i;

/** True when `error` (or an error it wraps, as drizzle's query errors do) is a lost or refused connection. */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (let e = error, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    if (typeof e !== "object") return false;
    const { code, message } = e as { code?: unknown; message?: unknown };
    if (typeof code === "string" && (SQLSTATES.has(code) || NODE_CODES.has(code))) return true;
    if (typeof message === "string" && MESSAGES.test(message)) return true;
  }
  return false;
}
