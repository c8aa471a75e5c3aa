// scoped(actor).mailDomains (issue 12 follow-up): the domains this organization tried to prove by DNS, and
// whether each is verified now. Whether a domain is verified by ANOTHER organization is not a question
// this section can ask: that is unsafe-mail.ts, used by the verification alone.
import { and, asc, eq, inArray, isNotNull, sql } from "drizzle-orm";
import type { Actor } from "@/auth/actor";
import { now } from "@/lib/clock";
import type { DbOrTx } from "../client";
import { type MailDomain, mailDomains } from "../schema";

export function mailDomainQueries(actor: Actor, conn: DbOrTx) {
  const orgId = actor.orgId;
  const mine = (domain: string) => and(eq(mailDomains.organizationId, orgId), eq(mailDomains.domain, domain));
  return {
    async list(limit: number): Promise<MailDomain[]> {
      return conn.select().from(mailDomains).where(eq(mailDomains.organizationId, orgId)).orderBy(asc(mailDomains.domain)).limit(limit);
    },
    async find(domain: string): Promise<MailDomain | null> {
      const [row] = await conn.select().from(mailDomains).where(mine(domain)).limit(1);
      return row ?? null;
    },
    /** Which of `domains` (ASCII) this organization has verified. */
    async verifiedAmong(domains: string[]): Promise<string[]> {
      if (domains.length === 0) return [];
      const rows = await conn
        .select({ domain: mailDomains.domain })
        .from(mailDomains)
        .where(and(eq(mailDomains.organizationId, orgId), inArray(mailDomains.domain, domains), isNotNull(mailDomains.verifiedAt)));
      return rows.map((r) => r.domain);
    },
    /**
     * The result of a check: `verified` true sets verifiedAt (an already verified domain keeps its first
     * time), false clears it, null (the lookup failed) leaves it as it was.
     */
    async recordCheck(domain: string, result: { verified: boolean | null; message: string }): Promise<MailDomain> {
      const at = now();
      const values = { lastCheckedAt: at, lastCheckMessage: result.message.slice(0, 500), updatedAt: at };
      const verifiedAt =
        result.verified === null ? {} : { verifiedAt: result.verified ? sql`coalesce(${mailDomains.verifiedAt}, ${at.toISOString()}::timestamptz)` : null };
      const [row] = await conn
        .insert(mailDomains)
        .values({ organizationId: orgId, domain, ...values, verifiedAt: result.verified ? at : null, createdAt: at })
        .onConflictDoUpdate({ target: [mailDomains.organizationId, mailDomains.domain], set: { ...values, ...verifiedAt } })
        .returning();
      return row!;
    },
  };
}
