import { z } from "zod";
import { zSingleLine } from "@/lib/text-input";

export const ZEventsQuery = z
  .object({
    // An EventSource created anew (after the browser gave up on the old one) cannot send Last-Event-ID:
    // the page passes the last id it saw here. Anything unknown is ignored, never an error.
    lastEventId: zSingleLine().max(200).optional(),
  })
  .strict();
