// The DNS the sender checks (SPF, DKIM, DMARC) and the mailbox domain verification (TXT records at
// _helpdesk-verification.<domain>) ask (issue 12). The system resolver in production; tests put a local
// stub in its place that serves their own keys and records (there is no network here, and a test must
// decide what a domain publishes).
import { promises as dns } from "node:dns";

export type MailDnsResolver = (name: string, rrtype: string) => Promise<unknown>;

const systemResolver: MailDnsResolver = (name, rrtype) => dns.resolve(name, rrtype);
let current: MailDnsResolver = systemResolver;

export function mailDnsResolver(): MailDnsResolver {
  return current;
}

/** Tests and benchmarks only: replace the resolver; returns a function that restores the previous one. */
export function setMailDnsResolver(resolver: MailDnsResolver): () => void {
  const previous = current;
  current = resolver;
  return () => {
    current = previous;
  };
}
