import { ZStartExport } from "@/domain/exports/exports.schemas";
import { listExports } from "@/domain/exports/get-export";
import { startExport } from "@/domain/exports/start-export";
import { json } from "@/http/respond";
import { route } from "@/http/route";

export const GET = route({ name: "exports.list" }, ({ actor }) => listExports(actor));

export const POST = route({ name: "exports.start", body: ZStartExport }, async ({ actor, body }) => json(await startExport(actor, body), { status: 202 }));
