import { z } from "zod";
import { ZCursor, ZLimit } from "@/domain/pagination";

export const ZListAuditQuery = z.object({
  action: z.string().max(80).optional(),
  actorId: z.uuid().optional(),
  targetType: z.string().max(40).optional(),
  targetId: z.string().max(100).optional(),
  cursor: ZCursor,
  limit: ZLimit,
});
export type TListAuditQuery = z.infer<typeof ZListAuditQuery>;
