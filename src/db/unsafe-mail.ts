// Crosses tenants on purpose (DESIGN.md rule 2), for inbound mail (issue 12). Each function says why;
// what it returns is then handled through scoped() with the row's own organization.
import { and, asc, eq, inArray, isNotNull, lt, ne, or, sql } from "drizzle-orm";
import { rolesWith } from "@/auth/permissions";
import { db } from "./client";
import { inboundMails, mailboxes, users } from "./schema";

/**
 * The SMTP listener knows only a recipient address, not an organization: the one active mailbox with
 * that address (unique across tenants) names it.
 */
export async function unsafeMailboxByAddress(address: string): Promise<{ mailboxId: string; organizationId: string } | null> {
  const [row] = await db()
    .select({ mailboxId: mailboxes.id, organizationId: mailboxes.organizationId })
    .from(mailboxes)
    .where(and(sql`lower(${mailboxes.address}) = ${address.trim().toLowerCase()}`, eq(mailboxes.active, true)))
    .limit(1);
  return row ?? null;
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

/** Retention (S12-style, issue 12): raw bytes of every organization's old mail, emptied; held mail waits. */
export async function unsafePruneRawMail(before: Date, at: Date): Promise<number> {
  const rows = await db()
    .update(inboundMails)
    .set({ raw: null, rawPrunedAt: at })
    .where(and(lt(inboundMails.receivedAt, before), sql`${inboundMails.rawPrunedAt} is null`, sql`${inboundMails.status} <> 'held'`))
    .returning({ id: inboundMails.id });
  return rows.length;
}
