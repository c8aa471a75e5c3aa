import { z } from "zod";
import { zSingleLine } from "@/lib/text-input";
import { ZCursor, ZLimit } from "@/domain/pagination";

export const ZListAuditQuery = z.object({
  action: zSingleLine().max(80).optional(),
  actorId: z.uuid().optional(),
  targetType: zSingleLine().max(40).optional(),
  targetId: zSingleLine().max(100).optional(),
  cursor: ZCursor,
  limit: ZLimit,
});
export type TListAuditQuery = z.infer<typeof ZListAuditQuery>;
