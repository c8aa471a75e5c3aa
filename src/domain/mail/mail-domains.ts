// Mailbox domains proven by DNS (issue 12 follow-up; attack pass b: an organization listed
// support@<a domain it does not own> and the SMTP listener routed that domain's mail to it). The admin
// publishes a TXT record `_helpdesk-verification.<domain>` = `helpdesk-verification=<HMAC of the
// organization and the domain>` and presses "Verify domain"; only then does the listener route the
// organization's mailbox addresses in that domain (or under it). IMAP mailboxes need none of this: the
// poller reads a mailbox with its own credentials, which prove access.
//
// One organization per domain. Two organizations may both manage to publish a record for one domain (a
// shared provider domain, a domain that changed hands, a careless DNS admin): the first to verify keeps
// it, and a second verification of that domain — or of one above or below it, which would route some of
// the same addresses — is refused with the one "cannot be used" answer mailbox claims use. Unless the
// first organization's record is gone: the second attempt re-checks it, and a record no longer there
// unverifies the first (audited in its trail), so a domain that changed hands moves with its DNS, not
// with whoever came first. The daily re-check (recheck-mail-domains.ts) does the same without a second
// organization asking.
import { requirePermission, type Actor } from "@/auth/actor";
import { systemActor } from "@/auth/system-actor";
import { db } from "@/db/client";
import type { MailDomain } from "@/db/schema";
import { inTenantTransaction, scoped } from "@/db/scoped";
import { isUniqueViolation } from "@/db/unique-violation";
import { unsafeLockDomainVerification, unsafeVerifiedOverlapping } from "@/db/unsafe-mail";
import { InvalidField } from "@/lib/errors";
import { type RecordCheck, checkDomainRecord } from "./check-domain-record";
import { addressDomain, asciiDomain, displayDomain, domainAndParents, verificationRecord } from "./mail-domain";
import { ADDRESS_NOT_CLAIMABLE } from "./mailbox-address";
import { MAILBOXES_MAX } from "./mailboxes";
import type { TVerifyMailDomain } from "./mail.schemas";
import { inReplyDomain } from "./reply-address";

/** A bound on the domains one organization keeps rows for (each is re-checked daily). */
export const MAIL_DOMAINS_MAX = 50;

/** The same words as every refused mailbox claim: it names no organization and no reason. */
const domainNotClaimable = () => InvalidField("domain", ADDRESS_NOT_CLAIMABLE);

export type MailDomainState = "verified" | "waiting";

export function toMailDomainDto(orgId: string, domain: string, row: MailDomain | null, addresses: string[]) {
  const record = verificationRecord(orgId, domain);
  const verified = Boolean(row?.verifiedAt);
  return {
    domain,
    displayName: displayDomain(domain),
    record: { type: "TXT" as const, name: record.name, value: record.value },
    state: (verified ? "verified" : "waiting") as MailDomainState,
    verifiedAt: row?.verifiedAt?.toISOString() ?? null,
    lastCheck: row?.lastCheckedAt ? { at: row.lastCheckedAt.toISOString(), message: row.lastCheckMessage } : null,
    /** The organization's mailbox addresses in this domain or under it. */
    addresses,
  };
}

const inDomain = (address: string, domain: string) => {
  const d = addressDomain(address);
  return d !== null && (d === domain || d.endsWith(`.${domain}`));
};

/** The organization's verified and tried domains, and each mailbox domain no verified one covers yet. */
export async function listMailDomains(actor: Actor) {
  requirePermission(actor, "mail.manage");
  const s = scoped(actor);
  const [rows, boxes] = await Promise.all([s.mailDomains.list(MAIL_DOMAINS_MAX), s.mailboxes.list(MAILBOXES_MAX)]);
  const addresses = boxes.map((b) => b.address.toLowerCase());
  const verified = rows.filter((r) => r.verifiedAt).map((r) => r.domain);
  const byDomain = new Map<string, MailDomain | null>(rows.map((r) => [r.domain, r]));
  for (const a of addresses) {
    const d = addressDomain(a);
    if (d && !byDomain.has(d) && !domainAndParents(d).some((p) => verified.includes(p))) byDomain.set(d, null);
  }
  const items = [...byDomain.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([domain, row]) =>
      toMailDomainDto(
        actor.orgId,
        domain,
        row,
        addresses.filter((a) => inDomain(a, domain)),
      ),
    );
  return { items, nextCursor: null };
}

