// scoped(actor).comments: comments of a ticket the actor already read through its visibility (D4).
import { now } from "@/lib/clock";
import { and, asc, eq, gt, type SQL } from "drizzle-orm";
import { can, type Actor } from "@/auth/actor";
import type { DbOrTx } from "../client";
import { comments, type Comment } from "../schema";
import { mailContentVisible, type VisibleTicket } from "./visibility";

export function commentQueries(actor: Actor, conn: DbOrTx) {
  const orgId = actor.orgId;
  return {
    /** Internal notes are filtered here, not by callers: a requester can never receive one. */
    async list(ticket: VisibleTicket, page: { afterSeq?: number; limit: number }): Promise<Comment[]> {
      const conditions: (SQL | undefined)[] = [eq(comments.ticketId, ticket.id), eq(comments.organizationId, orgId)];
      if (!can(actor, "comments.read.internal")) conditions.push(eq(comments.internal, false));
      if (!mailContentVisible(actor)) conditions.push(eq(comments.viaEmail, false));
      if (page.afterSeq !== undefined) conditions.push(gt(comments.seq, page.afterSeq));
      return conn
        .select()
        .from(comments)
        .where(and(...conditions))
        .orderBy(asc(comments.seq))
        .limit(page.limit);
    },

    /** One comment of the ticket, under the same rule as list(): an internal note is no comment for a requester. */
    async find(ticket: VisibleTicket, id: string): Promise<Comment | null> {
      const conditions: (SQL | undefined)[] = [eq(comments.id, id), eq(comments.ticketId, ticket.id), eq(comments.organizationId, orgId)];
      if (!can(actor, "comments.read.internal")) conditions.push(eq(comments.internal, false));
      const [row] = await conn
        .select()
        .from(comments)
        .where(and(...conditions))
        .limit(1);
      return row ?? null;
    },

    /** `at`: the instant of the change it belongs to (a reply and its status change show as one moment). */
    async insert(ticket: VisibleTicket, values: { bodyMd: string; internal: boolean; viaEmail?: boolean }, at: Date = now()): Promise<Comment> {
      const [row] = await conn
        .insert(comments)
        .values({ ...values, ticketId: ticket.id, organizationId: orgId, authorId: actor.userId, createdAt: at })
        .returning();
      return row!;
    },
  };
}
