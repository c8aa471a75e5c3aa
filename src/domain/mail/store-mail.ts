// Where every received mail enters (issue 12): kept raw, once per organization and Message-ID, before
// anything is decided about it. The SMTP listener answers 250 only after this committed, and the IMAP
// poller moves past a message only after this, so a crash loses nothing; a second delivery of the same
// mail (a retrying sender, two pollers, a race) finds the row there and is a no-op.
import { createHash } from "node:crypto";
import { systemActor } from "@/auth/system-actor";
import type { TInboundSource } from "@/db/schema";
import { scoped } from "@/db/scoped";
import { normalizeMessageId } from "./message-id";
import { readEnvelopeHeaders } from "./read-mail";
import { syntheticMessageId } from "./synthetic-message-id";

export interface Envelope {
  mailFrom?: string | null;
  rcptTo?: string[];
  remoteIp?: string | null;
  helo?: string | null;
}

/** The new row's id, or null for a mail this organization already has. */
export async function storeInboundMail(
  target: { organizationId: string; mailboxId: string | null },
  source: TInboundSource,
  raw: Buffer,
  envelope: Envelope = {},
): Promise<string | null> {
  const headers = await readEnvelopeHeaders(raw);
  const messageId = normalizeMessageId(headers.messageId) ?? syntheticMessageId(raw);
  const s = scoped(systemActor(target.organizationId, "mail-in"));
  return s.inboundMail.store({
    mailboxId: target.mailboxId,
    source,
    messageId,
    fromAddress: headers.from,
    subject: headers.subject,
    envelopeFrom: envelope.mailFrom === undefined ? null : (envelope.mailFrom ?? ""),
    envelopeTo: envelope.rcptTo?.map((a) => a.toLowerCase()) ?? null,
    remoteIp: envelope.remoteIp ?? null,
    helo: envelope.helo?.slice(0, 255) ?? null,
    raw,
    sha256: createHash("sha256").update(raw).digest("hex"),
  });
}
