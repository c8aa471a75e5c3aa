// SPF, DKIM and DMARC for one received mail (issue 12), by mailauth. From the SMTP listener we know the
// connecting address, its HELO and the envelope sender; from an IMAP mailbox only the headers, so the
// newest Received line (added by the mailbox provider's server) stands in for them.
import { authenticate } from "mailauth";
import { mailDnsResolver } from "./dns-resolver";

export type DmarcPolicy = "none" | "quarantine" | "reject";

export interface SenderAuth {
  spf: string;
  dkim: string;
  dmarc: string;
  /** The policy the From domain publishes (effective for a subdomain), when it publishes one. */
  dmarcPolicy: DmarcPolicy | null;
  dmarcDomain: string | null;
}

export interface SenderContext {
  ip?: string;
  helo?: string;
  /** SMTP MAIL FROM. */
  mailFrom?: string;
}

export async function checkSenderAuth(raw: Buffer, ctx: SenderContext | null): Promise<SenderAuth> {
  const result = await authenticate(raw, {
    ...(ctx ? { ip: ctx.ip, helo: ctx.helo, sender: ctx.mailFrom } : { trustReceived: true }),
    mta: "helpdesk",
    resolver: mailDnsResolver() as never,
    disableBimi: true,
  });
  const dkimPass = result.dkim.results.some((r) => r.status.result === "pass");
  const dkim = dkimPass ? "pass" : (result.dkim.results[0]?.status.result ?? "none");
  const dmarc = result.dmarc ? result.dmarc : null;
  const policy = dmarc?.policy?.toLowerCase();
  return {
    spf: result.spf ? result.spf.status.result : "none",
    dkim,
    dmarc: dmarc ? dmarc.status.result : "none",
    dmarcPolicy: policy === "reject" || policy === "quarantine" || policy === "none" ? policy : null,
    dmarcDomain: dmarc?.domain ?? null,
  };
}
