// The organization's mailboxes (issue 12, admin): support addresses the SMTP listener accepts, and IMAP
// mailboxes the poller reads. The IMAP password is write-only — sealed with the row's id and organization
// (src/lib/secret-box.ts), never returned, logged or audited (the audit says only that it changed).
import { randomUUID } from "node:crypto";
import { requirePermission, type Actor } from "@/auth/actor";
import { inTenantTransaction, type MailboxRow, type MailboxValues, type Scoped, scoped } from "@/db/scoped";
import { isUniqueViolation } from "@/db/unique-violation";
import { AppError, Conflict, InvalidField, NotFound } from "@/lib/errors";
import { sealSecret } from "@/lib/secret-box";
import type { TCreateMailbox, TMailSettings, TUpdateMailbox } from "./mail.schemas";
import { assertImapHostAllowed } from "./imap-destination";
import { assertMailboxAddressClaimable } from "./mailbox-address";

/** A bound on mailboxes per organization: each is polled every minute. */
export const MAILBOXES_MAX = 20;

export const mailboxSecretContext = (orgId: string, mailboxId: string) => `mailbox:${orgId}:${mailboxId}`;

export function toMailboxDto(m: MailboxRow) {
  return {
    id: m.id,
    address: m.address,
    imapHost: m.imapHost,
    imapPort: m.imapPort,
    imapTls: m.imapTls,
    imapUser: m.imapUser,
    imapFolder: m.imapFolder,
    passwordSet: m.passwordSet,
    active: m.active,
    lastPoll: m.lastPollAt ? { at: m.lastPollAt.toISOString(), ok: m.lastPollOk === true, message: m.lastPollMessage } : null,
    createdAt: m.createdAt.toISOString(),
    updatedAt: m.updatedAt.toISOString(),
  };
}

export async function listMailboxes(actor: Actor) {
  requirePermission(actor, "mail.manage");
  return { items: (await scoped(actor).mailboxes.list(MAILBOXES_MAX)).map(toMailboxDto), nextCursor: null };
}

export async function getMailbox(actor: Actor, id: string) {
  requirePermission(actor, "mail.manage");
  const row = await scoped(actor).mailboxes.find(id);
  if (!row) throw NotFound("Mailbox");
  return toMailboxDto(row);
}

function imapValues(input: TUpdateMailbox, orgId: string, id: string): Partial<MailboxValues> {
  const { imapPassword, address, ...rest } = input;
  const values: Partial<MailboxValues> = { ...rest, ...(address !== undefined ? { address } : {}) };
  if (imapPassword !== undefined) values.imapPasswordEnc = imapPassword === null ? null : sealSecret(imapPassword, mailboxSecretContext(orgId, id));
  return values;
}

async function checkImap(next: { imapHost?: string | null; imapUser?: string | null; hasPassword: boolean }) {
  if (!next.imapHost) return;
  if (!next.imapUser) throw InvalidField("imapUser", "is required for IMAP polling");
  if (!next.hasPassword) throw InvalidField("imapPassword", "is required for IMAP polling");
  await assertImapHostAllowed(next.imapHost);
}

const OWN_DUPLICATE = "This address is already used by a mailbox of this organization";

/**
 * The unique index is per organization (an address is no cross-tenant claim: the domain's DNS decides
 * whose it is): a violation is this organization's own duplicate, written by a request racing this one.
 */
function addressTaken(e: unknown): never {
  if (!(e instanceof AppError) && isUniqueViolation(e)) throw Conflict(OWN_DUPLICATE);
  throw e;
}

async function assertAddressFree(s: Scoped, address: string, exceptId?: string) {
  if (await s.mailboxes.hasAddress(address, exceptId)) throw Conflict(OWN_DUPLICATE);
}

