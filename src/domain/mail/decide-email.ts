// Which e-mail an outbox row becomes at send time, and whether it is sent at all (issue 12; issue 9 item
// 6): each kind re-checks its recipient's rights as they are now and composes from current data.
import type { TEmailPayload } from "@/db/schema";
import { decideEmailDelivery } from "@/domain/notifications/email-recipient";
import { decideInviteMail, decidePasswordResetMail } from "./account-mail";
import { decideReplyMail, type MailDecision } from "./reply-mail";
import { decideSatisfactionMail } from "./satisfaction-mail";

export async function decideOutboxEmail(orgId: string, eventType: string, payload: TEmailPayload): Promise<MailDecision> {
  switch (payload.kind) {
    case "ticket_reply":
      return decideReplyMail(orgId, payload);
    case "invite":
      return decideInviteMail(orgId, payload);
    case "password_reset":
      return decidePasswordResetMail(orgId, payload);
    case "satisfaction":
      return decideSatisfactionMail(orgId, payload);
    default:
      return decideEmailDelivery(orgId, eventType, payload);
  }
}