async function addressesIn(actor: Actor, domain: string): Promise<string[]> {
  return (await scoped(actor).mailboxes.list(MAILBOXES_MAX)).map((b) => b.address.toLowerCase()).filter((a) => inDomain(a, domain));
}

/** Records a check's result in the organization's rows and trail; a verified domain whose record is gone is unverified. */
async function recordCheck(actor: Actor, domain: string, check: RecordCheck, note?: string) {
  return inTenantTransaction(actor, async (s) => {
    const before = await s.mailDomains.find(domain);
    if (!before && (await s.mailDomains.list(MAIL_DOMAINS_MAX)).length >= MAIL_DOMAINS_MAX) {
      throw InvalidField(
        "domain",
        `is one too many: an organization keeps at most ${MAIL_DOMAINS_MAX} domains (unverified ones are forgotten 30 days after their last check)`,
      );
    }
    const row = await s.mailDomains.recordCheck(domain, { verified: check.outcome === "absent" ? false : null, message: note ?? check.message });
    const unverified = Boolean(before?.verifiedAt) && !row.verifiedAt;
    await s.audit.record({
      action: unverified ? "mail_domain.unverified" : "mail_domain.verify_failed",
      targetType: "mail_domain",
      targetId: domain,
      data: { domain, outcome: check.outcome, message: note ?? check.message },
    });
    return row;
  });
}

/**
 * Another organization's overlapping verification whose record is gone loses it, in its own trail (the
 * event names no one: the other organization learns only that its record was no longer there).
 */
async function releaseIfGone(other: { organizationId: string; domain: string }) {
  const check = await checkDomainRecord(other.organizationId, other.domain);
  if (check.outcome !== "absent") return;
  await recordCheck(systemActor(other.organizationId, "mail-domain-check"), other.domain, check, `No longer verified. ${check.message}`);
}

export async function verifyMailDomain(actor: Actor, input: TVerifyMailDomain) {
  requirePermission(actor, "mail.manage");
  const domain = asciiDomain(input.domain);
  if (!domain) throw InvalidField("domain", "must be a domain name, e.g. example.com");
  // The shared reply domain belongs to the helpdesk itself (mailbox-address.ts refuses it for mailboxes).
  if (inReplyDomain(domain)) throw domainNotClaimable();

  const check = await checkDomainRecord(actor.orgId, domain);
  if (check.outcome !== "present") {
    const row = await recordCheck(actor, domain, check);
    return toMailDomainDto(actor.orgId, domain, row, await addressesIn(actor, domain));
  }

  const parents = domainAndParents(domain).slice(1);
  // Re-check the holders before taking the lock: DNS lookups are slow, the lock is global.
  for (const other of await unsafeVerifiedOverlapping(actor.orgId, domain, parents)) await releaseIfGone(other);

  let row: MailDomain | null = null;
  try {
    row = await db().transaction(async (tx) => {
      await unsafeLockDomainVerification(tx);
      // Under the lock: a verification racing this one has either committed (and is seen here) or waits.
      if ((await unsafeVerifiedOverlapping(actor.orgId, domain, parents, tx)).length > 0) return null;
      const s = scoped(actor, tx);
      const before = await s.mailDomains.find(domain);
      const verified = await s.mailDomains.recordCheck(domain, { verified: true, message: check.message });
      if (!before?.verifiedAt) {
        await s.audit.record({
          action: "mail_domain.verified",
          targetType: "mail_domain",
          targetId: domain,
          data: { domain, record: verificationRecord(actor.orgId, domain).name },
        });
      }
      return verified;
    });
  } catch (e) {
    if (!isUniqueViolation(e)) throw e;
  }
  if (!row) {
    await inTenantTransaction(actor, (s) =>
      s.audit.record({ action: "mail_domain.verify_refused", targetType: "mail_domain", targetId: domain, data: { domain, reason: "verified elsewhere" } }),
    );
    throw domainNotClaimable();
  }
  return toMailDomainDto(actor.orgId, domain, row, await addressesIn(actor, domain));
}
