import { requirePermission, type Actor } from "@/auth/actor";
import { scoped } from "@/db/scoped";
import { decodeSeqCursor, encodeSeqCursor, toPage } from "@/domain/pagination";
import type { TListAuditQuery } from "./audit.schemas";

/** The organization's audit log, newest first; the cursor holds the last sequence number seen. */
export async function listAuditEvents(actor: Actor, query: TListAuditQuery) {
  requirePermission(actor, "audit.read");
  const rows = await scoped(actor).audit.list({ ...query, cursor: decodeSeqCursor(query.cursor) }, query.limit + 1);
  return toPage(
    rows,
    query.limit,
    (e) => ({
      id: e.id,
      seq: e.seq,
      action: e.action,
      actorId: e.actorId,
      targetType: e.targetType,
      targetId: e.targetId,
      data: e.data,
      ip: e.ip,
      userAgent: e.userAgent,
      createdAt: e.createdAt.toISOString(),
      hash: e.hash,
    }),
    (e) => encodeSeqCursor(e.seq),
  );
}
