import { getReport } from "@/domain/reports/get-report";
import { ZReportQuery } from "@/domain/reports/reports.schemas";
import { route } from "@/http/route";

export const GET = route({ name: "reports.get", query: ZReportQuery }, ({ actor, query }) => getReport(actor, query));
