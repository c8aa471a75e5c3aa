import { requirePermission, type Actor } from "@/auth/actor";
import { scoped } from "@/db/scoped";
import { AppError, Forbidden, NotFound } from "@/lib/errors";
import { storage } from "@/lib/storage";
import { exportLinkValid } from "./export-url";
import type { TDownloadQuery } from "./exports.schemas";

/** The export file through its signed link, for the user the link was made for (S18); audited. */
export async function downloadExport(actor: Actor, exportId: string, query: TDownloadQuery): Promise<Response> {
  requirePermission(actor, "exports.read.own");
  const link = exportLinkValid(exportId, actor.userId, query.expires, query.sig);
  if (!link.valid) throw Forbidden("Invalid download link");
  if (link.expired) throw new AppError("forbidden", "This download link has expired; request a new one");
  const s = scoped(actor);
  const row = await s.exports.find(exportId);
  if (row?.status !== "done" || !row.storageKey) throw NotFound("Export");
  const file = await storage().get("exports", row.storageKey);
  if (!file) throw NotFound("Export");
  await s.audit.record({ action: "export.downloaded", targetType: "export", targetId: row.id, data: { bytes: file.byteLength } });
  const filename = `helpdesk-export-${row.createdAt.toISOString().slice(0, 10)}-${row.id.slice(0, 8)}.${row.format}`;
  return new Response(new Uint8Array(file), {
    headers: {
      "content-type": row.format === "csv" ? "text/csv; charset=utf-8" : "application/json; charset=utf-8",
      "content-disposition": `attachment; filename="${filename}"`,
      "x-content-type-options": "nosniff",
      "cache-control": "no-store",
    },
  });
}
