import { can, type Actor } from "@/auth/actor";
import { inTenantTransaction } from "@/db/scoped";
import { Forbidden } from "@/lib/errors";
import { toExportDto } from "./export-dto";
import type { TStartExport } from "./exports.schemas";

/**
 * Queues an export of the organization's tickets and comments (S18). Admins always; agents when the
 * organization allows it. Internal notes only when a staff member explicitly asks.
 */
export async function startExport(actor: Actor, input: TStartExport) {
  return inTenantTransaction(actor, async (s) => {
    const allowed = can(actor, "exports.create") || (can(actor, "exports.create.when_allowed") && (await s.exports.agentExportsAllowed()));
    if (!allowed) throw Forbidden("Exports are not enabled for your role");
    if (input.includeInternal && !can(actor, "comments.read.internal")) throw Forbidden("Only staff can include internal notes");
    const row = await s.exports.insert({ format: input.format, fromDate: input.fromDate, toDate: input.toDate, includeInternal: input.includeInternal });
    await s.audit.record({
      action: "export.requested",
      targetType: "export",
      targetId: row.id,
      data: { format: row.format, from: row.fromDate.toISOString(), to: row.toDate.toISOString(), includeInternal: row.includeInternal },
    });
    return toExportDto(row);
  });
}
