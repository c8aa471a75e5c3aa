import Link from "next/link";
import { BarChart } from "@/components/charts/bar-chart";
import { HBarChart } from "@/components/charts/hbar-chart";
import { COMMON_MESSAGES } from "@/components/messages/common";
import { pageMessages } from "@/components/messages/page-messages";
import { REPORTS_MESSAGES } from "@/components/messages/reports";
import { TimeStamp } from "@/components/time/time-stamp";
import type { Report } from "@/domain/reports/get-report";
import { formatRate, percentValue } from "./report-format";
import { NumbersTable, ReportSection } from "./report-section";

type Csat = NonNullable<Report["satisfaction"]>;

/**
 * Customer satisfaction (issue 13, CSAT): good and bad answers per period, the share good per priority and
 * team, the response rate, and the latest comments. A comment is the requester's text: React writes it
 * as text, nothing parses it as Markdown or HTML (S5).
 */
export async function SatisfactionSection({
  report,
  satisfaction: csat,
  csvHref,
  per,
}: {
  report: Report;
  satisfaction: Csat;
  csvHref: (section: string) => string;
  per: string;
}) {
  const [t, common] = await Promise.all([pageMessages(REPORTS_MESSAGES), pageMessages(COMMON_MESSAGES)]);
  const { range } = report;
  const teamName = (team: Csat["byTeam"][number]) => (team.teamId === null ? common("value.noTeam") : team.teamName);
  const groups = [
    ...csat.byPriority.map((p) => ({
      ...p,
      chartLabel: common(`priority.${p.priority}`),
      label: t("sla.priorityRow", { priority: common(`priority.${p.priority}`) }),
    })),
    ...csat.byTeam.map((team) => ({ ...team, chartLabel: t("sla.teamRow", { team: teamName(team) }), label: t("sla.teamRow", { team: teamName(team) }) })),
  ];
  const row = (label: string, s: { good: number; bad: number; goodShare: number | null }) => [label, s.good, s.bad, formatRate(t, s.goodShare)];

  return (
    <ReportSection
      id="satisfaction"
      title={t("csat.title")}
      intro={t("csat.intro", {
        good: csat.overall.good,
        bad: csat.overall.bad,
        share: formatRate(t, csat.overall.goodShare),
        rate: formatRate(t, csat.responseRate),
        answered: csat.answered,
        asked: csat.asked,
      })}
      csvHref={csvHref("satisfaction")}
      chart={
        <div className="chart-pair">
          <BarChart
            id="chart-csat"
            stacked
            title={t("csat.chartTitle", { per })}
            description={t("csat.chartDescription", { good: csat.overall.good, bad: csat.overall.bad, from: range.from, to: range.to })}
            categories={csat.byPeriod.map((p) => p.period)}
            series={[
              { name: t("csat.good"), tone: 3, values: csat.byPeriod.map((p) => p.good) },
              { name: t("csat.bad"), tone: 2, values: csat.byPeriod.map((p) => p.bad) },
            ]}
          />
          <HBarChart
            id="chart-csat-groups"
            title={t("csat.byGroupTitle")}
            description={t("csat.byGroupDescription")}
            rows={groups.map((g) => g.chartLabel)}
            max={100}
            formatValue={(v) => t("format.percent", { value: v })}
            series={[{ name: t("csat.goodShare"), tone: 3, values: groups.map((g) => percentValue(g.goodShare)) }]}
          />
        </div>
      }
      table={
        <NumbersTable
          caption={t("csat.caption")}
          head={[t("csat.periodOrGroup"), t("csat.good"), t("csat.bad"), t("csat.share")]}
          rows={[row(t("csat.all"), csat.overall), ...csat.byPeriod.map((p) => row(p.period, p)), ...groups.map((g) => row(g.label, g))]}
        />
      }
    >
      <div className="report-comments">
        <div className="report-section-head">
          <h3>{t("csat.comments")}</h3>
          <a className="btn btn-quiet" href={csvHref("satisfaction-comments")} download>
            {t("csat.commentsCsv")}
          </a>
        </div>
        {csat.comments.length === 0 ? (
          <p className="muted">{t("csat.commentsNone")}</p>
        ) : (
          <ul className="report-comment-list">
            {csat.comments.map((c) => (
              <li key={`${c.ticketId}:${c.answeredAt}`} className="report-comment" data-rating={c.rating}>
                <p className="report-comment-meta">
                  <strong className={`report-rating report-rating-${c.rating}`}>{c.rating === "good" ? t("csat.ratedGood") : t("csat.ratedBad")}</strong>{" "}
                  <Link href={`/app/tickets/${c.ticketId}`} prefetch={false}>
                    {t("csat.commentTicket", { number: c.ticketNumber, title: c.ticketTitle })}
                  </Link>{" "}
                  <span className="muted">
                    <TimeStamp value={c.answeredAt} />
                  </span>
                </p>
                <p className="report-comment-text">{c.comment}</p>
              </li>
            ))}
          </ul>
        )}
      </div>
    </ReportSection>
  );
}
