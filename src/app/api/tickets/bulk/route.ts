import { bulkUpdateTickets } from "@/domain/tickets/bulk-update-tickets";
import { ZBulkUpdate } from "@/domain/tickets/tickets.schemas";
import { chargeExtraWrites } from "@/http/rate-limit";
import { json } from "@/http/respond";
import { route } from "@/http/route";

/**
 * Up to 100 tickets changed, per-item results (issue 11). Each ticket counts against the caller's write
 * limit as if changed by a request of its own: the pipeline took one point, the rest are taken here,
 * all or none, before any ticket is touched.
 */
export const POST = route({ name: "tickets.bulk", body: ZBulkUpdate }, async ({ actor, body }) => {
  const headers = await chargeExtraWrites(actor, body.ids.length - 1, "tickets.bulk");
  return json(await bulkUpdateTickets(actor, body), { headers });
});
