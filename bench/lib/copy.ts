// Bulk load through `COPY ... FROM STDIN` (pg-copy-streams): one long COPY per table on its own
// connection, so PostgreSQL parses rows on one core while this process generates them on the other.
// Each table is truncated in the COPY's own transaction, which lets COPY ... FREEZE write its rows
// already frozen and all-visible: no VACUUM pass over a million rows afterwards, and index-only scans
// work at once.
import { once } from "node:events";
import type pg from "pg";
import { from as copyFrom, type CopyStreamQuery } from "pg-copy-streams";

/** A value of one COPY text-format column: null is \N; strings are escaped. */
export type CopyValue = string | number | boolean | null | Date;

const DAY_MS = 86_400_000;
const dayPrefix = new Map<number, string>();
const pad = (n: number, width: number) => String(n).padStart(width, "0");

/** Date.toISOString() output, several times faster: the "YYYY-MM-DDT" part is cached per day. */
export function isoTime(ms: number): string {
  const day = Math.floor(ms / DAY_MS);
  let prefix = dayPrefix.get(day);
  if (prefix === undefined) {
    prefix = new Date(day * DAY_MS).toISOString().slice(0, 11);
    dayPrefix.set(day, prefix);
  }
  let rest = ms - day * DAY_MS;
  const h = Math.floor(rest / 3_600_000);
  rest -= h * 3_600_000;
  const m = Math.floor(rest / 60_000);
  rest -= m * 60_000;
  const sec = Math.floor(rest / 1000);
  return `${prefix}${pad(h, 2)}:${pad(m, 2)}:${pad(sec, 2)}.${pad(rest - sec * 1000, 3)}Z`;
}

const SPECIAL = /[\\\t\n\r]/;

/** Text format escaping: backslash, tab, newline and carriage return are the only special bytes. */
function field(v: CopyValue): string {
  if (v === null) return "\\N";
  if (typeof v === "string") return SPECIAL.test(v) ? v.replace(/\\/g, "\\\\").replace(/\t/g, "\\t").replace(/\n/g, "\\n").replace(/\r/g, "\\r") : v;
  if (v instanceof Date) return isoTime(v.getTime());
  return String(v);
}

const FLUSH_AT = 1 << 18; // 256 KB per write keeps the stream busy without holding much in memory

export interface CopyWriter {
  /** Appends one row; await it — it waits when PostgreSQL is behind (backpressure). */
  row(values: CopyValue[]): Promise<void> | undefined;
  /** Ends the COPY, commits, and returns the number of rows loaded. */
  finish(): Promise<number>;
  /** Milliseconds spent waiting for PostgreSQL (stream full, or the final commit): which table is the bottleneck. */
  waitedMs(): number;
}

export async function copyWriter(client: pg.PoolClient, table: string, columns: string[]): Promise<CopyWriter> {
  await client.query("begin");
  // The tables are empty (freshly migrated); the truncate is only there to allow FREEZE. Triggers stay
  // off for the whole load: audit_events refuses TRUNCATE by trigger (append-only), empty or not, and the
  // generator writes itself what row triggers would (tickets.sla_due_at from the clock it computes).
  await client.query("set local session_replication_role = replica");
  await client.query(`truncate "${table}"`);
  const stream: CopyStreamQuery = client.query(copyFrom(`copy "${table}" (${columns.map((c) => `"${c}"`).join(", ")}) from stdin with (freeze)`));
  let failed: Error | undefined;
  stream.on("error", (e) => {
    failed = e;
  });
  let buffer = "";
  let rows = 0;
  let waited = 0;
  const flush = async () => {
    if (failed) throw failed;
    const chunk = buffer;
    buffer = "";
    if (!stream.write(chunk)) {
      const started = performance.now();
      await once(stream, "drain");
      waited += performance.now() - started;
    }
  };
  return {
    row(values) {
      let line = field(values[0]!);
      for (let i = 1; i < values.length; i++) line += `\t${field(values[i]!)}`;
      buffer += `${line}\n`;
      rows++;
      return buffer.length >= FLUSH_AT ? flush() : undefined;
    },
    async finish() {
      if (buffer) await flush();
      const started = performance.now();
      stream.end();
      await once(stream, "finish");
      if (failed) throw failed;
      await client.query("commit");
      waited += performance.now() - started;
      return rows;
    },
    waitedMs: () => waited,
  };
}
