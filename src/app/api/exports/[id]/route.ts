import { getExport } from "@/domain/exports/get-export";
import { route } from "@/http/route";

export const GET = route({ name: "exports.get" }, ({ actor, params }) => getExport(actor, params.id!));
