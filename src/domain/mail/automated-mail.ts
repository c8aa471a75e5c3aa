// Mail no person wrote (issue 12, "no loops"): auto-replies, vacation notices, bounces, mailing lists and
// bulk mail never open a ticket, add a comment or trigger a notification. Decided from the headers a
// sender cannot help sending (RFC 3834 Auto-Submitted, RFC 3464 delivery reports, Precedence, the
// Microsoft/other X- markers) and from the envelope's null sender. A person's mail carries none of these.
export interface AutomatedMailInput {
  /** Header name (lower case) → its raw values. */
  headers: Map<string, string[]>;
  /** SMTP MAIL FROM; "" for the null sender `<>`; undefined when unknown (IMAP). */
  envelopeFrom?: string;
  /** The From address. */
  from?: string;
  contentType?: string;
}

const first = (h: Map<string, string[]>, name: string) => (h.get(name)?.[0] ?? "").trim();

/** Why this mail is automated, in words; null for a person's mail. */
export function automatedMailReason(mail: AutomatedMailInput): string | null {
  const h = mail.headers;
  const autoSubmitted = first(h, "auto-submitted").toLowerCase();
  if (autoSubmitted && !/^no\b/.test(autoSubmitted)) return `automated (Auto-Submitted: ${clip(autoSubmitted)})`;
  const precedence = first(h, "precedence").toLowerCase();
  if (/^(bulk|junk|list|auto_reply)\b/.test(precedence)) return `bulk or list mail (Precedence: ${clip(precedence)})`;
  for (const name of ["x-autoreply", "x-autorespond", "x-autoresponder", "x-auto-reply"]) {
    if (h.has(name)) return `auto-reply (${name})`;
  }
  const suppress = first(h, "x-auto-response-suppress").toLowerCase();
  if (h.has("x-ms-exchange-generated-message-source") || (/\b(oof|autoreply|all)\b/.test(suppress) && h.has("x-ms-exchange-inbox-rules-loop"))) {
    return "auto-reply (Exchange)";
  }
  if (h.has("list-id") || h.has("list-unsubscribe")) return "mailing-list mail (List-Id)";
  if (h.has("feedback-id") && h.has("list-unsubscribe-post")) return "bulk mail";
  if (mail.envelopeFrom === "" || /^<\s*>$/.test(first(h, "return-path"))) return "bounce (null sender)";
  const local = (mail.from ?? "").split("@")[0]?.toLowerCase() ?? "";
  if (/^(mailer-daemon|postmaster|mail-daemon)$/.test(local)) return `bounce (from ${local})`;
  if (
    /multipart\/report/i.test(mail.contentType ?? first(h, "content-type")) ||
    /report-type\s*=\s*"?(delivery-status|disposition-notification)/i.test(first(h, "content-type"))
  ) {
    return "delivery or read report";
  }
  return null;
}

function clip(s: string): string {
  return s.length > 40 ? `${s.slice(0, 39)}…` : s;
}
