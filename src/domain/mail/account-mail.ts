// The send-time half of invitations and password resets (issue 12). The token waited in the outbox
// sealed; here it is opened and the link checked again: still usable, still for this recipient, still
// an active account (or a pending invitee at the address it was sent to). Otherwise the mail is
// withheld. An invite for an address that already signs in elsewhere gets a note instead of a link
// (one address, one account): the inviting admin sees a fresh invite either way (issue 9 item 13),
// and only the owner of the mailbox learns why it cannot become an account.
import { auth } from "@/auth/better-auth";
import { systemActor } from "@/auth/system-actor";
import type { TAccountEmail } from "@/db/schema";
import { scoped } from "@/db/scoped";
import { unsafeFindAccountByEmail } from "@/db/unsafe-auth-lookups";
import { unsafeFindUsableInvite } from "@/db/unsafe-invites";
import { COMMON_MESSAGES } from "@/components/messages/common";
import { translator } from "@/components/messages/define";
import { renderMailHtml } from "@/components/mail/mail-html";
import { formatAbsolute } from "@/components/time/format-time";
import { resetTokenContext } from "@/domain/account/password-reset-mail";
import { hashInviteToken, inviteTokenContext, invitePath } from "@/domain/admin/invite-token";
import { now } from "@/lib/clock";
import { env } from "@/lib/env";
import { unseal } from "@/lib/sealed";
import { AUTOMATIC_MAIL_HEADERS } from "./automatic-mail";
import type { MailDecision } from "./reply-mail";

const appUrl = (path: string) => new URL(path, env().APP_URL).toString();
// Worded by the one formatting module (issue 13), the zone named: an invitee has chosen no zone yet.
const when = (iso: string) => formatAbsolute(new Date(iso));

/** A mail with one call to action (a single-use link), as text and HTML. */
export function accountMail(to: string, subject: string, paragraphs: string[], action?: { href: string; label: string }, footer: string[] = []): MailDecision {
  const text = [...paragraphs, ...(action ? [`${action.label}: ${action.href}`] : []), ...footer].join("\n\n");
  return {
    send: { to, subject, text: `${text}\n`, html: renderMailHtml({ title: subject, paragraphs, action, footer }), headers: { ...AUTOMATIC_MAIL_HEADERS } },
  };
}

export async function decideInviteMail(orgId: string, payload: TAccountEmail): Promise<MailDecision> {
  const token = unseal(payload.sealedToken, inviteTokenContext(payload.recipientId));
  if (!token) return { withhold: "the sealed link could not be opened" };
  const invite = await unsafeFindUsableInvite(hashInviteToken(token));
  if (!invite || invite.userId !== payload.recipientId || invite.organizationId !== orgId) return { withhold: "the invite is no longer usable" };
  const org = invite.orgName;
  if (await unsafeFindAccountByEmail(invite.email)) {
    return accountMail(invite.email, `Your invitation to the ${org} helpdesk`, [
      `Hello ${invite.name},`,
      `${org} invited ${invite.email} to their helpdesk. This address already has a Helpdesk account, and an address can hold only one account, so this invitation cannot be used.`,
      `Sign in with the account you have (you can reset its password from the sign-in page), or ask the person who invited you to invite another address.`,
    ]);
  }
  return accountMail(
    invite.email,
    `You are invited to the ${org} helpdesk`,
    [
      `Hello ${invite.name},`,
      `${org} invited you to their helpdesk as ${translator(COMMON_MESSAGES, "en")(`role.${invite.role}`).toLowerCase()}. Choose a password to finish setting up your account.`,
      `The link works once and expires on ${when(payload.expiresAt)}.`,
    ],
    { href: appUrl(invitePath(token)), label: "Set your password" },
    ["If you did not expect this invitation, ignore this e-mail: nothing happens without the link."],
  );
}

export async function decidePasswordResetMail(orgId: string, payload: TAccountEmail): Promise<MailDecision> {
  const s = scoped(systemActor(orgId, "outbox"));
  const user = await s.users.find(payload.recipientId);
  if (!user?.active || user.invitePending) return { withhold: "the account can no longer reset its password" };
  const token = unseal(payload.sealedToken, resetTokenContext(user.id));
  if (!token) return { withhold: "the sealed link could not be opened" };
  const ctx = await auth().$context;
  const verification = await ctx.internalAdapter.findVerificationValue(`reset-password:${token}`);
  if (!verification || verification.value !== user.id || verification.expiresAt.getTime() <= now().getTime()) {
    return { withhold: "the reset link has expired, was used or was replaced" };
  }
  const org = (await s.organization.get()).name;
  return accountMail(
    user.email,
    "Reset your Helpdesk password",
    [
      `Hello ${user.name},`,
      `Someone asked to reset the password of your ${org} helpdesk account (${user.email}). If it was you, choose a new password.`,
      `The link works once, until ${when(payload.expiresAt)}. Resetting your password signs you out everywhere.`,
    ],
    { href: appUrl(`/app/reset-password#token=${encodeURIComponent(token)}`), label: "Choose a new password" },
    ["If you did not ask for this, ignore this e-mail: your password stays as it is."],
  );
}
