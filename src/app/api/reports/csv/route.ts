import { getReportCsv } from "@/domain/reports/report-csv";
import { ZReportCsvQuery } from "@/domain/reports/reports.schemas";
import { route } from "@/http/route";

export const GET = route({ name: "reports.csv", query: ZReportCsvQuery }, ({ actor, query }) => getReportCsv(actor, query));
