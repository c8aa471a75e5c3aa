// Crosses tenants on purpose (DESIGN.md rule 2), for inbound mail (issue 12). Each function says why;
// what it returns is then handled through scoped() with the row's own organization.
import { and, asc, eq, exists, inArray, isNotNull, like, lt, ne, or, sql } from "drizzle-orm";
import { rolesWith } from "@/auth/permissions";
import { db, type DbOrTx, type Tx } from "./client";
import { inboundMails, mailboxes, mailDomains, users } from "./schema";

/**
 * The SMTP listener knows only a recipient address, not an organization: the active mailbox with that
 * address whose organization has verified its domain or a parent of it (`domains`: the address's domain
 * and its parents, ASCII). Two organizations may list one address; only the one that proved the domain
 * gets its mail, and at most one organization holds a domain (or an overlapping one) verified.
 */
export async function unsafeMailboxByAddress(address: string, domains: string[]): Promise<{ mailboxId: string; organizationId: string } | null> {
  if (domains.length === 0) return null;
  const [row] = await db()
    .select({ mailboxId: mailboxes.id, organizationId: mailboxes.organizationId })
    .from(mailboxes)
    .where(
      and(
        sql`lower(${mailboxes.address}) = ${address.trim().toLowerCase()}`,
        eq(mailboxes.active, true),
        exists(
          db()
            .select({ one: sql`1` })
            .from(mailDomains)
            .where(and(eq(mailDomains.organizationId, mailboxes.organizationId), inArray(mailDomains.domain, domains), isNotNull(mailDomains.verifiedAt))),
        ),
      ),
    )
    .orderBy(asc(mailboxes.createdAt))
    .limit(1);
  return row ?? null;
}

/**
 * Domain verification crosses tenants by nature: a domain verified by one organization cannot be verified
 * by another. Verifications take this lock (for their transaction) so two of them never both see "free".
 */
export async function unsafeLockDomainVerification(tx: Tx): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext('helpdesk:mail-domain-verification'))`);
}

/**
 * Other organizations' verified domains that overlap `domain` (ASCII): the same one, one above it
 * (`parents`) or one below it — any of them would route some of the same addresses. Only the
 * verification asks, and only after the caller proved its own record.
 */
export async function unsafeVerifiedOverlapping(
  organizationId: string,
  domain: string,
  parents: string[],
  conn: DbOrTx = db(),
): Promise<{ organizationId: string; domain: string }[]> {
  return conn
    .select({ organizationId: mailDomains.organizationId, domain: mailDomains.domain })
    .from(mailDomains)
    .where(
      and(
        ne(mailDomains.organizationId, organizationId),
        isNotNull(mailDomains.verifiedAt),
        or(inArray(mailDomains.domain, [domain, ...parents]), like(mailDomains.domain, `%.${domain}`)),
      ),
    );
}

/**
 * The daily re-check visits every organization's verified domains (or those of the organizations given),
 * the longest unchecked first.
 */
export async function unsafeVerifiedDomains(opts: { organizationIds?: string[] } = {}): Promise<{ organizationId: string; domain: string }[]> {
  return db()
    .select({ organizationId: mailDomains.organizationId, domain: mailDomains.domain })
    .from(mailDomains)
    .where(and(isNotNull(mailDomains.verifiedAt), opts.organizationIds ? inArray(mailDomains.organizationId, opts.organizationIds) : undefined))
    .orderBy(asc(mailDomains.lastCheckedAt));
}

/**
 * Whether a staff account (a role that reads every ticket) of ANOTHER organization has an address in one of `domains`
 * (lower case, each spelling the caller wants matched): a mailbox in such a domain would take that
 * organization's mail (attack pass b, B1). Only accounts that accepted their invite count — a pending
 * invite proves nothing, and would let any admin fence off a domain by inviting a made-up agent there.
 * Answers only yes or no; the caller turns it into the one refusal that names no organization.
 */
export async function unsafeStaffDomainElsewhere(organizationId: string, domains: string[]): Promise<boolean> {
  if (domains.length === 0) return false;
  const [row] = await db()
    .select({ id: users.id })
    .from(users)
    .where(
      and(
        ne(users.organizationId, organizationId),
        inArray(users.role, rolesWith("tickets.read.all")),
        eq(users.invitePending, false),
        inArray(sql`rtrim(lower(substring(${users.email} from '@([^@]*)$')), '.')`, domains),
      ),
    )
    .limit(1);
  return row !== undefined;
}

/** The poll job visits every organization's active IMAP mailboxes. */
export async function unsafeImapMailboxes(): Promise<{ id: string; organizationId: string }[]> {
  return db()
    .select({ id: mailboxes.id, organizationId: mailboxes.organizationId })
    .from(mailboxes)
    .where(and(eq(mailboxes.active, true), isNotNull(mailboxes.imapHost)))
    .orderBy(asc(mailboxes.lastPollAt));
}

/**
 * The ingest job takes the oldest waiting mail of any organization (or the one it was sent for), or one
 * whose worker's lease ran out, and leases it: concurrent workers never take the same row (SKIP LOCKED).
 */
export async function unsafeClaimInbound(at: Date, leaseMs: number, opts: { id?: string; organizationId?: string } = {}) {
  const claimable = or(eq(inboundMails.status, "pending"), and(eq(inboundMails.status, "processing"), lt(inboundMails.leasedUntil, at)));
  const pick = db()
    .select({ id: inboundMails.id })
    .from(inboundMails)
    .where(
      and(
        claimable,
        opts.id ? eq(inboundMails.id, opts.id) : undefined,
        opts.organizationId ? eq(inboundMails.organizationId, opts.organizationId) : undefined,
      ),
    )
    .orderBy(asc(inboundMails.receivedAt))
    .limit(1)
    .for("update", { skipLocked: true });
  const [row] = await db()
    .update(inboundMails)
    .set({ status: "processing", leasedUntil: new Date(at.getTime() + leaseMs), attempts: sql`${inboundMails.attempts} + 1` })
    .where(sql`${inboundMails.id} = (${pick})`)
    .returning({ id: inboundMails.id, organizationId: inboundMails.organizationId });
  return row ?? null;
}

/**
 * Attempts that never verified are forgotten a while after their last check (the daily re-check), so typos
 * do not fill an organization's list for good; verified domains stay.
 */
export async function unsafePruneUnverifiedDomains(before: Date, opts: { organizationIds?: string[] } = {}): Promise<number> {
  const rows = await db()
    .delete(mailDomains)
    .where(
      and(
        sql`${mailDomains.verifiedAt} is null`,
        lt(sql`coalesce(${mailDomains.lastCheckedAt}, ${mailDomains.createdAt})`, before),
        opts.organizationIds ? inArray(mailDomains.organizationId, opts.organizationIds) : undefined,
      ),
    )
    .returning({ id: mailDomains.id });
  return rows.length;
}

/** Retention (S12-style, issue 12): raw bytes of every organization's old mail, emptied; held mail waits. */
export async function unsafePruneRawMail(before: Date, at: Date): Promise<number> {
  const rows = await db()
    .update(inboundMails)
    .set({ raw: null, rawPrunedAt: at })
    .where(and(lt(inboundMails.receivedAt, before), sql`${inboundMails.rawPrunedAt} is null`, sql`${inboundMails.status} <> 'held'`))
    .returning({ id: inboundMails.id });
  return rows.length;
}
