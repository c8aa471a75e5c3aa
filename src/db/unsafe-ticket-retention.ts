// Retention of closed tickets (issue 14): the ticket-retention job reads every organization's rule and
// works through each organization's expired closed tickets in batches. Crosses tenants only to list the
// organizations that have a rule; each batch then names its one organization in every statement.
//
// Exactly once under concurrency: a batch claims its tickets with FOR UPDATE SKIP LOCKED inside the
// transaction that deletes or anonymises them, so a second worker running at the same time skips them,
// and once committed they no longer match (deleted, or marked anonymised_at).
import { and, eq, inArray, isNotNull, isNull, lt, sql } from "drizzle-orm";
import type { Tx } from "./client";
import { db } from "./client";
import {
  attachments,
  comments,
  dataExports,
  inboundMails,
  notifications,
  organizations,
  satisfactionRatings,
  satisfactionRequests,
  ticketActivity,
  tickets,
} from "./schema";
import type { StoredObject } from "./scoped/erasure";
import { storedEverywhere } from "./scoped/erasure";
import { stopRunningExports } from "./scoped/exports";

export const RETENTION_REMOVED_TEXT = "[removed by retention]";

export interface RetentionRule {
  organizationId: string;
  months: number;
  action: "delete" | "anonymise";
}

/** Every organization with a retention rule. */
export async function unsafeListTicketRetentionRules(): Promise<RetentionRule[]> {
  const rows = await db()
    .select({
      organizationId: organizations.id,
      months: organizations.closedTicketRetentionMonths,
      action: organizations.closedTicketRetentionAction,
    })
    .from(organizations)
    .where(isNotNull(organizations.closedTicketRetentionMonths));
  return rows.map((r) => ({ organizationId: r.organizationId, months: r.months!, action: r.action }));
}

/**
 * One batch of one organization, in the caller's transaction: claims up to `limit` closed tickets last
 * changed before `cutoff` that no other transaction holds, and deletes or anonymises them with their
 * comments, files, raw mail, notifications and activity texts. Returns what it did and the files to
 * delete after commit.
 */
export async function unsafeApplyRetentionBatch(
  tx: Tx,
  rule: RetentionRule,
  cutoff: Date,
  limit: number,
): Promise<{ tickets: { id: string; number: number }[]; files: StoredObject[] }> {
  const org = rule.organizationId;
  const claimed = await tx
    .select({ id: tickets.id, number: tickets.number })
    .from(tickets)
    .where(and(eq(tickets.organizationId, org), eq(tickets.status, "closed"), isNull(tickets.anonymisedAt), lt(tickets.updatedAt, cutoff)))
    .orderBy(tickets.updatedAt, tickets.id)
    .limit(limit)
    .for("update", { skipLocked: true });
  if (claimed.length === 0) return { tickets: [], files: [] };
  const ids = claimed.map((t) => t.id);
  const inBatch = and(eq(attachments.organizationId, org), inArray(attachments.ticketId, ids));

  const files = (await tx.select({ key: attachments.storageKey }).from(attachments).where(inBatch)).flatMap((f) => storedEverywhere(f.key));
  // Sent mail and webhooks about them keep their delivery record, not their text (ticket_mail_messages may
  // still point at a row, so it is not deleted). Pending ones are left to be sent or to fail.
  await tx.execute(sql`
    update outbox_messages set payload = case
        when channel = 'webhook' then payload || jsonb_build_object('body', ${RETENTION_REMOVED_TEXT}::text)
        else payload
          || case when payload ? 'subject' then jsonb_build_object('subject', ${RETENTION_REMOVED_TEXT}::text) else '{}'::jsonb end
          || case when payload ? 'text' then jsonb_build_object('text', ${RETENTION_REMOVED_TEXT}::text) else '{}'::jsonb end
      end
     where organization_id = ${org}::uuid and status <> 'pending'
       and (payload->>'ticketId' = any(${sql.param(ids)}::text[])
            or (channel = 'webhook' and exists (select 1 from unnest(${sql.param(ids)}::text[]) as i where strpos(payload->>'body', i) > 0)))`);
  await tx.delete(notifications).where(and(eq(notifications.organizationId, org), inArray(notifications.ticketId, ids)));
  if (rule.action === "delete") {
    await tx.delete(inboundMails).where(and(eq(inboundMails.organizationId, org), inArray(inboundMails.ticketId, ids)));
    // A follow-up of a removed ticket stays; it no longer points at what is gone.
    await tx
      .update(tickets)
      .set({ followUpOf: null })
      .where(and(eq(tickets.organizationId, org), inArray(tickets.followUpOf, ids)));
    // Comments, attachments, activity, SLA rows, tags and mail references go with the ticket (ON DELETE CASCADE).
    await tx.delete(tickets).where(and(eq(tickets.organizationId, org), inArray(tickets.id, ids)));
  } else {
    await tx.delete(attachments).where(inBatch);
    await tx
      .update(comments)
      .set({ bodyMd: RETENTION_REMOVED_TEXT })
      .where(and(eq(comments.organizationId, org), inArray(comments.ticketId, ids)));
    // A satisfaction answer keeps its good/bad for reports; the requester's words go (issue 13's ratings).
    await tx
      .update(satisfactionRatings)
      .set({ comment: null })
      .where(and(eq(satisfactionRatings.organizationId, org), inArray(satisfactionRatings.ticketId, ids)));
    await tx
      .delete(satisfactionRequests)
      .where(and(eq(satisfactionRequests.organizationId, org), inArray(satisfactionRequests.ticketId, ids), isNull(satisfactionRequests.answeredAt)));
    await tx
      .update(ticketActivity)
      .set({ fromValue: null, toValue: null })
      .where(
        and(eq(ticketActivity.organizationId, org), inArray(ticketActivity.ticketId, ids), inArray(ticketActivity.field, ["title", "description", "comment"])),
      );
    await tx
      .update(inboundMails)
      .set({ raw: null, subject: null })
      .where(and(eq(inboundMails.organizationId, org), inArray(inboundMails.ticketId, ids)));
    await tx
      .update(tickets)
      .set({ title: sql`'Ticket #' || ${tickets.number}`, descriptionMd: RETENTION_REMOVED_TEXT, anonymisedAt: sql`now()` })
      .where(and(eq(tickets.organizationId, org), inArray(tickets.id, ids)));
  }
  return { tickets: claimed, files };
}

/**
 * Finished exports of the organization made before now: any of them may hold the tickets a retention run
 * just removed, so they go too (rows here, files after commit).
 */
export async function unsafeRemoveExportsBefore(tx: Tx, organizationId: string, before: Date): Promise<StoredObject[]> {
  const rows = await tx
    .delete(dataExports)
    .where(and(eq(dataExports.organizationId, organizationId), inArray(dataExports.status, ["done", "failed"]), lt(dataExports.createdAt, before)))
    .returning({ key: dataExports.storageKey });
  // One running now may have read the removed tickets already: it is stopped, its file not kept.
  await stopRunningExports(tx, organizationId);
  return rows.flatMap((r) => (r.key ? [{ area: "exports" as const, key: r.key }] : []));
}
