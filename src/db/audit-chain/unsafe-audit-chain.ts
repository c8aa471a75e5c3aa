// The audit chain's own queries (S12). They take an organization id instead of an actor because the
// chain is written and checked outside any one request: security events of callers who are not signed
// in (failed sign-ins), the seed, the verifier CLI and job, and retention all run per organization or
// across all of them. Every query here names its organization explicitly; nothing reaches a client
// except through the domain functions in src/domain/audit/. Appending is not here: it writes one
// organization's chain and lives in src/db/audit-chain/append.ts (issue 10 item 2).
import { and, eq, gt, isNotNull, sql } from "drizzle-orm";
import { drizzle } from "drizzle-orm/node-postgres";
import type pg from "pg";
import { to as copyTo } from "pg-copy-streams";
import { finished } from "node:stream/promises";
import type { Database, DbOrTx, Tx } from "../client";
import { copyFields } from "./copy-text";
import { db } from "../client";
import * as schema from "../schema";
import { auditChainHeads, auditEvents, organizations } from "../schema";

export type ChainHead = typeof auditChainHeads.$inferSelect;

export async function unsafeChainHead(conn: DbOrTx, organizationId: string): Promise<ChainHead | null> {
  const [head] = await conn.select().from(auditChainHeads).where(eq(auditChainHeads.organizationId, organizationId));
  return head ?? null;
}

/**
 * One event as the verifier reads it (issue 15): the columns as PostgreSQL sends them, in an array, with no
 * per-column parsing by the driver — the time as ISO-style text in UTC, data as jsonb text. The event id is
 * not read: a problem looks it up (ChainSnapshot.eventId).
 */
export type ChainRow = [
  seq: string,
  actorId: string | null,
  action: string,
  targetType: string,
  targetId: string | null,
  data: string,
  ip: string | null,
  userAgent: string | null,
  createdAt: string,
  prevHash: string,
  hash: string,
];

/** One organization's chain as it stood at one moment. */
export interface ChainSnapshot {
  head: ChainHead | null;
  /**
   * The events after `afterSeq` in sequence order, a chunk of rows at a time. Stopping early is fine: the
   * rest is read and dropped, so the snapshot stays usable.
   */
  events(afterSeq: number): AsyncGenerator<ChainRow[]>;
  /**
   * The same events as COPY's text lines ("\\N" for NULL, backslash escapes; see copy-text.ts), whole lines
   * at least `batchBytes` at a time, each batch in a buffer of its own (transferable to a worker thread).
   * Stopping early is fine, as with events().
   */
  lines(afterSeq: number, batchBytes: number): AsyncGenerator<Buffer>;
  /** The id of one event, for a problem report. */
  eventId(seq: number): Promise<string | null>;
  /**
   * The seals of redacted events (issue 14): what every "person.erased" event of the chain after `afterSeq`
   * recorded, as redacted seq -> { seal, by: the erasure event's seq }. Only the database writes that action.
   */
  seals(afterSeq: number): Promise<Map<number, { seal: string; by: number }>>;
}

/**
 * Reads one organization's chain in one consistent snapshot (REPEATABLE READ, read only): the head and the
 * events as they stood at one moment, so events appended while the verifier walks are neither half-seen
 * nor "beyond the head". Times come as text in UTC and ISO style (set for this transaction only).
 */
