import { z } from "zod";
import { zDbDateTime, zDbDay } from "@/domain/db-time";

const MAX_RANGE_DAYS = 366 * 5;

export const ZStartExport = z
  .object({
    format: z.enum(["csv", "json"]),
    from: zDbDay().or(zDbDateTime()),
    to: zDbDay().or(zDbDateTime()),
    includeInternal: z.boolean().default(false),
  })
  .strict()
  .transform((v) => ({ ...v, fromDate: new Date(v.from), toDate: new Date(v.to) }))
  .refine((v) => v.fromDate < v.toDate, { message: "from must be before to", path: ["to"] })
  .refine((v) => v.toDate.getTime() - v.fromDate.getTime() <= MAX_RANGE_DAYS * 86_400_000, { message: "at most five years per export", path: ["to"] });
export type TStartExport = z.infer<typeof ZStartExport>;

export const ZDownloadQuery = z.object({ expires: z.coerce.number().int().positive(), sig: z.string().regex(/^[0-9a-f]{64}$/) });
export type TDownloadQuery = z.infer<typeof ZDownloadQuery>;
