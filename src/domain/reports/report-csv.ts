// Each report section as CSV (issue 13): the numbers behind each chart, one header row, durations in
// minutes. Team and agent names, ticket titles and satisfaction comments are written by people, so every
// cell goes through the exports' formula guard (CSV injection, S18).
import { stringify } from "csv-stringify/sync";
import type { Actor } from "@/auth/actor";
import { scoped } from "@/db/scoped";
import { neutralize } from "@/domain/exports/export-writer";
import { buildReport, type Report } from "./get-report";
import { requireReportAccess } from "./report-access";
import type { TReportCsvQuery, TReportSection } from "./reports.schemas";

type Cell = string | number | null;
const minutes = (ms: number | null): Cell => (ms === null ? null : Math.round(ms / 600) / 100);
const percent = (rate: number | null): Cell => (rate === null ? null : Math.round(rate * 1000) / 10);

export function reportTable(report: Report, section: TReportSection): { header: string[]; rows: Cell[][] } {
  switch (section) {
    case "satisfaction": {
      // Null for a role that may not read satisfaction answers: the header alone.
      const csat = report.satisfaction;
      const row = (kind: string, label: string, s: { good: number; bad: number; goodShare: number | null }): Cell[] => [
        kind,
        label,
        s.good,
        s.bad,
        percent(s.goodShare),
      ];
      return {
        header: ["by", "name", "good", "bad", "good_percent", "asked", "answered", "response_rate_percent"],
        rows: csat
          ? [
              [...row("all", "all", csat.overall), csat.asked, csat.answered, percent(csat.responseRate)],
              // The response rate is the range's alone: its columns stay empty on the other rows.
              ...csat.byPeriod.map((p) => [...row("period", p.period, p), null, null, null]),
              ...csat.byPriority.map((p) => [...row("priority", p.priority, p), null, null, null]),
              ...csat.byTeam.map((t) => [...row("team", t.teamName, t), null, null, null]),
            ]
          : [],
      };
    }
    case "satisfaction-comments":
      return {
        header: ["answered_at", "ticket_id", "ticket_number", "ticket_title", "rating", "comment"],
        rows: (report.satisfaction?.comments ?? []).map((c) => [c.answeredAt, c.ticketId, c.ticketNumber, c.ticketTitle, c.rating, c.comment]),
      };
    case "volume":
      return { header: ["period", "created", "solved"], rows: report.volume.map((v) => [v.period, v.created, v.solved]) };
    case "backlog":
      return {
        header: ["period", "total", "open", "pending", "on_hold", "urgent", "high", "normal", "low"],
        rows: report.backlog.map((b) => [
          b.period,
          b.total,
          b.byStatus.open,
          b.byStatus.pending,
          b.byStatus.on_hold,
          b.byPriority.urgent,
          b.byPriority.high,
          b.byPriority.normal,
          b.byPriority.low,
        ]),
      };
    case "response-times": {
      const row = (label: string, t: Report["responseTimes"]["overall"]): Cell[] => [
        label,
        t.firstResponse.tickets,
        minutes(t.firstResponse.medianMs),
        minutes(t.firstResponse.p90Ms),
        minutes(t.firstResponse.meanMs),
        t.resolution.tickets,
        minutes(t.resolution.medianMs),
        minutes(t.resolution.p90Ms),
        minutes(t.resolution.meanMs),
      ];
      return {
        header: [
          "priority",
          "first_responses",
          "first_response_median_business_minutes",
          "first_response_p90_business_minutes",
          "first_response_mean_business_minutes",
          "resolutions",
          "resolution_median_business_minutes",
          "resolution_p90_business_minutes",
          "resolution_mean_business_minutes",
        ],
        rows: [row("all", report.responseTimes.overall), ...report.responseTimes.byPriority.map((p) => row(p.priority, p))],
      };
    }
    case "sla": {
      const row = (kind: string, label: string, a: Report["sla"]["overall"]): Cell[] => [
        kind,
        label,
        a.firstResponse.targets,
        a.firstResponse.met,
        percent(a.firstResponse.rate),
        a.resolution.targets,
        a.resolution.met,
        percent(a.resolution.rate),
      ];
      return {
        header: [
          "by",
          "name",
          "first_response_targets",
          "first_response_met",
          "first_response_met_percent",
          "resolution_targets",
          "resolution_met",
          "resolution_met_percent",
        ],
        rows: [
          row("all", "all", report.sla.overall),
          ...report.sla.byPriority.map((p) => row("priority", p.priority, p)),
          ...report.sla.byTeam.map((t) => row("team", t.teamName, t)),
        ],
      };
    }
    case "agents":
      return {
        header: [
          "agent_id",
          "agent",
          "assigned_created",
          "solved",
          "first_responses",
          "first_response_mean_business_minutes",
          "resolution_mean_business_minutes",
        ],
        rows: report.agents.map((a) => [
          a.agentId,
          a.agentName,
          a.assigned,
          a.solved,
          a.firstResponses,
          minutes(a.meanFirstResponseMs),
          minutes(a.meanResolutionMs),
        ]),
      };
    case "teams":
      return {
        header: [
          "team_id",
          "team",
          "created",
          "solved",
          "first_response_median_business_minutes",
          "first_response_p90_business_minutes",
          "resolution_median_business_minutes",
          "resolution_p90_business_minutes",
        ],
        rows: report.teams.map((t) => [
          t.teamId,
          t.teamName,
          t.created,
          t.solved,
          minutes(t.firstResponse.medianMs),
          minutes(t.firstResponse.p90Ms),
          minutes(t.resolution.medianMs),
          minutes(t.resolution.p90Ms),
        ]),
      };
  }
}

export function toReportCsv(table: { header: string[]; rows: Cell[][] }): string {
  const cells = [table.header, ...table.rows].map((row) => row.map((c) => (c === null ? "" : typeof c === "number" ? c : neutralize(c))));
  return stringify(cells, { quoted_string: true });
}

/** GET /api/reports/csv: one section as a CSV file. */
export async function getReportCsv(actor: Actor, query: TReportCsvQuery): Promise<Response> {
  const s = scoped(actor);
  await requireReportAccess(actor, s);
  const { section, ...filters } = query;
  const report = await buildReport(s, filters);
  const csv = toReportCsv(reportTable(report, section));
  return new Response(csv, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="report-${section}-${report.range.from}-to-${report.range.to}.csv"`,
      "cache-control": "no-store",
    },
  });
}
