// Looks up an organization's verification record for a domain (issue 12 follow-up) through the same
// resolver SPF/DKIM/DMARC use (src/lib/mail/dns-resolver.ts; tests put their DnsStub there), and says what
// it found in words an admin can act on. Only a definite answer — the name does not exist, has no TXT
// record, or none of its records is this organization's value — counts as "not there"; a failed lookup
// (timeout, server failure) is "unknown", so a DNS outage neither verifies nor unverifies anything.
import { mailDnsResolver } from "@/lib/mail/dns-resolver";
import { verificationRecord } from "./mail-domain";

export type RecordCheck = { outcome: "present" | "absent" | "unknown"; message: string };

// Node: ENOTFOUND = the name does not exist (NXDOMAIN), ENODATA = it exists without TXT records.
const DEFINITE_NO = new Set(["ENOTFOUND", "ENODATA"]);
const LOOKUP_TIMEOUT_MS = 10_000;

/** A TXT answer is a list of records, each a list of strings (one record may be split into several). */
function recordsOf(answer: unknown): string[] {
  if (!Array.isArray(answer)) return [];
  return answer.map((r) => (Array.isArray(r) ? r.join("") : String(r)).trim());
}

function withTimeout<T>(p: Promise<T>): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(Object.assign(new Error("timeout"), { code: "ETIMEOUT" })), LOOKUP_TIMEOUT_MS);
    p.then(
      (v) => {
        clearTimeout(timer);
        resolve(v);
      },
      (e) => {
        clearTimeout(timer);
        reject(e);
      },
    );
  });
}

export async function checkDomainRecord(organizationId: string, ascii: string): Promise<RecordCheck> {
  const record = verificationRecord(organizationId, ascii);
  let answer: unknown;
  try {
    answer = await withTimeout(mailDnsResolver()(record.name, "TXT"));
  } catch (e) {
    const code = String((e as { code?: unknown }).code ?? "");
    if (DEFINITE_NO.has(code)) return { outcome: "absent", message: `No TXT record at ${record.name}` };
    const why = code === "ETIMEOUT" ? "the DNS server did not answer in time" : code === "ESERVFAIL" ? "the DNS server failed to answer" : "the lookup failed";
    return { outcome: "unknown", message: `Could not look up ${record.name}: ${why}${code ? ` (${code})` : ""}. Try again later.` };
  }
  const records = recordsOf(answer);
  if (records.includes(record.value)) return { outcome: "present", message: `Found the record at ${record.name}` };
  if (records.length === 0) return { outcome: "absent", message: `No TXT record at ${record.name}` };
  return { outcome: "absent", message: `The TXT record at ${record.name} does not hold this organization's value` };
}
