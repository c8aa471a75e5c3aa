// Message-IDs (RFC 5322 3.6.4) as ticket_mail_messages stores them: "<id-left@id-right>", angle brackets
// included, case kept (they compare as exact strings). One spelling for both directions, so an inbound
// In-Reply-To finds the outbound row it answers.
import { randomBytes } from "node:crypto";

const MAX_LENGTH = 998;
// No whitespace, brackets or control characters inside; one "@" with something on both sides.
const MSG_ID = /^<[^\s<>@\u0000-\u001f\u007f]+@[^\s<>@\u0000-\u001f\u007f]+>$/;

/** "<…@…>" from a header value with or without brackets and surrounding space; null when it is not one. */
export function normalizeMessageId(raw: string | null | undefined): string | null {
  if (!raw) return null;
  const trimmed = raw.trim();
  const bracketed = trimmed.startsWith("<") ? trimmed : `<${trimmed}>`;
  return bracketed.length <= MAX_LENGTH && MSG_ID.test(bracketed) ? bracketed : null;
}

/** Every Message-ID in a References / In-Reply-To value (mailparser gives a string or a list). */
export function messageIdsIn(value: string | string[] | null | undefined): string[] {
  const text = Array.isArray(value) ? value.join(" ") : (value ?? "");
  const found = text.match(/<[^<>]*>/g) ?? [];
  const ids = found.map((m) => normalizeMessageId(m)).filter((m): m is string => m !== null);
  return [...new Set(ids)];
}

/** A new, unguessable Message-ID in our own domain for one outbound mail. */
export function newMessageId(domain: string): string {
  return `<${randomBytes(16).toString("hex")}@${domain}>`;
}
