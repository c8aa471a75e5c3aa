import { z } from "zod";
import { canonicalLocale, canonicalTimeZone } from "@/lib/preferences";

/** An IANA zone Intl knows, stored as Intl names it; null = not chosen (the organization's, then the browser's). */
const ZTimeZoneChoice = z
  .string()
  .max(64)
  .transform((v, ctx) => {
    const zone = canonicalTimeZone(v.trim());
    if (!zone) ctx.addIssue({ code: "custom", message: "must be a time zone such as Europe/Berlin" });
    return zone ?? z.NEVER;
  })
  .nullable();

/** A BCP 47 language tag this server can write dates in ("de-CH"), stored canonical; null = not chosen. */
const ZLocaleChoice = z
  .string()
  .max(35)
  .transform((v, ctx) => {
    const locale = canonicalLocale(v.trim());
    if (!locale) ctx.addIssue({ code: "custom", message: "must be a language such as en-GB or de-DE" });
    return locale ?? z.NEVER;
  })
  .nullable();

export const ZUpdatePreferences = z
  .object({
    timeZone: ZTimeZoneChoice.optional(),
    locale: ZLocaleChoice.optional(),
    theme: z.enum(["light", "dark", "system"], { error: "must be light, dark or system" }).optional(),
  })
  .strict()
  .refine((v) => v.timeZone !== undefined || v.locale !== undefined || v.theme !== undefined, { message: "Nothing to update" });
export type TUpdatePreferences = z.infer<typeof ZUpdatePreferences>;
