import { z } from "zod";
import { LINK_TOKEN_SHAPE } from "@/lib/link-token";
import { zSingleLine } from "@/lib/text-input";
import { ROLES } from "@/db/schema/enums";
import { PASSWORD_MAX } from "@/auth/password-policy";
import { ZLimit } from "@/domain/pagination";
import { isValidTimeZone } from "@/domain/sla/business-hours";

/** Audit retention bounds (S12): at least a month, so a settings change cannot wipe recent evidence at once. */
export const AUDIT_RETENTION_MIN_DAYS = 30;
export const AUDIT_RETENTION_MAX_DAYS = 3650;

/**
 * Locales an organization may choose as its default (issue 13): how dates and numbers are written. The
 * texts are English in all of them until the message catalogue has a second language.
 */
export const ORGANIZATION_LOCALES = ["en-GB", "en-US", "en-AU", "en-CA", "de-DE", "fr-FR", "es-ES", "it-IT", "nl-NL", "pt-BR", "sv-SE", "ja-JP"] as const;

/** Closed-ticket retention bounds (issue 14): from one month to ten years; null keeps closed tickets forever. */
export const TICKET_RETENTION_MIN_MONTHS = 1;
export const TICKET_RETENTION_MAX_MONTHS = 120;
export const TICKET_RETENTION_ACTIONS = ["delete", "anonymise"] as const;

export const ZUpdateOrganizationSettings = z
  .object({
    mfaRequired: z.boolean().optional(),
    // S18 / issue 13: agents may start exports, and open the reports, when the organization allows it.
    agentExportsAllowed: z.boolean().optional(),
    agentReportsAllowed: z.boolean().optional(),
    name: zSingleLine().trim().min(1, "must not be empty").max(120).optional(),
    // null: left to each person's browser (issue 13, migration 0030).
    defaultTimeZone: zSingleLine().max(64).refine(isValidTimeZone, { message: "must be an IANA time zone such as Europe/Berlin" }).nullable().optional(),
    defaultLocale: z.enum(ORGANIZATION_LOCALES, { error: "must be one of the offered locales" }).nullable().optional(),
    // null = keep audit events forever.
    auditRetentionDays: z.number().int().min(AUDIT_RETENTION_MIN_DAYS).max(AUDIT_RETENTION_MAX_DAYS).nullable().optional(),
    // null = keep closed tickets forever (issue 14).
    closedTicketRetentionMonths: z.number().int().min(TICKET_RETENTION_MIN_MONTHS).max(TICKET_RETENTION_MAX_MONTHS).nullable().optional(),
    closedTicketRetentionAction: z.enum(TICKET_RETENTION_ACTIONS, { error: "must be delete or anonymise" }).optional(),
  })
  .strict()
  .refine((v) => Object.values(v).some((x) => x !== undefined), { message: "Nothing to update" });
export type TUpdateOrganizationSettings = z.infer<typeof ZUpdateOrganizationSettings>;

export const ZUpdateUser = z
  .object({ role: z.enum(ROLES).optional(), active: z.boolean().optional() })
  .strict()
  .refine((v) => v.role !== undefined || v.active !== undefined, { message: "Nothing to update" });
export type TUpdateUser = z.infer<typeof ZUpdateUser>;

export const ZListUsersQuery = z.object({
  role: z.enum(ROLES).optional(),
  active: z
    .enum(["true", "false"])
    .transform((v) => v === "true")
    .optional(),
  q: zSingleLine().trim().max(100).optional(),
  cursor: zSingleLine().max(400).optional(),
  limit: ZLimit,
});
export type TListUsersQuery = z.infer<typeof ZListUsersQuery>;

export const ZInviteUser = z
  .object({
    name: zSingleLine().trim().min(1).max(120),
    email: z
      .email()
      .max(254)
      .transform((e) => e.trim().toLowerCase()),
    role: z.enum(ROLES),
  })
  .strict();
export type TInviteUser = z.infer<typeof ZInviteUser>;

/** Invite tokens are 32 random bytes in base64url (43 characters). */
export const ZInviteToken = z.string().regex(LINK_TOKEN_SHAPE);

export const ZAcceptInvite = z
  .object({
    password: zSingleLine().min(1).max(PASSWORD_MAX),
    name: zSingleLine().trim().min(1).max(120).optional(),
  })
  .strict();
export type TAcceptInvite = z.infer<typeof ZAcceptInvite>;

export const ZTeamName = z.object({ name: zSingleLine().trim().min(1).max(100) }).strict();
export type TTeamName = z.infer<typeof ZTeamName>;

export const ZSetTeamMembers = z.object({ userIds: z.array(zSingleLine().min(1).max(64)).max(500) }).strict();
export type TSetTeamMembers = z.infer<typeof ZSetTeamMembers>;
