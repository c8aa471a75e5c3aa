// scoped(actor).mailMessages: the Message-IDs of a ticket's e-mail conversation (issue 12), both
// directions, in the actor's organization only. Outbound replies read the thread to chain
// In-Reply-To/References; inbound mail finds its ticket by the ids it answers and records itself once.
import { and, asc, desc, eq, inArray } from "drizzle-orm";
import type { Actor } from "@/auth/actor";
import type { DbOrTx } from "../client";
import { ticketMailMessages, type TicketMailMessage, type TMailDirection } from "../schema";
import type { VisibleTicket } from "./visibility";

/** How many of the latest Message-IDs a References header carries after the first (RFC 5322 3.6.4). */
const REFERENCES_TAIL = 19;

export interface MailMessageInput {
  messageId: string;
  direction: TMailDirection;
  commentId?: string | null;
  outboxMessageId?: string | null;
}

export function mailMessageQueries(actor: Actor, conn: DbOrTx) {
  const orgId = actor.orgId;
  const ofOrg = eq(ticketMailMessages.organizationId, orgId);
  return {
    /**
     * Records one mail of the ticket. False when this organization already has that Message-ID (the same
     * mail delivered twice): the caller then does nothing more with it.
     */
    async record(ticket: VisibleTicket, input: MailMessageInput): Promise<boolean> {
      const rows = await conn
        .insert(ticketMailMessages)
        .values({ ...input, organizationId: orgId, ticketId: ticket.id })
        .onConflictDoNothing({ target: [ticketMailMessages.organizationId, ticketMailMessages.messageId] })
        .returning({ id: ticketMailMessages.id });
      return rows.length > 0;
    },

    /** The ticket's Message-IDs for a References header: the first and the latest ones, oldest first. */
    async thread(ticket: VisibleTicket): Promise<string[]> {
      const where = and(ofOrg, eq(ticketMailMessages.ticketId, ticket.id));
      const cols = { messageId: ticketMailMessages.messageId, id: ticketMailMessages.id };
      const [first, latest] = await Promise.all([
        conn.select(cols).from(ticketMailMessages).where(where).orderBy(asc(ticketMailMessages.createdAt), asc(ticketMailMessages.id)).limit(1),
        conn.select(cols).from(ticketMailMessages).where(where).orderBy(desc(ticketMailMessages.createdAt), desc(ticketMailMessages.id)).limit(REFERENCES_TAIL),
      ]);
      const ordered = [...first, ...latest.reverse()];
      return [...new Set(ordered.map((r) => r.messageId))];
    },

    /** The ticket of the most recent of these Message-IDs in this organization (inbound threading by headers). */
    async ticketIdOf(messageIds: string[]): Promise<string | null> {
      if (messageIds.length === 0) return null;
      const [row] = await conn
        .select({ ticketId: ticketMailMessages.ticketId })
        .from(ticketMailMessages)
        .where(and(ofOrg, inArray(ticketMailMessages.messageId, messageIds.slice(0, 100))))
        .orderBy(desc(ticketMailMessages.createdAt))
        .limit(1);
      return row?.ticketId ?? null;
    },

    async byMessageId(messageId: string): Promise<TicketMailMessage | null> {
      const [row] = await conn
        .select()
        .from(ticketMailMessages)
        .where(and(ofOrg, eq(ticketMailMessages.messageId, messageId)))
        .limit(1);
      return row ?? null;
    },

    async ofComment(commentId: string): Promise<TicketMailMessage[]> {
      return conn
        .select()
        .from(ticketMailMessages)
        .where(and(ofOrg, eq(ticketMailMessages.commentId, commentId)));
    },
  };
}
