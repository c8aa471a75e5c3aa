// scoped(actor).attachments (S11). Visible = on a ticket the actor can see, not internal unless the actor
// reads internal notes, and `clean`; the uploader also sees their own `pending_scan` rows (never served).
// Staff's ticket listing also names the rest with their scan state (waiting, quarantined: issue 11), but
// find() — the only way to a download — still returns clean rows only.
import { and, asc, eq, gt, inArray, isNull, lte, or, sql, type SQL } from "drizzle-orm";
import { can, type Actor } from "@/auth/actor";
import { now } from "@/lib/clock";
import type { DbOrTx } from "../client";
import { comments, tickets, type Comment } from "../schema";
import { attachmentDownloadTokens, attachments, type Attachment, type NewAttachment } from "../schema/attachments";
import { mailContentVisible, ticketVisibility, type VisibleTicket } from "./visibility";

/** Which attachment rows the actor may see on a visible ticket (S11): clean, internal only for staff. */
function attachmentVisibilityFor(actor: Actor, includeOwnPending: boolean): SQL {
  const servable = includeOwnPending
    ? (or(eq(attachments.status, "clean"), and(eq(attachments.status, "pending_scan"), eq(attachments.uploaderId, actor.userId))) as SQL)
    : eq(attachments.status, "clean");
  if (can(actor, "attachments.read.internal")) return servable;
  return and(servable, eq(attachments.internal, false), mailContentVisible(actor) ? undefined : notFromMail) as SQL;
}

/** Files of a reply that came in by e-mail (issue 12): hidden like the reply from unproven addresses. */
const notFromMail = sql`not exists (select 1 from ${comments} where ${comments.id} = ${attachments.commentId} and ${comments.viaEmail})`;

/** Every scan state, but internal attachments only for those who read internal notes. */
function internalVisibilityFor(actor: Actor): SQL | undefined {
  return can(actor, "attachments.read.internal") ? undefined : eq(attachments.internal, false);
}

/** What a ticket's attachment list shows the actor: staff every scan state, others what they may download or await. */
function listedFor(actor: Actor): SQL | undefined {
  return can(actor, "attachments.read.scan_state") ? internalVisibilityFor(actor) : attachmentVisibilityFor(actor, true);
}

