import { ZListAuditQuery } from "@/domain/audit/audit.schemas";
import { listAuditEvents } from "@/domain/audit/list-audit-events";
import { route } from "@/http/route";

export const GET = route({ name: "admin.audit.list", query: ZListAuditQuery }, ({ actor, query }) => listAuditEvents(actor, query));