export async function createMailbox(actor: Actor, input: TCreateMailbox) {
  requirePermission(actor, "mail.manage");
  await assertMailboxAddressClaimable(actor, input.address);
  await checkImap({ imapHost: input.imapHost, imapUser: input.imapUser, hasPassword: Boolean(input.imapPassword) });
  const id = randomUUID();
  try {
    await inTenantTransaction(actor, async (s) => {
      if ((await s.mailboxes.count()) >= MAILBOXES_MAX) throw Conflict(`An organization can have at most ${MAILBOXES_MAX} mailboxes`);
      await assertAddressFree(s, input.address);
      await s.mailboxes.insert({ id, address: input.address, ...imapValues(input, actor.orgId, id) });
      await s.audit.record({
        action: "mailbox.created",
        targetType: "mailbox",
        targetId: id,
        data: { address: input.address, imapHost: input.imapHost ?? null, imapUser: input.imapUser ?? null, passwordSet: Boolean(input.imapPassword) },
      });
    });
  } catch (e) {
    addressTaken(e);
  }
  return getMailbox(actor, id);
}

export async function updateMailbox(actor: Actor, id: string, input: TUpdateMailbox) {
  requirePermission(actor, "mail.manage");
  const current = await scoped(actor).mailboxes.find(id);
  if (!current) throw NotFound("Mailbox");
  const newAddress = input.address !== undefined && input.address !== current.address.toLowerCase() ? input.address : undefined;
  if (newAddress !== undefined) await assertMailboxAddressClaimable(actor, newAddress);
  const host = input.imapHost !== undefined ? input.imapHost : current.imapHost;
  // The stored password goes only to the server it was entered for (attack pass C2): a new host or port,
  // or TLS switched off, with the old password kept would make the next poll log in there with it — an
  // admin (or whoever holds an admin session) could read the write-only password off their own server.
  const destinationChanged =
    (input.imapHost !== undefined && input.imapHost !== current.imapHost) ||
    (input.imapPort !== undefined && input.imapPort !== current.imapPort) ||
    (input.imapTls === false && current.imapTls);
  if (host && destinationChanged && current.passwordSet && input.imapPassword === undefined) {
    throw InvalidField("imapPassword", "must be entered again when the IMAP server, port or TLS setting changes");
  }
  await checkImap({
    imapHost: host,
    imapUser: input.imapUser !== undefined ? input.imapUser : current.imapUser,
    hasPassword: input.imapPassword !== undefined ? input.imapPassword !== null : current.passwordSet,
  });
  // Another server or folder: its UIDs mean nothing here, so the next poll starts over (Message-IDs dedupe).
  const moved =
    (input.imapHost !== undefined && input.imapHost !== current.imapHost) || (input.imapFolder !== undefined && input.imapFolder !== current.imapFolder);
  try {
    await inTenantTransaction(actor, async (s) => {
      if (newAddress !== undefined) await assertAddressFree(s, newAddress, id);
      const values = { ...imapValues(input, actor.orgId, id), ...(moved ? { imapUidValidity: null, imapLastUid: null } : {}) };
      if (!(await s.mailboxes.update(id, values))) throw NotFound("Mailbox");
      const { imapPassword: _secret, ...visible } = input;
      await s.audit.record({
        action: "mailbox.updated",
        targetType: "mailbox",
        targetId: id,
        data: { ...visible, passwordChanged: input.imapPassword !== undefined },
      });
    });
  } catch (e) {
    addressTaken(e);
  }
  return getMailbox(actor, id);
}

export async function deleteMailbox(actor: Actor, id: string) {
  requirePermission(actor, "mail.manage");
  await inTenantTransaction(actor, async (s) => {
    const current = await s.mailboxes.find(id);
    if (!current || !(await s.mailboxes.delete(id))) throw NotFound("Mailbox");
    await s.audit.record({ action: "mailbox.deleted", targetType: "mailbox", targetId: id, data: { address: current.address } });
  });
  return { deleted: true };
}

export async function getMailSettings(actor: Actor) {
  requirePermission(actor, "mail.manage");
  return scoped(actor).mailboxes.settings();
}

export async function updateMailSettings(actor: Actor, input: TMailSettings) {
  requirePermission(actor, "mail.manage");
  await inTenantTransaction(actor, async (s) => {
    const before = await s.mailboxes.settings();
    await s.mailboxes.saveSettings(input);
    await s.audit.record({ action: "mail.settings_updated", targetType: "organization", targetId: actor.orgId, data: { from: before, to: input } });
  });
  return getMailSettings(actor);
}
