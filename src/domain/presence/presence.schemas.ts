import { z } from "zod";
import { PRESENCE_STATES } from "@/lib/live/live-hub";

export const ZSharePresence = z.object({ state: z.enum(PRESENCE_STATES) }).strict();
export type TSharePresence = z.infer<typeof ZSharePresence>;
