import "@/styles/admin.css";
import "@/styles/reports.css";
import { notFound } from "next/navigation";
import { requirePageActor } from "@/auth/page-actor";
import { BarChart } from "@/components/charts/bar-chart";
import { HBarChart } from "@/components/charts/hbar-chart";
import { COMMON_MESSAGES } from "@/components/messages/common";
import { pageMessages } from "@/components/messages/page-messages";
import { REPORTS_MESSAGES } from "@/components/messages/reports";
import { VALIDATION_MESSAGES } from "@/components/messages/validation";
import { scoped } from "@/db/scoped";
import type { TTicketPriority } from "@/db/schema/enums";
import { type Report, buildReport } from "@/domain/reports/get-report";
import { mayReadReports } from "@/domain/reports/report-access";
import { reportTable } from "@/domain/reports/report-csv";
import { type TReportQuery, ZReportQuery } from "@/domain/reports/reports.schemas";
import { formatDuration, formatRate, hours, percentValue } from "./report-format";
import { ReportFilters } from "./report-filters";
import { NumbersTable, ReportSection } from "./report-section";
import { SatisfactionSection } from "./satisfaction-section";

export async function generateMetadata() {
  const t = await pageMessages(REPORTS_MESSAGES);
  return { title: t("reports.title") };
}

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

