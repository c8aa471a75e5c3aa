// scoped(actor).satisfaction (issue 13): the organization's satisfaction requests (one per resolution of a
// ticket, the single-use link's hash) and answers. Every statement carries the organization; the domain
// reads the ticket through tickets.find() first, so what a requester reaches is their visible ticket's.
import { and, desc, eq, gt, gte, isNull, lt, sql } from "drizzle-orm";
import type { Actor } from "@/auth/actor";
import type { DbOrTx } from "../client";
import { organizations, satisfactionRatings, satisfactionRequests, type SatisfactionRequest, type TSatisfactionRating, type TTicketPriority } from "../schema";

export type NewSatisfactionRequest = Omit<typeof satisfactionRequests.$inferInsert, "organizationId" | "id" | "answeredAt" | "withdrawnAt">;
export type DailySatisfaction = { day: string; good: number; bad: number };

export function satisfactionQueries(actor: Actor, conn: DbOrTx) {
  const orgId = actor.orgId;
  const reqInOrg = eq(satisfactionRequests.organizationId, orgId);
  const ratingInOrg = eq(satisfactionRatings.organizationId, orgId);
  return {
    /** The ordinal the ticket's next resolution gets (the caller holds the ticket's row lock). */
    async nextResolution(ticketId: string): Promise<number> {
      const [row] = await conn
        .select({ last: sql<number>`coalesce(max(${satisfactionRequests.resolution}), 0)::int` })
        .from(satisfactionRequests)
        .where(and(reqInOrg, eq(satisfactionRequests.ticketId, ticketId)));
      return (row?.last ?? 0) + 1;
    },

    async createRequest(values: NewSatisfactionRequest): Promise<SatisfactionRequest> {
      const [row] = await conn
        .insert(satisfactionRequests)
        .values({ ...values, organizationId: orgId })
        .returning();
      return row!;
    },

    /** A reopen: the resolutions not yet answered are no longer asked about; their links stop working. */
    async withdrawOpen(ticketId: string, at: Date): Promise<number> {
      const rows = await conn
        .update(satisfactionRequests)
        .set({ withdrawnAt: at })
        .where(and(reqInOrg, eq(satisfactionRequests.ticketId, ticketId), isNull(satisfactionRequests.answeredAt), isNull(satisfactionRequests.withdrawnAt)))
        .returning({ id: satisfactionRequests.id });
      return rows.length;
    },

    async find(id: string): Promise<SatisfactionRequest | null> {
      const [row] = await conn
        .select()
        .from(satisfactionRequests)
        .where(and(reqInOrg, eq(satisfactionRequests.id, id)))
        .limit(1);
      return row ?? null;
    },

    async findByTokenHash(tokenHash: string): Promise<SatisfactionRequest | null> {
      const [row] = await conn
        .select()
        .from(satisfactionRequests)
        .where(and(reqInOrg, eq(satisfactionRequests.tokenHash, tokenHash)))
        .limit(1);
      return row ?? null;
    },

    /** The ticket's latest request (its current or last resolution), or null when it was never resolved. */
    async latestOf(ticketId: string): Promise<SatisfactionRequest | null> {
      const [row] = await conn
        .select()
        .from(satisfactionRequests)
        .where(and(reqInOrg, eq(satisfactionRequests.ticketId, ticketId)))
        .orderBy(desc(satisfactionRequests.resolution))
        .limit(1);
      return row ?? null;
    },

    /**
     * Spends the request: one UPDATE that only an open, unexpired request passes, so of two answers at
     * once exactly one gets the row back.
     */
    async consume(id: string, at: Date): Promise<SatisfactionRequest | null> {
      const [row] = await conn
        .update(satisfactionRequests)
        .set({ answeredAt: at })
        .where(
          and(
            reqInOrg,
            eq(satisfactionRequests.id, id),
            isNull(satisfactionRequests.answeredAt),
            isNull(satisfactionRequests.withdrawnAt),
            gt(satisfactionRequests.expiresAt, at),
          ),
        )
        .returning();
      return row ?? null;
    },

    async insertRating(request: SatisfactionRequest, answer: { rating: TSatisfactionRating; comment: string | null }, at: Date) {
      const [row] = await conn
        .insert(satisfactionRatings)
        .values({
          organizationId: orgId,
          requestId: request.id,
          ticketId: request.ticketId,
          resolution: request.resolution,
          rating: answer.rating,
          comment: answer.comment,
          requesterId: request.requesterId,
          assigneeId: request.assigneeId,
          teamId: request.teamId,
          priority: request.priority,
          resolvedAt: request.resolvedAt,
          answeredAt: at,
        })
        .returning();
      return row!;
    },

    /** A ticket's answers, latest resolution first; `requesterId` keeps a requester to their own. */
    async ratingsOf(ticketId: string, opts: { requesterId?: string; beforeResolution?: number; limit: number }) {
      return conn
        .select()
        .from(satisfactionRatings)
        .where(
          and(
            ratingInOrg,
            eq(satisfactionRatings.ticketId, ticketId),
            opts.requesterId ? eq(satisfactionRatings.requesterId, opts.requesterId) : undefined,
            opts.beforeResolution ? lt(satisfactionRatings.resolution, opts.beforeResolution) : undefined,
          ),
        )
        .orderBy(desc(satisfactionRatings.resolution))
        .limit(opts.limit);
    },

    /**
     * Good and bad answers per day of the organization's time zone, for answers in [from, to); team and
     * priority are the resolution's. Walks satisfaction_ratings_org_answered_idx.
     */
    async dailyCounts(filter: { from: Date; to: Date; teamId?: string; priority?: TTicketPriority }): Promise<DailySatisfaction[]> {
      const [org] = await conn.select({ tz: organizations.defaultTimeZone }).from(organizations).where(eq(organizations.id, orgId));
      const tz = org?.tz ?? "UTC";
      const day = sql<string>`to_char(${satisfactionRatings.answeredAt} at time zone ${tz}, 'YYYY-MM-DD')`;
      const rows = await conn
        .select({
          day,
          good: sql<number>`count(*) filter (where ${satisfactionRatings.rating} = 'good')::int`,
          bad: sql<number>`count(*) filter (where ${satisfactionRatings.rating} = 'bad')::int`,
        })
        .from(satisfactionRatings)
        .where(
          and(
            ratingInOrg,
            gte(satisfactionRatings.answeredAt, filter.from),
            lt(satisfactionRatings.answeredAt, filter.to),
            filter.teamId ? eq(satisfactionRatings.teamId, filter.teamId) : undefined,
            filter.priority ? eq(satisfactionRatings.priority, filter.priority) : undefined,
          ),
        )
        // By position: the day expression carries the zone as a parameter, and a repeated one is another parameter.
        .groupBy(sql`1`)
        .orderBy(sql`1`);
      return rows;
    },
  };
}
