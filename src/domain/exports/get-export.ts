import { requirePermission, type Actor } from "@/auth/actor";
import { scoped } from "@/db/scoped";
import { NotFound } from "@/lib/errors";
import { toExportDto } from "./export-dto";
import { exportDownloadLink } from "./export-url";

/** An export's status and, once done, a fresh signed link for the asking user. */
export async function getExport(actor: Actor, exportId: string) {
  requirePermission(actor, "exports.read.own");
  const row = await scoped(actor).exports.find(exportId);
  if (!row) throw NotFound("Export");
  return toExportDto(row, row.status === "done" ? exportDownloadLink(row.id, actor.userId) : null);
}

export async function listExports(actor: Actor) {
  requirePermission(actor, "exports.read.own");
  const rows = await scoped(actor).exports.list(50);
  return { items: rows.map((r) => toExportDto(r)), nextCursor: null };
}
