// The daily re-check of verified mailbox domains (issue 12 follow-up): a domain whose verification record
// is gone (the name or its TXT record no longer exists, or holds another value) is unverified, audited in
// its organization's trail, and the SMTP listener stops routing its addresses — a domain that changed
// hands stops delivering into the organization that once proved it. A lookup that fails (timeout, server
// failure) changes nothing but the last check's words: a DNS outage must not cut an organization's mail.
// Attempts that never verified are forgotten UNVERIFIED_KEPT_DAYS after their last check.
import { systemActor } from "@/auth/system-actor";
import { inTenantTransaction } from "@/db/scoped";
import { unsafePruneUnverifiedDomains, unsafeVerifiedDomains } from "@/db/unsafe-mail";
import { now } from "@/lib/clock";
import { checkDomainRecord } from "./check-domain-record";

export const UNVERIFIED_KEPT_DAYS = 30;

/** Every organization's verified domains; `organizationIds` narrows it (tests sharing one database). */
export async function recheckMailDomains(
  opts: { organizationIds?: string[] } = {},
): Promise<{ checked: number; unverified: number; unknown: number; forgotten: number }> {
  const forgotten = await unsafePruneUnverifiedDomains(new Date(now().getTime() - UNVERIFIED_KEPT_DAYS * 86_400_000), opts);
  const result = { checked: 0, unverified: 0, unknown: 0, forgotten };
  // Each domain in its own organization's scope and transaction, read from the row (never from input).
  for (const { organizationId, domain } of await unsafeVerifiedDomains(opts)) {
    const check = await checkDomainRecord(organizationId, domain);
    result.checked++;
    if (check.outcome === "unknown") result.unknown++;
    await inTenantTransaction(systemActor(organizationId, "mail-domain-recheck"), async (s) => {
      const before = await s.mailDomains.find(domain);
      if (!before?.verifiedAt) return; // unverified meanwhile (another organization's verification re-checked it)
      const verified = check.outcome === "present" ? true : check.outcome === "absent" ? false : null;
      await s.mailDomains.recordCheck(domain, { verified, message: check.outcome === "absent" ? `No longer verified. ${check.message}` : check.message });
      if (verified !== false) return;
      result.unverified++;
      await s.audit.record({
        action: "mail_domain.unverified",
        targetType: "mail_domain",
        targetId: domain,
        data: { domain, outcome: check.outcome, message: check.message, by: "daily re-check" },
      });
    });
  }
  return result;
}
