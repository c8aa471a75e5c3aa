// One received mail, parsed once for everything the ingest decides (issue 12): sender, recipients,
// threading headers, text and files. mailparser reads MIME; nothing here trusts what it reads.
import { type AddressObject, type ParsedMail, simpleParser } from "mailparser";
import { messageIdsIn } from "./message-id";

export interface MailFile {
  filename: string;
  bytes: Buffer;
  /** Embedded in the HTML (cid:), e.g. a pasted screenshot. Kept as an attachment all the same. */
  inline: boolean;
}

export interface ReadMail {
  from: { address: string; name: string } | null;
  /** Every address the mail was sent to (To, Cc, Delivered-To, X-Original-To), lower case. */
  recipients: string[];
  subject: string;
  /** In-Reply-To and References, as message-id.ts spells them. */
  references: string[];
  html: string | false;
  text: string;
  files: MailFile[];
  /** Header name (lower case) → raw values, for the automated-mail check. */
  headers: Map<string, string[]>;
  contentType: string;
}

const ADDRESS = /^[^\s@<>()",;:]+@[^\s@<>()",;:]+\.[^\s@<>()",;:]+$/;

/**
 * One spelling per mailbox (attack pass C7): compatibility forms folded (NFKC), invisible format
 * characters dropped, lower case, no trailing dot on the domain. "agent@acme.test." and
 * "agent@acme.test\u200b" reach the same person as "agent@acme.test" (or nobody) but were other
 * addresses to the staff-sender check: the mail became a contact's ticket under the agent's address
 * instead of being held.
 */
export function canonicalMailAddress(address: string): string {
  return address
    .normalize("NFKC")
    .replace(/\p{Cf}/gu, "")
    .trim()
    .toLowerCase()
    .replace(/\.+$/, "");
}

function addresses(value: AddressObject | AddressObject[] | undefined): { address: string; name: string }[] {
  const list = Array.isArray(value) ? value : value ? [value] : [];
  return list.flatMap((a) => a.value).flatMap((v) => (v.address ? [{ address: canonicalMailAddress(v.address), name: v.name ?? "" }] : []));
}

/** Raw header lines ("Key: value", folded) → lower-case name → unfolded values. */
export function headerMap(lines: ParsedMail["headerLines"]): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const { key, line } of lines) {
    const value = line
      .slice(line.indexOf(":") + 1)
      .replace(/\r?\n[ \t]+/g, " ")
      .trim();
    const name = key.toLowerCase();
    map.set(name, [...(map.get(name) ?? []), value]);
  }
  return map;
}

function extension(contentType: string): string {
  const sub = contentType.split("/")[1]?.split(/[;+]/)[0] ?? "bin";
  return sub === "jpeg" ? "jpg" : sub === "plain" ? "txt" : sub.replace(/[^a-z0-9]/gi, "").slice(0, 8) || "bin";
}

export async function readMail(raw: Buffer): Promise<ReadMail> {
  // No HTML-to-text conversion: the HTML part is converted by mail-body.ts (and mailparser's took 1.7 s for 1 MB).
  const parsed = await simpleParser(raw, { keepCidLinks: true, skipHtmlToText: true, skipTextToHtml: true, skipTextLinks: true, skipImageLinks: true });
  const headers = headerMap(parsed.headerLines);
  const [from] = addresses(parsed.from).filter((a) => ADDRESS.test(a.address));
  const extra = ["delivered-to", "x-original-to"].flatMap((h) => headers.get(h) ?? []).map((v) => v.replace(/^<|>$/g, "").trim().toLowerCase());
  const recipients = [...new Set([...addresses(parsed.to), ...addresses(parsed.cc)].map((a) => a.address).concat(extra))];
  const files = parsed.attachments.map((a, i) => ({
    filename: a.filename?.trim() || `${a.related ? "inline-image" : "attachment"}-${i + 1}.${extension(a.contentType)}`,
    bytes: a.content,
    inline: a.related === true || a.contentDisposition === "inline",
  }));
  return {
    from: from ?? null,
    recipients,
    subject: parsed.subject ?? "",
    references: [...new Set([...messageIdsIn(parsed.inReplyTo), ...messageIdsIn(parsed.references)])],
    html: parsed.html ?? false,
    text: parsed.text ?? "",
    files,
    headers,
    contentType: headers.get("content-type")?.[0] ?? "",
  };
}

/** Message-ID, From and Subject from the header block alone: what storing a mail needs, cheaply. */
export async function readEnvelopeHeaders(raw: Buffer): Promise<{ messageId: string | undefined; from: string | null; subject: string | null }> {
  const end = raw.indexOf("\r\n\r\n");
  const endLf = raw.indexOf("\n\n");
  const cut = [end, endLf].filter((i) => i >= 0).sort((a, b) => a - b)[0];
  const head = cut === undefined ? raw : raw.subarray(0, cut);
  const parsed = await simpleParser(Buffer.concat([head, Buffer.from("\r\n\r\n")]), { skipHtmlToText: true, skipTextToHtml: true });
  const [from] = addresses(parsed.from);
  return { messageId: parsed.messageId, from: from?.address ?? null, subject: parsed.subject ?? null };
}
