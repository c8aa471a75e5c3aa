import { z } from "zod";
import { zDbDay } from "@/domain/db-time";
import { zSingleLine } from "@/lib/text-input";
import { ZCursor, ZLimit } from "@/domain/pagination";

export const ZListAuditQuery = z.object({
  action: zSingleLine().max(80).optional(),
  actorId: z.uuid().optional(),
  targetType: zSingleLine().max(40).optional(),
  targetId: zSingleLine().max(100).optional(),
  /** Days (YYYY-MM-DD, UTC), both included. */
  from: zDbDay({ error: "From must be a date like 2026-12-01" }).optional(),
  to: zDbDay({ error: "To must be a date like 2026-12-01" }).optional(),
  cursor: ZCursor,
  limit: ZLimit,
});
export type TListAuditQuery = z.infer<typeof ZListAuditQuery>;
