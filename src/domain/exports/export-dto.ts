import type { DataExport } from "@/db/schema";

export function toExportDto(e: DataExport, download: { url: string; expiresAt: string } | null = null) {
  return {
    id: e.id,
    format: e.format,
    status: e.status,
    from: e.fromDate.toISOString(),
    to: e.toDate.toISOString(),
    includeInternal: e.includeInternal,
    ticketCount: e.ticketCount,
    requestedBy: e.requestedBy,
    createdAt: e.createdAt.toISOString(),
    finishedAt: e.finishedAt?.toISOString() ?? null,
    error: e.error,
    download,
  };
}
