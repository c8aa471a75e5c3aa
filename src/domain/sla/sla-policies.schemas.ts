import { z } from "zod";
import { zSingleLine } from "@/lib/text-input";
import { TICKET_PRIORITIES } from "@/db/schema/enums";
import { WEEKDAYS } from "@/db/schema/sla";
import { isValidTimeZone, parseClockTime } from "./business-hours";

const YEAR_MINUTES = 366 * 24 * 60;
// Messages read after the field's label on the settings page ("First response must be …").
const ZMinutes = z
  .number({ error: "must be a number of minutes" })
  .int("must be a whole number of minutes")
  .min(1, "must be at least 1 minute")
  .max(YEAR_MINUTES, "must be at most a year");
const ZClockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, "must be HH:MM");

export const ZOpenInterval = z
  .object({ start: ZClockTime, end: ZClockTime })
  .strict()
  .refine((i) => parseClockTime(i.start) < parseClockTime(i.end), { message: "must end after it starts" });

export const ZSlaPolicy = z
  .object({
    priority: z.enum(TICKET_PRIORITIES),
    firstResponseMinutes: ZMinutes,
    // null: no next-reply target for this priority.
    nextReplyMinutes: ZMinutes.nullable(),
    resolutionMinutes: ZMinutes,
    // Whether pending and on hold stop the clock.
    pauseWhenPending: z.boolean(),
  })
  .strict();

/** The whole SLA configuration of an organization: GET returns it, PUT replaces it (S17, D6). */
export const ZSlaConfiguration = z
  .object({
    timeZone: zSingleLine().max(64).refine(isValidTimeZone, { message: "must be an IANA time zone such as Europe/Berlin" }),
    alwaysOpen: z.boolean(),
    weeklyHours: z
      .object(
        Object.fromEntries(WEEKDAYS.map((d) => [d, z.array(ZOpenInterval).max(4).optional()])) as Record<
          (typeof WEEKDAYS)[number],
          z.ZodOptional<z.ZodArray<typeof ZOpenInterval>>
        >,
      )
      .strict(),
    holidays: z.array(z.iso.date()).max(400),
    warningLeadMinutes: z
      .number({ error: "must be a number of minutes" })
      .int("must be a whole number of minutes")
      .min(0, "must be 0 or more")
      .max(7 * 24 * 60, "must be at most a week (10080 minutes)"),
    policies: z.array(ZSlaPolicy).max(TICKET_PRIORITIES.length),
  })
  .strict()
  .refine((c) => new Set(c.policies.map((p) => p.priority)).size === c.policies.length, { message: "one policy per priority", path: ["policies"] })
  .refine((c) => c.alwaysOpen || Object.values(c.weeklyHours).some((d) => d && d.length > 0), {
    message: "business hours need at least one open interval (or alwaysOpen)",
    path: ["weeklyHours"],
  });
export type TSlaConfiguration = z.infer<typeof ZSlaConfiguration>;
