// Admin input for the e-mail channel (issue 12, S21): every field bounded, addresses and hosts checked.
import { z } from "zod";
import { MAIL_ACCEPTANCE } from "@/db/schema";
import { ZCursor, ZLimit } from "@/domain/pagination";
import { zSingleLine } from "@/lib/text-input";

const DOMAIN = /^(?=.{1,253}$)[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)+$/;
const ZAddress = zSingleLine()
  .trim()
  .toLowerCase()
  .max(254)
  .regex(/^[^\s@<>()",;:+]+@[^\s@<>()",;:]+$/, "must be a plain e-mail address (no +subaddress)")
  .refine((a) => DOMAIN.test(a.slice(a.indexOf("@") + 1)), "must end in a domain name");
const ZHost = zSingleLine()
  .trim()
  .toLowerCase()
  .max(253)
  .refine((h) => DOMAIN.test(h) || /^\d{1,3}(\.\d{1,3}){3}$/.test(h) || h === "localhost", "must be a host name or IPv4 address");

const imapFields = {
  imapHost: ZHost.nullable().optional(),
  imapPort: z.number().int().min(1).max(65535).nullable().optional(),
  imapTls: z.boolean().optional(),
  imapUser: zSingleLine().max(254).nullable().optional(),
  /** Write-only: stored encrypted, never returned. */
  imapPassword: z.string().min(1).max(500).nullable().optional(),
  imapFolder: zSingleLine().trim().min(1).max(200).optional(),
  active: z.boolean().optional(),
};

export const ZCreateMailbox = z.object({ address: ZAddress, ...imapFields }).strict();
export type TCreateMailbox = z.infer<typeof ZCreateMailbox>;

export const ZUpdateMailbox = z
  .object({ address: ZAddress.optional(), ...imapFields })
  .strict()
  .refine((v) => Object.values(v).some((x) => x !== undefined), { message: "Nothing to update" });
export type TUpdateMailbox = z.infer<typeof ZUpdateMailbox>;

export const ZMailSettings = z
  .object({
    acceptance: z.enum(MAIL_ACCEPTANCE),
    knownDomains: z
      .array(
        zSingleLine()
          .trim()
          .toLowerCase()
          .refine((d) => DOMAIN.test(d), "must be a domain name"),
      )
      .max(100)
      .default([])
      .transform((ds) => [...new Set(ds)]),
  })
  .strict();
export type TMailSettings = z.infer<typeof ZMailSettings>;

/** Any spelling of a domain (Unicode or punycode, any case, a trailing dot): mail-domain.ts makes it one. */
export const ZVerifyMailDomain = z.object({ domain: zSingleLine().trim().min(1).max(300) }).strict();
export type TVerifyMailDomain = z.infer<typeof ZVerifyMailDomain>;

export const ZListHeldQuery = z.object({ status: z.enum(["held", "accepted", "dropped"]).optional(), cursor: ZCursor, limit: ZLimit });
export type TListHeldQuery = z.infer<typeof ZListHeldQuery>;

export const ZListMailboxesQuery = z.object({ limit: ZLimit });
