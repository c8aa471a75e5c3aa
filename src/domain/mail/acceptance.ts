// Who may open a ticket by e-mail (issue 12), the organization's choice: anyone (a new address becomes an
// unverified contact), only addresses of its known domains, or only people who already have an account.
import type { TMailAcceptance } from "@/db/schema";

export interface AcceptanceRule {
  acceptance: TMailAcceptance;
  knownDomains: string[];
}

/** Why mail from this new address is not taken, in words; null when it may open a ticket. */
export function acceptanceRefusal(rule: AcceptanceRule, address: string): string | null {
  if (rule.acceptance === "existing_users") return "only people with an account may open tickets by e-mail, and this address has none";
  if (rule.acceptance === "known_domains") {
    const domain = address.slice(address.lastIndexOf("@") + 1).toLowerCase();
    if (!rule.knownDomains.includes(domain)) return `${domain} is not one of the organization's known domains`;
  }
  return null;
}
