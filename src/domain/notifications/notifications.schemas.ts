import { z } from "zod";
import { zSingleLine } from "@/lib/text-input";
import { ZCursor, ZLimit } from "@/domain/pagination";

export const ZListNotificationsQuery = z.object({
  unread: z
    .enum(["1", "true", "0", "false"])
    .transform((v) => v === "1" || v === "true")
    .optional(),
  cursor: ZCursor,
  limit: ZLimit,
});
export type TListNotificationsQuery = z.infer<typeof ZListNotificationsQuery>;

export const ZWebhookSettings = z
  .object({
    url: z.url({ protocol: /^https?$/, message: "must be an http(s) URL" }).max(2048),
    // Required the first time; omitted later it keeps the current secret.
    secret: zSingleLine().min(16, "must be at least 16 characters").max(200).optional(),
    active: z.boolean().default(true),
  })
  .strict();
export type TWebhookSettings = z.infer<typeof ZWebhookSettings>;

export const ZMarkAllRead = z.object({ ticketId: z.uuid().optional() }).strict();
export type TMarkAllRead = z.infer<typeof ZMarkAllRead>;
