import { COMMON_MESSAGES } from "@/components/messages/common";
import { pageMessages } from "@/components/messages/page-messages";
import { REPORTS_MESSAGES } from "@/components/messages/reports";
import { TICKET_PRIORITIES } from "@/db/schema/enums";

interface Props {
  from: string;
  to: string;
  teamId: string | null;
  priority: string | null;
  granularity: string;
  teams: { id: string; name: string }[];
}

/** A plain GET form: the filters live in the URL, so a report can be bookmarked and shared. */
export async function ReportFilters({ from, to, teamId, priority, granularity, teams }: Props) {
  const [t, common] = await Promise.all([pageMessages(REPORTS_MESSAGES), pageMessages(COMMON_MESSAGES)]);
  return (
    <form method="get" action="/app/reports" className="card card-body report-filters" aria-label={t("filters.label")}>
      <div className="field">
        <label htmlFor="report-from">{t("filters.from")}</label>
        <input id="report-from" name="from" type="date" defaultValue={from} required />
      </div>
      <div className="field">
        <label htmlFor="report-to">{t("filters.to")}</label>
        <input id="report-to" name="to" type="date" defaultValue={to} required />
      </div>
      <div className="field">
        <label htmlFor="report-team">{common("field.team")}</label>
        <select id="report-team" name="teamId" defaultValue={teamId ?? ""}>
          <option value="">{t("filters.allTeams")}</option>
          {teams.map((team) => (
            <option key={team.id} value={team.id}>
              {team.name}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="report-priority">{common("field.priority")}</label>
        <select id="report-priority" name="priority" defaultValue={priority ?? ""}>
          <option value="">{t("filters.allPriorities")}</option>
          {TICKET_PRIORITIES.map((p) => (
            <option key={p} value={p}>
              {common(`priority.${p}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="report-granularity">{t("filters.per")}</label>
        <select id="report-granularity" name="granularity" defaultValue={granularity}>
          <option value="day">{t("filters.day")}</option>
          <option value="week">{t("filters.week")}</option>
        </select>
      </div>
      <button type="submit" className="btn btn-primary">
        {t("filters.show")}
      </button>
    </form>
  );
}