export async function unsafeReadChain<T>(conn: Database, organizationId: string, work: (chain: ChainSnapshot) => Promise<T>): Promise<T> {
  if (!UUID.test(organizationId)) throw new Error("unsafeReadChain: the organization id must be a uuid");
  const client = await conn.$client.connect();
  let broken: Error | undefined;
  try {
    await client.query("begin isolation level repeatable read read only; set local time zone 'UTC'; set local datestyle = 'ISO, MDY'");
    const tx = drizzle(client, { schema });
    const [head] = await tx.select().from(auditChainHeads).where(eq(auditChainHeads.organizationId, organizationId));
    const result = await work({
      head: head ?? null,
      events: (afterSeq) => copyEvents(client, organizationId, afterSeq),
      lines: (afterSeq, batchBytes) => copyLines(client, organizationId, afterSeq, batchBytes),
      async eventId(seq) {
        const [row] = await tx
          .select({ id: auditEvents.id })
          .from(auditEvents)
          .where(and(eq(auditEvents.organizationId, organizationId), eq(auditEvents.seq, seq)))
          .limit(1);
        return row?.id ?? null;
      },
      async seals(afterSeq) {
        const rows = await tx
          .select({ seq: auditEvents.seq, data: auditEvents.data })
          .from(auditEvents)
          .where(and(eq(auditEvents.organizationId, organizationId), eq(auditEvents.action, "person.erased"), gt(auditEvents.seq, afterSeq)));
        const seals = new Map<number, { seal: string; by: number }>();
        for (const row of rows) {
          const redacted = (row.data as { redacted?: unknown }).redacted;
          if (!Array.isArray(redacted)) continue;
          for (const entry of redacted as { seq?: unknown; seal?: unknown }[]) {
            if (typeof entry?.seq === "number" && typeof entry.seal === "string") seals.set(entry.seq, { seal: entry.seal, by: row.seq });
          }
        }
        return seals;
      },
    });
    await client.query("commit");
    return result;
  } catch (error) {
    await client.query("rollback").catch((e: Error) => (broken = e));
    throw error;
  } finally {
    client.release(broken);
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const NEWLINE = 0x0a;

/**
 * The events as one COPY ... TO STDOUT (text format) on the snapshot's connection (issue 15): the server
 * streams rows as fast as the socket takes them, and the verifier reads the lines' bytes without the row
 * protocol's per-column decoding. COPY takes no parameters: the organization id is checked to be a uuid and
 * the sequence number is an integer, both written in as literals.
 *
 * Yields whole lines only, at least `batchBytes` at a time (the last batch may be smaller), each batch in a
 * buffer of its own: not a slice of the driver's or Node's shared pool, so it can be handed to (transferred to)
 * another thread.
 */
async function* copyLines(client: pg.PoolClient, organizationId: string, afterSeq: number, batchBytes: number): AsyncGenerator<Buffer> {
  if (!Number.isSafeInteger(afterSeq)) throw new Error("copyEvents: afterSeq must be an integer");
  const stream = client.query(
    copyTo(`copy (select seq, actor_id, action, target_type, target_id, data, ip, user_agent, created_at, prev_hash, hash
      from audit_events where organization_id = '${organizationId.toLowerCase()}' and seq > ${afterSeq} order by seq) to stdout`),
  );
  let pending: Buffer[] = [];
  let size = 0;
  let done = false;
  /** The pending chunks in one owned buffer: the whole lines, and a copy of what follows the last line break. */
  const take = (): Buffer | null => {
    const all = Buffer.allocUnsafeSlow(size);
    let at = 0;
    for (const chunk of pending) at += chunk.copy(all, at);
    // A line break never occurs inside a UTF-8 sequence, so cutting after one is safe.
    const end = all.lastIndexOf(NEWLINE) + 1;
    pending = end < size ? [Buffer.from(all.subarray(end))] : [];
    size -= end;
    return end > 0 ? all.subarray(0, end) : null;
  };
  try {
    // Not destroyed when the caller stops early: the COPY must run to its end on this connection.
    for await (const chunk of stream.iterator({ destroyOnReturn: false }) as AsyncIterable<Buffer>) {
      pending.push(chunk);
      size += chunk.length;
      if (size < batchBytes) continue;
      const lines = take();
      if (lines) yield lines;
    }
    if (size > 0) {
      const lines = take();
      if (lines) yield lines;
    }
    if (size > 0) throw new Error("COPY of the audit chain ended inside a line");
    done = true;
  } finally {
    // Stopped early: read the rest and drop it, so the connection is ready for the snapshot's next query.
    if (!done) {
      stream.resume();
      await finished(stream);
    }
  }
}

/** The same stream as rows of column text (what the benchmark's floors read). */
async function* copyEvents(client: pg.PoolClient, organizationId: string, afterSeq: number): AsyncGenerator<ChainRow[]> {
  for await (const batch of copyLines(client, organizationId, afterSeq, 0)) {
    const lines = batch.toString("utf8", 0, batch.length - 1).split("\n");
    const rows: ChainRow[] = new Array(lines.length);
    for (let i = 0; i < lines.length; i++) rows[i] = copyFields(lines[i]!) as ChainRow;
    yield rows;
  }
}

/**
 * Retention through the database's audit_prune(org): the database reads the organization's retention
 * setting, chooses the cut-off from its own clock, keeps the newest event and records the pruning in the
 * chain (issue 9 item 3). The caller cannot name a cut-off.
 */
export async function unsafePrune(tx: Tx, organizationId: string): Promise<number> {
  const result = await tx.execute<{ removed: number }>(sql`select audit_prune(${organizationId}::uuid) as removed`);
  return Number(result.rows[0]?.removed ?? 0);
}

/** `conn`: another database than the app's (a restore verifies the database it just restored). */
export async function unsafeListOrganizationIds(conn: DbOrTx = db()): Promise<{ id: string; slug: string }[]> {
  return conn.select({ id: organizations.id, slug: organizations.slug }).from(organizations);
}

export async function unsafeListRetentionPolicies(): Promise<{ organizationId: string; retentionDays: number | null }[]> {
  return db()
    .select({ organizationId: auditChainHeads.organizationId, retentionDays: auditChainHeads.retentionDays })
    .from(auditChainHeads)
    .where(isNotNull(auditChainHeads.retentionDays));
}
