// The audit chain's own queries (S12). They take an organization id instead of an actor because the
// chain is written and checked outside any one request: security events of callers who are not signed
// in (failed sign-ins), the seed, the verifier CLI and job, and retention all run per organization or
// across all of them. Every query here names its organization explicitly; nothing reaches a client
// except through the domain functions in src/domain/audit/. Appending is not here: it writes one
// organization's chain and lives in src/db/audit-chain/append.ts (issue 10 item 2).
import { and, eq, isNotNull, sql } from "drizzle-orm";
import type pg from "pg";
import type { Database, DbOrTx, Tx } from "../client";
import { db } from "../client";
import { auditChainHeads, auditEvents, organizations } from "../schema";

export type ChainHead = typeof auditChainHeads.$inferSelect;

export async function unsafeChainHead(conn: DbOrTx, organizationId: string): Promise<ChainHead | null> {
  const [head] = await conn.select().from(auditChainHeads).where(eq(auditChainHeads.organizationId, organizationId));
  return head ?? null;
}

/**
 * One event as the verifier reads it (issue 15): the columns as PostgreSQL sends them, in an array, with no
 * per-column parsing by the driver — the time as whole milliseconds since 1970 (what the app's Date keeps
 * of it), data as jsonb text. The event id is not read: a problem looks it up (unsafeEventId).
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
  createdAtMs: string,
  prevHash: string,
  hash: string,
];

const CHAIN_ROWS = `select seq, actor_id, action, target_type, target_id, data, ip, user_agent,
    floor(extract(epoch from created_at) * 1000)::bigint, prev_hash, hash
  from audit_events where organization_id = $1 and seq > $2 order by seq limit $3`;
const AS_TEXT: pg.CustomTypesConfig = { getTypeParser: () => (value: string) => value };

/**
 * The chain in sequence order after `afterSeq`, in batches of `batch` (keyset on the unique
 * (organization_id, seq) index). The next batch is asked for as soon as one arrives, so the database reads
 * it while the caller hashes this one. Stopping early (a problem found) releases the connection.
 */
export async function* unsafeStreamChain(conn: Database, organizationId: string, afterSeq: number, batch: number): AsyncGenerator<ChainRow[]> {
  const client = await conn.$client.connect();
  const read = (after: number) =>
    client.query<ChainRow>({ text: CHAIN_ROWS, values: [organizationId, after, batch], rowMode: "array", types: AS_TEXT } as pg.QueryArrayConfig);
  let next: Promise<pg.QueryArrayResult<ChainRow>> | null = read(afterSeq);
  try {
    while (next) {
      const { rows }: { rows: ChainRow[] } = await next;
      next = rows.length === batch ? read(Number(rows[rows.length - 1]![0])) : null;
      yield rows;
    }
  } finally {
    await next?.catch(() => undefined);
    client.release();
  }
}

/** The id of one event, for a problem report. */
export async function unsafeEventId(conn: DbOrTx, organizationId: string, seq: number): Promise<string | null> {
  const [row] = await conn
    .select({ id: auditEvents.id })
    .from(auditEvents)
    .where(and(eq(auditEvents.organizationId, organizationId), eq(auditEvents.seq, seq)))
    .limit(2);
  return row?.id ?? null;
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

export async function unsafeListOrganizationIds(): Promise<{ id: string; slug: string }[]> {
  return db().select({ id: organizations.id, slug: organizations.slug }).from(organizations);
}

export async function unsafeListRetentionPolicies(): Promise<{ organizationId: string; retentionDays: number | null }[]> {
  return db()
    .select({ organizationId: auditChainHeads.organizationId, retentionDays: auditChainHeads.retentionDays })
    .from(auditChainHeads)
    .where(isNotNull(auditChainHeads.retentionDays));
}
