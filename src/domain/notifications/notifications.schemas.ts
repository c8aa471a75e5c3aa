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

/** The events an organization's webhook can receive (the `type` of every TicketEvent sent to enqueueNotification). */
export const WEBHOOK_EVENTS = ["comment.created", "comment.internal_created", "sla.warning", "sla.breached"] as const;
export type TWebhookEvent = (typeof WEBHOOK_EVENTS)[number];
/** What the settings page's "send test" delivers; sent whatever events are chosen. */
export const WEBHOOK_TEST_EVENT = "webhook.test";

export const ZWebhookSettings = z
  .object({
    url: z.url({ protocol: /^https?$/, message: "must be an http(s) URL" }).max(2048),
    // Omitted the first time, the server generates one and returns it once; omitted later it keeps the current secret.
    secret: zSingleLine().min(16, "must be at least 16 characters").max(200).optional(),
    active: z.boolean().default(true),
    // null: every event, including ones added later; omitted: keep the current choice.
    events: z.array(z.enum(WEBHOOK_EVENTS)).min(1, "choose at least one event").max(WEBHOOK_EVENTS.length).nullable().optional(),
  })
  .strict();
export type TWebhookSettings = z.infer<typeof ZWebhookSettings>;

export const ZMarkAllRead = z.object({ ticketId: z.uuid().optional() }).strict();
export type TMarkAllRead = z.infer<typeof ZMarkAllRead>;
