import "@/styles/admin.css";
import "@/styles/reports.css";
import { notFound } from "next/navigation";
import { requirePageActor } from "@/auth/page-actor";
import { BarChart } from "@/components/charts/bar-chart";
import { HBarChart } from "@/components/charts/hbar-chart";
import { PRIORITY_LABELS, STATUS_LABELS } from "@/components/tickets/labels";
import { scoped } from "@/db/scoped";
import { buildReport } from "@/domain/reports/get-report";
import { mayReadReports } from "@/domain/reports/report-access";
import { reportTable } from "@/domain/reports/report-csv";
import { ZReportQuery } from "@/domain/reports/reports.schemas";
import { formatDuration, formatRate, hours } from "./report-format";
import { NumbersTable, ReportSection } from "./report-section";
import { ReportFilters } from "./report-filters";

export const metadata = { title: "Reports" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

// Issue 13: a manager's view of volume, backlog, response times and SLA attainment, for admins (and agents
// when the organization allows it). Charts are server-drawn SVG; every number is also in a table and a CSV.
export default async function ReportsPage({ searchParams }: { searchParams: SearchParams }) {
  const actor = await requirePageActor();
  const s = scoped(actor);
  if (!(await mayReadReports(actor, s))) notFound();
  const raw = Object.fromEntries(Object.entries(await searchParams).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]));
  const parsed = ZReportQuery.safeParse(raw);
  const report = await buildReport(s, parsed.success ? parsed.data : {});
  const { range } = report;
  const params = new URLSearchParams({ from: range.from, to: range.to, granularity: range.granularity });
  if (range.teamId) params.set("teamId", range.teamId);
  if (range.priority) params.set("priority", range.priority);
  const csv = (section: string) => `/api/reports/csv?${params}&section=${section}`;
  const periods = report.volume.map((v) => v.period);
  const per = range.granularity === "week" ? "week (from Monday)" : "day";
  const scope = `${range.from} to ${range.to} (UTC days)${range.teamId ? `, team ${report.teamChoices.find((t) => t.id === range.teamId)?.name}` : ""}${range.priority ? `, ${PRIORITY_LABELS[range.priority]} priority` : ""}`;
  const priorities = report.responseTimes.byPriority.map((p) => PRIORITY_LABELS[p.priority]);

  return (
    <main id="main" className="page reports-page">
      <div className="page-head">
        <div>
          <h1>Reports</h1>
          <p className="muted">{scope}. Times are business hours by the organization&apos;s SLA calendar.</p>
        </div>
      </div>
      {!parsed.success && (
        <div className="alert alert-error" role="alert">
          Some filters were not understood and the defaults are shown instead:{" "}
          {parsed.error.issues.map((i) => `${i.path.join(".") || "filters"} ${i.message}`).join("; ")}.
        </div>
      )}
      <ReportFilters
        from={range.from}
        to={range.to}
        teamId={range.teamId}
        priority={range.priority}
        granularity={range.granularity}
        teams={report.teamChoices}
      />

      <ReportSection
        id="volume"
        title="Tickets created and solved"
        intro={`${report.totals.created} created and ${report.totals.solved} solved, per ${per}.`}
        csvHref={csv("volume")}
        chart={
          <BarChart
            id="chart-volume"
            title={`Tickets created and solved per ${per}`}
            description={`${report.totals.created} tickets created and ${report.totals.solved} solved from ${range.from} to ${range.to}.`}
            categories={periods}
            series={[
              { name: "Created", tone: 1, values: report.volume.map((v) => v.created) },
              { name: "Solved", tone: 3, values: report.volume.map((v) => v.solved) },
            ]}
          />
        }
        table={<NumbersTable caption="Tickets created and solved" head={["Period", "Created", "Solved"]} rows={reportTable(report, "volume").rows} />}
      />

      <ReportSection
        id="backlog"
        title="Backlog"
        intro="Tickets not yet solved at the end of each period, by status and by priority."
        csvHref={csv("backlog")}
        chart={
          <div className="chart-pair">
            <BarChart
              id="chart-backlog-status"
              stacked
              title="Backlog by status"
              description={`Unsolved tickets at the end of each ${per}; ${report.backlog.at(-1)?.total ?? 0} at the end of ${range.to}.`}
              categories={report.backlog.map((b) => b.period)}
              series={(["open", "pending", "on_hold"] as const).map((st, i) => ({
                name: STATUS_LABELS[st],
                tone: (i + 1) as 1 | 2 | 3,
                values: report.backlog.map((b) => b.byStatus[st]),
              }))}
            />
            <BarChart
              id="chart-backlog-priority"
              stacked
              title="Backlog by priority"
              description={`Unsolved tickets at the end of each ${per}, by priority.`}
              categories={report.backlog.map((b) => b.period)}
              series={(["urgent", "high", "normal", "low"] as const).map((p, i) => ({
                name: PRIORITY_LABELS[p],
                tone: (i + 1) as 1 | 2 | 3 | 4,
                values: report.backlog.map((b) => b.byPriority[p]),
              }))}
            />
          </div>
        }
        table={
          <NumbersTable
            caption="Backlog at the end of each period"
            head={["Period", "Total", "Open", "Pending", "On hold", "Urgent", "High", "Normal", "Low"]}
            /* The same numbers as the CSV download, in the same order (one builder for both). */
            rows={reportTable(report, "backlog").rows}
          />
        }
      />

      <ReportSection
        id="response-times"
        title="First response and resolution times"
        intro={`In business hours. Median: half the tickets took at most this long; 90th percentile: nine in ten did (each within 25 %). Overall: first response median ${formatDuration(report.responseTimes.overall.firstResponse.medianMs)}, resolution median ${formatDuration(report.responseTimes.overall.resolution.medianMs)}.`}
        csvHref={csv("response-times")}
        chart={
          <HBarChart
            id="chart-times"
            title="Median and 90th percentile times per priority, in business hours"
            description="First response and resolution times per priority; the table below lists them."
            rows={priorities}
            formatValue={(h) => `${h} h`}
            series={[
              { name: "First response, median (h)", tone: 1, values: report.responseTimes.byPriority.map((p) => hours(p.firstResponse.medianMs)) },
              { name: "First response, 90th percentile (h)", tone: 2, values: report.responseTimes.byPriority.map((p) => hours(p.firstResponse.p90Ms)) },
              { name: "Resolution, median (h)", tone: 3, values: report.responseTimes.byPriority.map((p) => hours(p.resolution.medianMs)) },
              { name: "Resolution, 90th percentile (h)", tone: 4, values: report.responseTimes.byPriority.map((p) => hours(p.resolution.p90Ms)) },
            ]}
          />
        }
        table={
          <NumbersTable
            caption="Response and resolution times"
            head={[
              "Priority",
              "First responses",
              "First response median",
              "First response 90th pct.",
              "First response mean",
              "Resolutions",
              "Resolution median",
              "Resolution 90th pct.",
              "Resolution mean",
            ]}
            rows={[
              { label: "All", ...report.responseTimes.overall },
              ...report.responseTimes.byPriority.map((p) => ({ label: PRIORITY_LABELS[p.priority], ...p })),
            ].map((p) => [
              p.label,
              p.firstResponse.tickets,
              formatDuration(p.firstResponse.medianMs),
              formatDuration(p.firstResponse.p90Ms),
              formatDuration(p.firstResponse.meanMs),
              p.resolution.tickets,
              formatDuration(p.resolution.medianMs),
              formatDuration(p.resolution.p90Ms),
              formatDuration(p.resolution.meanMs),
            ])}
          />
        }
      />

      <ReportSection
        id="sla"
        title="SLA attainment"
        intro={`Targets met among tickets answered or solved in the range. Overall: first response ${formatRate(report.sla.overall.firstResponse.rate)}, resolution ${formatRate(report.sla.overall.resolution.rate)}.`}
        csvHref={csv("sla")}
        chart={
          <HBarChart
            id="chart-sla"
            title="SLA targets met, per priority and per team (%)"
            description="Share of first-response and resolution targets met; the table below lists the counts."
            rows={[...report.sla.byPriority.map((p) => PRIORITY_LABELS[p.priority]), ...report.sla.byTeam.map((t) => `Team ${t.teamName}`)]}
            max={100}
            formatValue={(v) => `${v} %`}
            series={[
              {
                name: "First response met (%)",
                tone: 1,
                values: [...report.sla.byPriority, ...report.sla.byTeam].map((a) =>
                  a.firstResponse.rate === null ? Number.NaN : Math.round(a.firstResponse.rate * 1000) / 10,
                ),
              },
              {
                name: "Resolution met (%)",
                tone: 3,
                values: [...report.sla.byPriority, ...report.sla.byTeam].map((a) =>
                  a.resolution.rate === null ? Number.NaN : Math.round(a.resolution.rate * 1000) / 10,
                ),
              },
            ]}
          />
        }
        table={
          <NumbersTable
            caption="SLA attainment"
            head={[
              "Priority or team",
              "First-response targets",
              "First responses in time",
              "First-response rate",
              "Resolution targets",
              "Resolved in time",
              "Resolution rate",
            ]}
            rows={[
              ...report.sla.byPriority.map((p) => ({ label: `Priority ${PRIORITY_LABELS[p.priority]}`, ...p })),
              ...report.sla.byTeam.map((t) => ({ label: `Team ${t.teamName}`, ...t })),
            ].map((a) => [
              a.label,
              a.firstResponse.targets,
              a.firstResponse.met,
              formatRate(a.firstResponse.rate),
              a.resolution.targets,
              a.resolution.met,
              formatRate(a.resolution.rate),
            ])}
          />
        }
      />

      <ReportSection
        id="teams"
        title="Load and response times per team"
        csvHref={csv("teams")}
        chart={
          <HBarChart
            id="chart-teams"
            title="Tickets created and solved per team"
            description="Tickets created in the range and solved in it, per team (as each ticket's team is now)."
            rows={report.teams.map((t) => t.teamName)}
            series={[
              { name: "Created", tone: 1, values: report.teams.map((t) => t.created) },
              { name: "Solved", tone: 3, values: report.teams.map((t) => t.solved) },
            ]}
          />
        }
        table={
          <NumbersTable
            caption="Load and response times per team"
            head={["Team", "Created", "Solved", "First response median", "First response 90th pct.", "Resolution median", "Resolution 90th pct."]}
            rows={report.teams.map((t) => [
              t.teamName,
              t.created,
              t.solved,
              formatDuration(t.firstResponse.medianMs),
              formatDuration(t.firstResponse.p90Ms),
              formatDuration(t.resolution.medianMs),
              formatDuration(t.resolution.p90Ms),
            ])}
          />
        }
      />

      <ReportSection
        id="agents"
        title="Load and response times per agent"
        intro="Per assignee as each ticket stands now: tickets created in the range, solved in it, and the mean business time to the first response and to resolution."
        csvHref={csv("agents")}
        chart={
          <HBarChart
            id="chart-agents"
            title="Tickets per agent"
            description="Tickets created in the range and solved in it, per assignee."
            rows={report.agents.slice(0, 15).map((a) => a.agentName.replace(/ \(.*$/, ""))}
            series={[
              { name: "Assigned", tone: 1, values: report.agents.slice(0, 15).map((a) => a.assigned) },
              { name: "Solved", tone: 3, values: report.agents.slice(0, 15).map((a) => a.solved) },
            ]}
          />
        }
        table={
          <NumbersTable
            caption="Load and response times per agent"
            head={["Agent", "Assigned", "Solved", "First responses", "Mean first response", "Mean resolution"]}
            rows={report.agents.map((a) => [
              a.agentName,
              a.assigned,
              a.solved,
              a.firstResponses,
              formatDuration(a.meanFirstResponseMs),
              formatDuration(a.meanResolutionMs),
            ])}
          />
        }
      />
      {/* Customer satisfaction (issue 13, CSAT): a ReportSection for report.satisfaction goes here once it is computed. */}
    </main>
  );
}
