// scoped(actor).inboundMail (issue 12): the organization's received mail (raw, for audit), what became
// of each, and the mails held for review. Storing is idempotent on (organization, Message-ID): the unique
// index decides, so two deliveries of one mail racing each other store one row.
import { and, desc, eq, gte, sql, type SQL } from "drizzle-orm";
import type { Actor } from "@/auth/actor";
import { now } from "@/lib/clock";
import type { DbOrTx } from "../client";
import { heldMails, inboundMails, type HeldMail, type InboundMail, type TInboundSource, type TInboundStatus, type THeldReason } from "../schema";

export interface InboundInput {
  mailboxId: string | null;
  source: TInboundSource;
  messageId: string;
  fromAddress: string | null;
  subject: string | null;
  envelopeFrom: string | null;
  envelopeTo: string[] | null;
  remoteIp: string | null;
  helo: string | null;
  raw: Buffer;
  sha256: string;
}

export type InboundOutcome = {
  status: Exclude<TInboundStatus, "pending" | "processing">;
  outcome: string;
  ticketId?: string | null;
  commentId?: string | null;
  authResults?: Record<string, unknown> | null;
};

export function inboundMailQueries(actor: Actor, conn: DbOrTx) {
  const orgId = actor.orgId;
  const mine = (id: string) => and(eq(inboundMails.id, id), eq(inboundMails.organizationId, orgId));
  /** A held mail of this organization that nobody has decided yet. */
  const stillHeld = (id: string) => and(eq(heldMails.id, id), eq(heldMails.organizationId, orgId), eq(heldMails.status, "held"));
  return {
    /** The new row's id, or null when this organization already has the Message-ID (a duplicate). */
    async store(input: InboundInput): Promise<string | null> {
      const [row] = await conn
        .insert(inboundMails)
        .values({
          ...input,
          fromAddress: input.fromAddress?.slice(0, 254) ?? null,
          subject: input.subject?.slice(0, 300) ?? null,
          sizeBytes: input.raw.length,
          organizationId: orgId,
          receivedAt: now(),
        })
        .onConflictDoNothing({ target: [inboundMails.organizationId, inboundMails.messageId] })
        .returning({ id: inboundMails.id });
      return row?.id ?? null;
    },

    async find(id: string): Promise<InboundMail | null> {
      const [row] = await conn.select().from(inboundMails).where(mine(id)).limit(1);
      return row ?? null;
    },

    async byMessageId(messageId: string): Promise<InboundMail | null> {
      const [row] = await conn
        .select()
        .from(inboundMails)
        .where(and(eq(inboundMails.organizationId, orgId), eq(inboundMails.messageId, messageId)))
        .limit(1);
      return row ?? null;
    },

    /** Links the ticket/comment it became while still processing (inside that write's transaction). */
    async link(id: string, link: { ticketId: string; commentId: string | null }): Promise<boolean> {
      const rows = await conn
        .update(inboundMails)
        .set(link)
        .where(and(mine(id), eq(inboundMails.status, "processing"), sql`${inboundMails.ticketId} is null`))
        .returning({ id: inboundMails.id });
      return rows.length > 0;
    },

    async finish(id: string, result: InboundOutcome): Promise<void> {
      await conn
        .update(inboundMails)
        .set({
          status: result.status,
          outcome: result.outcome.slice(0, 500),
          ...(result.ticketId !== undefined ? { ticketId: result.ticketId } : {}),
          ...(result.commentId !== undefined ? { commentId: result.commentId } : {}),
          ...(result.authResults !== undefined ? { authResults: result.authResults } : {}),
          processedAt: now(),
          leasedUntil: null,
        })
        .where(mine(id));
    },

    /** A held mail an agent accepted goes back to the queue; the job then skips the checks that held it. */
    async requeue(id: string): Promise<void> {
      await conn.update(inboundMails).set({ status: "pending", leasedUntil: null }).where(mine(id));
    },

    /** Mails from this address received since `since` (the loop limit), this one excluded. */
    async countFromSince(address: string, since: Date, exceptId: string): Promise<number> {
      const [row] = await conn
        .select({ n: sql<number>`count(*)::int` })
        .from(inboundMails)
        .where(
          and(
            eq(inboundMails.organizationId, orgId),
            sql`lower(${inboundMails.fromAddress}) = ${address.toLowerCase()}`,
            gte(inboundMails.receivedAt, since),
            sql`${inboundMails.id} <> ${exceptId}`,
            sql`${inboundMails.status} in ('done', 'processing', 'held')`,
          ),
        );
      return row?.n ?? 0;
    },

    async hold(inbound: InboundMail, reason: THeldReason, reasonText: string): Promise<void> {
      await conn
        .insert(heldMails)
        .values({
          organizationId: orgId,
          inboundMailId: inbound.id,
          reason,
          reasonText: reasonText.slice(0, 500),
          fromAddress: inbound.fromAddress,
          subject: inbound.subject,
          createdAt: now(),
        })
        .onConflictDoNothing({ target: heldMails.inboundMailId });
    },

    async listHeld(filter: { status?: HeldMail["status"]; before?: { createdAt: Date; id: string } }, limit: number): Promise<HeldMail[]> {
      const conditions: (SQL | undefined)[] = [eq(heldMails.organizationId, orgId), filter.status ? eq(heldMails.status, filter.status) : undefined];
      if (filter.before) {
        conditions.push(sql`(${heldMails.createdAt}, ${heldMails.id}) < (${filter.before.createdAt.toISOString()}::timestamptz, ${filter.before.id}::uuid)`);
      }
      return conn
        .select()
        .from(heldMails)
        .where(and(...conditions))
        .orderBy(desc(heldMails.createdAt), desc(heldMails.id))
        .limit(limit);
    },

    /** A mail still held in this organization, or null. */
    async findHeld(id: string): Promise<HeldMail | null> {
      const [row] = await conn.select().from(heldMails).where(stillHeld(id)).limit(1);
      return row ?? null;
    },

    /** Decides a held mail once: null when it is not (or no longer) held in this organization. */
    async decideHeld(id: string, status: "accepted" | "dropped"): Promise<HeldMail | null> {
      const [row] = await conn.update(heldMails).set({ status, decidedBy: actor.userId, decidedAt: now() }).where(stillHeld(id)).returning();
      return row ?? null;
    },

    /** A held mail of this organization (any decision) with the received mail it holds, for review. */
    async heldWithMail(id: string): Promise<{ held: HeldMail; mail: InboundMail } | null> {
      const [row] = await conn
        .select({ held: heldMails, mail: inboundMails })
        .from(heldMails)
        .innerJoin(inboundMails, and(eq(inboundMails.id, heldMails.inboundMailId), eq(inboundMails.organizationId, orgId)))
        .where(and(eq(heldMails.id, id), eq(heldMails.organizationId, orgId)))
        .limit(1);
      return row ?? null;
    },

    async heldFor(inboundMailId: string): Promise<HeldMail | null> {
      const [row] = await conn
        .select()
        .from(heldMails)
        .where(and(eq(heldMails.inboundMailId, inboundMailId), eq(heldMails.organizationId, orgId)))
        .limit(1);
      return row ?? null;
    },
  };
}