export function attachmentQueries(actor: Actor, conn: DbOrTx) {
  const orgId = actor.orgId;
  return {
    async insert(ticket: VisibleTicket, values: Omit<NewAttachment, "id" | "organizationId" | "ticketId" | "uploaderId">): Promise<Attachment> {
      const [row] = await conn
        .insert(attachments)
        .values({ ...values, ticketId: ticket.id, organizationId: orgId, uploaderId: actor.userId, createdAt: now(), updatedAt: now() })
        .returning();
      return row!;
    },

    /** Files that count against the per-ticket cap: clean and still waiting for a scan. */
    async countActive(ticket: VisibleTicket): Promise<number> {
      const [row] = await conn
        .select({ n: sql<number>`count(*)::int` })
        .from(attachments)
        .where(and(eq(attachments.ticketId, ticket.id), eq(attachments.organizationId, orgId), inArray(attachments.status, ["clean", "pending_scan"])));
      return row?.n ?? 0;
    },

    /** The actor's own comment on this ticket (internal notes only for staff): what an upload may attach to. */
    async findOwnComment(ticket: VisibleTicket, commentId: string): Promise<Comment | null> {
      const conditions: (SQL | undefined)[] = [
        eq(comments.id, commentId),
        eq(comments.ticketId, ticket.id),
        eq(comments.organizationId, orgId),
        eq(comments.authorId, actor.userId),
      ];
      if (!can(actor, "attachments.read.internal")) conditions.push(eq(comments.internal, false));
      const [row] = await conn
        .select()
        .from(comments)
        .where(and(...conditions))
        .limit(1);
      return row ?? null;
    },

    async find(id: string, opts: { includeOwnPending?: boolean } = {}): Promise<Attachment | null> {
      const [row] = await conn
        .select({ a: attachments })
        .from(attachments)
        .innerJoin(tickets, and(eq(tickets.id, attachments.ticketId), eq(tickets.organizationId, attachments.organizationId)))
        .where(
          and(
            eq(attachments.id, id),
            eq(attachments.organizationId, orgId),
            ticketVisibility(actor),
            attachmentVisibilityFor(actor, opts.includeOwnPending ?? false),
          ),
        )
        .limit(1);
      return row?.a ?? null;
    },

    async listForTicket(ticket: VisibleTicket, limit: number): Promise<Attachment[]> {
      return (
        conn
          .select()
          .from(attachments)
          .where(and(eq(attachments.ticketId, ticket.id), eq(attachments.organizationId, orgId), listedFor(actor)))
          // Files that count (clean, waiting) first: a pile of quarantined uploads cannot push them off the list.
          .orderBy(sql`${attachments.status} in ('infected', 'failed')`, asc(attachments.createdAt), asc(attachments.id))
          .limit(limit)
      );
    },

    /** One attachment of the ticket if listForTicket() would list it for the actor (the live stream's re-read). */
    async findListed(ticket: VisibleTicket, id: string): Promise<Attachment | null> {
      const [row] = await conn
        .select()
        .from(attachments)
        .where(and(eq(attachments.id, id), eq(attachments.ticketId, ticket.id), eq(attachments.organizationId, orgId), listedFor(actor)))
        .limit(1);
      return row ?? null;
    },

    /** Records a scan verdict on a row still pending; null when another run got there first. */
    async markScanned(id: string, patch: Pick<NewAttachment, "status" | "scanResult" | "scannedAt" | "scanAttempts">): Promise<Attachment | null> {
      const [row] = await conn
        .update(attachments)
        .set({ ...patch, updatedAt: now() })
        .where(and(eq(attachments.id, id), eq(attachments.organizationId, orgId), eq(attachments.status, "pending_scan")))
        .returning();
      return row ?? null;
    },

    async createDownloadToken(attachment: Attachment, tokenHash: string, expiresAt: Date): Promise<void> {
      await conn
        .insert(attachmentDownloadTokens)
        .values({ tokenHash, attachmentId: attachment.id, organizationId: orgId, userId: actor.userId, expiresAt, createdAt: now() });
    },

    /**
     * Uses a token once: only the user it was issued to, in its organization, before it expires. The
     * single UPDATE makes a concurrent second use lose. On refusal, says why (for the message only).
     */
    async consumeDownloadToken(tokenHash: string): Promise<{ attachmentId: string } | { refused: "unknown" | "used" | "expired" }> {
      const at = now();
      const mine = and(
        eq(attachmentDownloadTokens.tokenHash, tokenHash),
        eq(attachmentDownloadTokens.organizationId, orgId),
        eq(attachmentDownloadTokens.userId, actor.userId),
      );
      const [used] = await conn
        .update(attachmentDownloadTokens)
        .set({ usedAt: at })
        .where(and(mine, isNull(attachmentDownloadTokens.usedAt), gt(attachmentDownloadTokens.expiresAt, at)))
        .returning({ attachmentId: attachmentDownloadTokens.attachmentId });
      if (used) return used;
      const [row] = await conn.select({ usedAt: attachmentDownloadTokens.usedAt }).from(attachmentDownloadTokens).where(mine).limit(1);
      if (!row) return { refused: "unknown" };
      return { refused: row.usedAt ? "used" : "expired" };
    },

    /** Housekeeping: this organization's tokens that can no longer be used. */
    async deleteDeadTokens(): Promise<number> {
      const rows = await conn
        .delete(attachmentDownloadTokens)
        .where(
          and(
            eq(attachmentDownloadTokens.organizationId, orgId),
            or(lte(attachmentDownloadTokens.expiresAt, now()), sql`${attachmentDownloadTokens.usedAt} is not null`),
          ),
        )
        .returning({ h: attachmentDownloadTokens.tokenHash });
      return rows.length;
    },
  };
}
