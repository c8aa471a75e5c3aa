// What only the database owner can do to an audit chain since migration 0011 made event times the
// database's: write events with a time of its choosing (fixtures of old events for retention, and
// backdating attacks the verifier must name), and rewrite a chain with every hash recomputed. The app's
// own writes (appendAuditEvent as helpdesk_app) always carry the database's clock; the fake clock of
// src/lib/clock does not reach them.
import type pg from "pg";
import { auditEventHash } from "@/db/audit-chain/hash";

export interface OwnerEvent {
  action?: string;
  targetType?: string;
  targetId?: string | null;
  data?: Record<string, unknown>;
}

/** Appends one correctly linked and hashed event dated `at`, straight into the tables (the owner connection has triggers off). */
export async function ownerAppendAt(owner: pg.Client, organizationId: string, at: Date, event: OwnerEvent = {}): Promise<number> {
  await owner.query("begin");
  try {
    await owner.query("insert into audit_chain_heads (organization_id) values ($1) on conflict do nothing", [organizationId]);
    const {
      rows: [head],
    } = await owner.query("select last_seq, last_hash from audit_chain_heads where organization_id = $1 for update", [organizationId]);
    const row = {
      organizationId,
      seq: Number(head.last_seq) + 1,
      actorId: null,
      action: event.action ?? "fixture",
      targetType: event.targetType ?? "test",
      targetId: event.targetId ?? null,
      data: event.data ?? {},
      ip: null,
      userAgent: null,
      createdAt: at,
      prevHash: head.last_hash as string,
    };
    const hash = auditEventHash(row);
    await owner.query(
      `insert into audit_events (organization_id, seq, action, target_type, target_id, data, created_at, prev_hash, hash)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [organizationId, row.seq, row.action, row.targetType, row.targetId, JSON.stringify(row.data), at.toISOString(), row.prevHash, hash],
    );
    await owner.query("update audit_chain_heads set last_seq = $2, last_hash = $3 where organization_id = $1", [organizationId, row.seq, hash]);
    await owner.query("commit");
    return row.seq;
  } catch (error) {
    await owner.query("rollback");
    throw error;
  }
}

export interface StoredEvent {
  seq: number;
  data: Record<string, unknown>;
  createdAt: Date;
}

/**
 * Rewrites an organization's chain from its anchor: `change` may give an event other data or another
 * time; every hash after it is recomputed and the head follows, so only what the hash cannot see (a
 * signed checkpoint, the order of the times) can still tell.
 */
export async function ownerRewriteChain(
  owner: pg.Client,
  organizationId: string,
  change: (event: StoredEvent, all: StoredEvent[]) => Partial<Pick<StoredEvent, "data" | "createdAt">>,
): Promise<void> {
  const {
    rows: [head],
  } = await owner.query("select anchor_hash from audit_chain_heads where organization_id = $1", [organizationId]);
  const { rows } = await owner.query("select * from audit_events where organization_id = $1 order by seq", [organizationId]);
  const all: StoredEvent[] = rows.map((r) => ({ seq: Number(r.seq), data: r.data, createdAt: r.created_at }));
  let prev = head.anchor_hash as string;
  for (const [i, r] of rows.entries()) {
    const changed = { ...all[i]!, ...change(all[i]!, all) };
    const hash = auditEventHash({
      organizationId,
      seq: changed.seq,
      actorId: r.actor_id,
      action: r.action,
      targetType: r.target_type,
      targetId: r.target_id,
      data: changed.data,
      ip: r.ip,
      userAgent: r.user_agent,
      createdAt: changed.createdAt,
      prevHash: prev,
    });
    await owner.query("update audit_events set data = $1, created_at = $2, prev_hash = $3, hash = $4 where id = $5", [
      JSON.stringify(changed.data),
      changed.createdAt.toISOString(),
      prev,
      hash,
      r.id,
    ]);
    prev = hash;
  }
  await owner.query("update audit_chain_heads set last_hash = $1 where organization_id = $2", [prev, organizationId]);
}
