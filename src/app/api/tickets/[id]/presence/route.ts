import { ZSharePresence } from "@/domain/presence/presence.schemas";
import { sharePresence } from "@/domain/presence/share-presence";
import { route } from "@/http/route";

/** "Sam is viewing / replying" on a ticket page (issue 11); its own per-user budget, nothing stored. */
export const POST = route({ name: "tickets.presence", body: ZSharePresence, rateLimit: "presence" }, ({ actor, params, body }) =>
  sharePresence(actor, params.id!, body),
);