// Issue 13: a manager's view of volume, backlog, response times, SLA attainment and customer satisfaction,
// for admins (and agents when the organization allows it). Charts are server-drawn SVG; every number is
// also in a table and a CSV.
export default async function ReportsPage({ searchParams }: { searchParams: SearchParams }) {
  const actor = await requirePageActor();
  const s = scoped(actor);
  if (!(await mayReadReports(actor, s))) notFound();
  const [t, common, validation] = await Promise.all([pageMessages(REPORTS_MESSAGES), pageMessages(COMMON_MESSAGES), pageMessages(VALIDATION_MESSAGES)]);
  const raw = Object.fromEntries(Object.entries(await searchParams).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]));
  const parsed = ZReportQuery.safeParse(raw);
  const query: TReportQuery = parsed.success ? parsed.data : {};
  // Another organization's team (or a deleted one) in a crafted or bookmarked address is a filter not
  // understood, like any other: buildReport's NotFound (the API's 404) was an unhandled 500 here (attack pass E4).
  const teamKnown = !query.teamId || (await s.teams.list()).some((team) => team.id === query.teamId);
  const report = await buildReport(s, teamKnown ? query : { ...query, teamId: undefined });
  const badFilters = [
    ...(parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join(".") || t("reports.badFilters.field")} ${i.message}`)),
    ...(teamKnown ? [] : [`teamId ${validation("validation.id")}`]),
  ];
  const { range } = report;
  const params = new URLSearchParams({ from: range.from, to: range.to, granularity: range.granularity });
  if (range.teamId) params.set("teamId", range.teamId);
  if (range.priority) params.set("priority", range.priority);
  const csv = (section: string) => `/api/reports/csv?${params}&section=${section}`;
  const periods = report.volume.map((v) => v.period);
  const per = range.granularity === "week" ? t("reports.perWeek") : t("reports.perDay");
  const priorityName = (p: TTicketPriority) => common(`priority.${p}`);
  // The team filter's name; "No team" and "Unassigned" in the reader's language (the API says them in English).
  const teamName = (team: { teamId: string | null; teamName: string }) => (team.teamId === null ? common("value.noTeam") : team.teamName);
  const agentName = (agent: { agentId: string | null; agentName: string }) => (agent.agentId === null ? common("value.unassigned") : agent.agentName);
  const scope = [
    t("reports.scope", { from: range.from, to: range.to }),
    range.teamId ? t("reports.scopeTeam", { team: report.teamChoices.find((x) => x.id === range.teamId)?.name ?? "" }) : "",
    range.priority ? t("reports.scopePriority", { priority: priorityName(range.priority) }) : "",
  ].join("");
  const priorities = report.responseTimes.byPriority.map((p) => priorityName(p.priority));
  const slaRows: (Report["sla"]["overall"] & { label: string })[] = [
    ...report.sla.byPriority.map((p) => ({ ...p, label: t("sla.priorityRow", { priority: priorityName(p.priority) }) })),
    ...report.sla.byTeam.map((team) => ({ ...team, label: t("sla.teamRow", { team: teamName(team) }) })),
  ];

  return (
    <main id="main" className="page reports-page">
      <div className="page-head">
        <div>
          <h1>{t("reports.title")}</h1>
          <p className="muted">{t("reports.intro", { scope })}</p>
        </div>
      </div>
      {badFilters.length > 0 && (
        <div className="alert alert-error" role="alert">
          {t("reports.badFilters", { issues: badFilters.join("; ") })}
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
        title={t("volume.title")}
        intro={t("volume.intro", { created: report.totals.created, solved: report.totals.solved, per })}
        csvHref={csv("volume")}
        chart={
          <BarChart
            id="chart-volume"
            title={t("volume.chartTitle", { per })}
            description={t("volume.chartDescription", { created: report.totals.created, solved: report.totals.solved, from: range.from, to: range.to })}
            categories={periods}
            series={[
              { name: t("volume.created"), tone: 1, values: report.volume.map((v) => v.created) },
              { name: t("volume.solved"), tone: 3, values: report.volume.map((v) => v.solved) },
            ]}
          />
        }
        table={
          <NumbersTable
            caption={t("volume.title")}
            head={[t("volume.period"), t("volume.created"), t("volume.solved")]}
            rows={reportTable(report, "volume").rows}
          />
        }
      />

      <ReportSection
        id="backlog"
        title={t("backlog.title")}
        intro={t("backlog.intro")}
        csvHref={csv("backlog")}
        chart={
          <div className="chart-pair">
            <BarChart
              id="chart-backlog-status"
              stacked
              title={t("backlog.byStatus")}
              description={t("backlog.byStatusDescription", { per, total: report.backlog.at(-1)?.total ?? 0, to: range.to })}
              categories={report.backlog.map((b) => b.period)}
              series={(["open", "pending", "on_hold"] as const).map((st, i) => ({
                name: common(`status.${st}`),
                tone: (i + 1) as 1 | 2 | 3,
                values: report.backlog.map((b) => b.byStatus[st]),
              }))}
            />
            <BarChart
              id="chart-backlog-priority"
              stacked
              title={t("backlog.byPriority")}
              description={t("backlog.byPriorityDescription", { per })}
              categories={report.backlog.map((b) => b.period)}
              series={(["urgent", "high", "normal", "low"] as const).map((p, i) => ({
                name: priorityName(p),
                tone: (i + 1) as 1 | 2 | 3 | 4,
                values: report.backlog.map((b) => b.byPriority[p]),
              }))}
            />
          </div>
        }
        table={
          <NumbersTable
            caption={t("backlog.caption")}
            head={[
              t("volume.period"),
              t("backlog.total"),
              common("status.open"),
              common("status.pending"),
              common("status.on_hold"),
              priorityName("urgent"),
              priorityName("high"),
              priorityName("normal"),
              priorityName("low"),
            ]}
            /* The same numbers as the CSV download, in the same order (one builder for both). */
            rows={reportTable(report, "backlog").rows}
          />
        }
      />

      <ReportSection
        id="response-times"
        title={t("times.title")}
        intro={t("times.intro", {
          firstResponse: formatDuration(t, report.responseTimes.overall.firstResponse.medianMs),
          resolution: formatDuration(t, report.responseTimes.overall.resolution.medianMs),
        })}
        csvHref={csv("response-times")}
        chart={
          <HBarChart
            id="chart-times"
            title={t("times.chartTitle")}
            description={t("times.chartDescription")}
            rows={priorities}
            formatValue={(h) => t("format.hours", { h })}
            series={[
              { name: t("times.firstResponseMedianHours"), tone: 1, values: report.responseTimes.byPriority.map((p) => hours(p.firstResponse.medianMs)) },
              { name: t("times.firstResponseP90Hours"), tone: 2, values: report.responseTimes.byPriority.map((p) => hours(p.firstResponse.p90Ms)) },
              { name: t("times.resolutionMedianHours"), tone: 3, values: report.responseTimes.byPriority.map((p) => hours(p.resolution.medianMs)) },
              { name: t("times.resolutionP90Hours"), tone: 4, values: report.responseTimes.byPriority.map((p) => hours(p.resolution.p90Ms)) },
            ]}
          />
        }
        table={
          <NumbersTable
            caption={t("times.caption")}
            head={[
              common("field.priority"),
              t("times.firstResponses"),
              t("times.firstResponseMedian"),
              t("times.firstResponseP90"),
              t("times.firstResponseMean"),
              t("times.resolutions"),
              t("times.resolutionMedian"),
              t("times.resolutionP90"),
              t("times.resolutionMean"),
            ]}
            rows={[
              { label: t("times.all"), ...report.responseTimes.overall },
              ...report.responseTimes.byPriority.map((p) => ({ label: priorityName(p.priority), ...p })),
            ].map((p) => [
              p.label,
              p.firstResponse.tickets,
              formatDuration(t, p.firstResponse.medianMs),
              formatDuration(t, p.firstResponse.p90Ms),
              formatDuration(t, p.firstResponse.meanMs),
              p.resolution.tickets,
              formatDuration(t, p.resolution.medianMs),
              formatDuration(t, p.resolution.p90Ms),
              formatDuration(t, p.resolution.meanMs),
            ])}
          />
        }
      />

      <ReportSection
        id="sla"
        title={t("sla.title")}
        intro={t("sla.intro", {
          firstResponse: formatRate(t, report.sla.overall.firstResponse.rate),
          resolution: formatRate(t, report.sla.overall.resolution.rate),
        })}
        csvHref={csv("sla")}
        chart={
          <HBarChart
            id="chart-sla"
            title={t("sla.chartTitle")}
            description={t("sla.chartDescription")}
            rows={[
              ...report.sla.byPriority.map((p) => priorityName(p.priority)),
              ...report.sla.byTeam.map((team) => t("sla.teamRow", { team: teamName(team) })),
            ]}
            max={100}
            formatValue={(v) => t("format.percent", { value: v })}
            series={[
              { name: t("sla.firstResponseMet"), tone: 1, values: slaRows.map((a) => percentValue(a.firstResponse.rate)) },
              { name: t("sla.resolutionMet"), tone: 3, values: slaRows.map((a) => percentValue(a.resolution.rate)) },
            ]}
          />
        }
        table={
          <NumbersTable
            caption={t("sla.title")}
            head={[
              t("sla.priorityOrTeam"),
              t("sla.firstResponseTargets"),
              t("sla.firstResponsesInTime"),
              t("sla.firstResponseRate"),
              t("sla.resolutionTargets"),
              t("sla.resolvedInTime"),
              t("sla.resolutionRate"),
            ]}
            rows={slaRows.map((a) => [
              a.label,
              a.firstResponse.targets,
              a.firstResponse.met,
              formatRate(t, a.firstResponse.rate),
              a.resolution.targets,
              a.resolution.met,
              formatRate(t, a.resolution.rate),
            ])}
          />
        }
      />

      {report.satisfaction && <SatisfactionSection report={report} satisfaction={report.satisfaction} csvHref={csv} per={per} />}

      <ReportSection
        id="teams"
        title={t("teams.title")}
        csvHref={csv("teams")}
        chart={
          <HBarChart
            id="chart-teams"
            title={t("teams.chartTitle")}
            description={t("teams.chartDescription")}
            rows={report.teams.map(teamName)}
            series={[
              { name: t("volume.created"), tone: 1, values: report.teams.map((x) => x.created) },
              { name: t("volume.solved"), tone: 3, values: report.teams.map((x) => x.solved) },
            ]}
          />
        }
        table={
          <NumbersTable
            caption={t("teams.title")}
            head={[
              common("field.team"),
              t("volume.created"),
              t("volume.solved"),
              t("times.firstResponseMedian"),
              t("times.firstResponseP90"),
              t("times.resolutionMedian"),
              t("times.resolutionP90"),
            ]}
            rows={report.teams.map((x) => [
              teamName(x),
              x.created,
              x.solved,
              formatDuration(t, x.firstResponse.medianMs),
              formatDuration(t, x.firstResponse.p90Ms),
              formatDuration(t, x.resolution.medianMs),
              formatDuration(t, x.resolution.p90Ms),
            ])}
          />
        }
      />

      <ReportSection
        id="agents"
        title={t("agents.title")}
        intro={t("agents.intro")}
        csvHref={csv("agents")}
        chart={
          <HBarChart
            id="chart-agents"
            title={t("agents.chartTitle")}
            description={t("agents.chartDescription")}
            rows={report.agents.slice(0, 15).map((a) => agentName(a).replace(/ \(.*$/, ""))}
            series={[
              { name: t("agents.assigned"), tone: 1, values: report.agents.slice(0, 15).map((a) => a.assigned) },
              { name: t("volume.solved"), tone: 3, values: report.agents.slice(0, 15).map((a) => a.solved) },
            ]}
          />
        }
        table={
          <NumbersTable
            caption={t("agents.title")}
            head={[
              t("agents.agent"),
              t("agents.assigned"),
              t("volume.solved"),
              t("times.firstResponses"),
              t("agents.meanFirstResponse"),
              t("agents.meanResolution"),
            ]}
            rows={report.agents.map((a) => [
              agentName(a),
              a.assigned,
              a.solved,
              a.firstResponses,
              formatDuration(t, a.meanFirstResponseMs),
              formatDuration(t, a.meanResolutionMs),
            ])}
          />
        }
      />
    </main>
  );
}
