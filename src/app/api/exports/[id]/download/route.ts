import { downloadExport } from "@/domain/exports/download-export";
import { ZDownloadQuery } from "@/domain/exports/exports.schemas";
import { route } from "@/http/route";

export const GET = route({ name: "exports.download", query: ZDownloadQuery }, ({ actor, params, query }) => downloadExport(actor, params.id!, query));
