// Mail for tests (issue 12): raw RFC 822 messages built (and DKIM-signed) by nodemailer itself, and a
// local DNS that serves the test domains' SPF, DKIM and DMARC records to mailauth — no network, and each
// test decides what a domain publishes.
import { generateKeyPairSync, randomBytes } from "node:crypto";
import nodemailer from "nodemailer";
import type { SendMailOptions } from "nodemailer";
import { actorForUser } from "@/auth/system-actor";
import { verifyMailDomain } from "@/domain/mail/mail-domains";
import { verificationRecord } from "@/domain/mail/mail-domain";
import { setMailDnsResolver } from "@/lib/mail/dns-resolver";

export interface DkimKey {
  domain: string;
  selector: string;
  privateKey: string;
  /** The TXT record value for <selector>._domainkey.<domain>. */
  record: string;
}

export function dkimKey(domain: string, selector = "test"): DkimKey {
  const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const p = publicKey.export({ type: "spki", format: "der" }).toString("base64");
  return { domain, selector, privateKey: privateKey.export({ type: "pkcs8", format: "pem" }).toString(), record: `v=DKIM1; k=rsa; p=${p}` };
}

/** TXT records by name (lower case). Everything else does not exist (ENOTFOUND), as for an unknown name. */
export class DnsStub {
  readonly txt = new Map<string, string[]>();
  /** Names whose lookup fails with an error code (ESERVFAIL, ETIMEOUT…), as when a DNS server is down. */
  readonly failures = new Map<string, string>();
  readonly split = new Map<string, string[]>();

  publishDkim(key: DkimKey): this {
    return this.set(`${key.selector}._domainkey.${key.domain}`, key.record);
  }
  publishDmarc(domain: string, policy: "none" | "quarantine" | "reject"): this {
    return this.set(`_dmarc.${domain}`, `v=DMARC1; p=${policy}`);
  }
  publishSpf(domain: string, record: string): this {
    return this.set(domain, record);
  }
  set(name: string, value: string): this {
    this.txt.set(name.toLowerCase(), [value]);
    return this;
  }
  /** One more TXT record at a name (several records may share one, as in real DNS). */
  add(name: string, value: string): this {
    this.txt.set(name.toLowerCase(), [...(this.txt.get(name.toLowerCase()) ?? []), value]);
    return this;
  }
  remove(name: string): this {
    this.txt.delete(name.toLowerCase());
    this.split.delete(name.toLowerCase());
    return this;
  }
  /** One TXT record served as several strings (how DNS carries a value longer than 255 bytes). */
  setSplit(name: string, chunks: string[]): this {
    this.txt.delete(name.toLowerCase());
    this.split.set(name.toLowerCase(), chunks);
    return this;
  }
  /** The organization's mailbox-domain verification record for `domain` (ASCII), next to any already there. */
  publishVerification(organizationId: string, domain: string): this {
    const record = verificationRecord(organizationId, domain);
    return this.add(record.name, record.value);
  }

  /** Installs it as the resolver mailauth uses; returns the restore function. */
  install(): () => void {
    return setMailDnsResolver(async (name, rrtype) => {
      const failure = this.failures.get(name.toLowerCase().replace(/\.$/, ""));
      if (failure) throw Object.assign(new Error(`queryTxt ${failure} ${name}`), { code: failure });
      const key = name.toLowerCase().replace(/\.$/, "");
      const chunks = rrtype === "TXT" ? this.split.get(key) : undefined;
      if (chunks) return [chunks];
      const values = rrtype === "TXT" ? this.txt.get(key) : undefined;
      if (!values) throw Object.assign(new Error(`queryTxt ENOTFOUND ${name}`), { code: "ENOTFOUND" });
      // A TXT answer is a list of records, each a list of strings.
      return values.map((v) => [v]);
    });
  }
}

export type MailOptions = SendMailOptions & { dkim?: DkimKey };

/** A raw message as nodemailer would send it; DKIM-signed by nodemailer when `dkim` is given. */
export async function buildMail(options: MailOptions): Promise<Buffer> {
  const { dkim, ...mail } = options;
  const transport = nodemailer.createTransport({
    streamTransport: true,
    buffer: true,
    newline: "windows",
    ...(dkim ? { dkim: { domainName: dkim.domain, keySelector: dkim.selector, privateKey: dkim.privateKey } } : {}),
  });
  const info = await transport.sendMail({ messageId: newMessageId(), date: new Date(), ...mail });
  return info.message as Buffer;
}

export function newMessageId(domain = "mail.customer.test"): string {
  return `<${randomBytes(12).toString("hex")}@${domain}>`;
}

/**
 * What an admin does before the SMTP listener routes a domain's mailboxes: publish the organization's
 * record in (stub) DNS and verify it, through the same domain call as the API's "Verify domain".
 */
export async function verifyDomainOf(org: { id: string; admin: { id: string } }, domain: string, dns: DnsStub) {
  dns.publishVerification(org.id, domain);
  const result = await verifyMailDomain(actorForUser({ id: org.admin.id, role: "admin", name: "admin" }, org.id), { domain });
  if (result.state !== "verified") throw new Error(`${domain} not verified: ${result.lastCheck?.message}`);
  return result;
}
