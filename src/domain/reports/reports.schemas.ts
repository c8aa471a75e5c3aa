// What a report may be asked for (issue 13): a range of UTC days, optionally one team and one priority,
// by day or by week. Query strings from the filter form send empty fields for "any": those mean absent.
import { z } from "zod";
import { TICKET_PRIORITIES } from "@/db/schema/enums";
import { inDbRange } from "@/domain/db-time";

/** The longest range one report covers: two years of days. */
export const REPORT_MAX_DAYS = 731;
export const REPORT_SECTIONS = ["volume", "backlog", "response-times", "sla", "agents", "teams", "satisfaction", "satisfaction-comments"] as const;
export type TReportSection = (typeof REPORT_SECTIONS)[number];

const DAY_MS = 86_400_000;
const emptyIsAbsent = (v: unknown) => (v === "" ? undefined : v);

const zDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "must be a date written 2026-01-31")
  .refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d), {
    message: "must be a real calendar date",
  })
  // Year 0 is a real date to JavaScript, not to PostgreSQL (a 500 on the reports page; D3).
  .refine((d) => inDbRange(new Date(`${d}T00:00:00Z`)), { message: "must be a date between the years 1 and 9999" });

const filters = {
  from: z.preprocess(emptyIsAbsent, zDay.optional()),
  to: z.preprocess(emptyIsAbsent, zDay.optional()),
  teamId: z.preprocess(emptyIsAbsent, z.uuid("must be a team id").optional()),
  priority: z.preprocess(emptyIsAbsent, z.enum(TICKET_PRIORITIES, { error: "must be low, normal, high or urgent" }).optional()),
  granularity: z.preprocess(emptyIsAbsent, z.enum(["day", "week"], { error: "must be day or week" }).optional()),
};

function checkRange(q: { from?: string; to?: string }, ctx: z.RefinementCtx) {
  if (!q.from || !q.to) return;
  const days = (Date.parse(q.to) - Date.parse(q.from)) / DAY_MS + 1;
  if (days < 1) ctx.addIssue({ code: "custom", path: ["to"], message: "must not be before the start date" });
  if (days > REPORT_MAX_DAYS) ctx.addIssue({ code: "custom", path: ["to"], message: `must be at most ${REPORT_MAX_DAYS} days after the start date` });
}

export const ZReportQuery = z.object(filters).strict().superRefine(checkRange);
export type TReportQuery = z.infer<typeof ZReportQuery>;

export const ZReportCsvQuery = z
  .object({ ...filters, section: z.enum(REPORT_SECTIONS, { error: `must be one of ${REPORT_SECTIONS.join(", ")}` }) })
  .strict()
  .superRefine(checkRange);
export type TReportCsvQuery = z.infer<typeof ZReportCsvQuery>;
