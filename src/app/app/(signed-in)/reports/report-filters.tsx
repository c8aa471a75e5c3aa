import { PRIORITY_LABELS } from "@/components/tickets/labels";
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
export function ReportFilters({ from, to, teamId, priority, granularity, teams }: Props) {
  return (
    <form method="get" action="/app/reports" className="card card-body report-filters" aria-label="Report filters">
      <div className="field">
        <label htmlFor="report-from">From</label>
        <input id="report-from" name="from" type="date" defaultValue={from} required />
      </div>
      <div className="field">
        <label htmlFor="report-to">To</label>
        <input id="report-to" name="to" type="date" defaultValue={to} required />
      </div>
      <div className="field">
        <label htmlFor="report-team">Team</label>
        <select id="report-team" name="teamId" defaultValue={teamId ?? ""}>
          <option value="">All teams</option>
          {teams.map((t) => (
            <option key={t.id} value={t.id}>
              {t.name}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="report-priority">Priority</label>
        <select id="report-priority" name="priority" defaultValue={priority ?? ""}>
          <option value="">All priorities</option>
          {TICKET_PRIORITIES.map((p) => (
            <option key={p} value={p}>
              {PRIORITY_LABELS[p]}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="report-granularity">Per</label>
        <select id="report-granularity" name="granularity" defaultValue={granularity}>
          <option value="day">Day</option>
          <option value="week">Week</option>
        </select>
      </div>
      <button type="submit" className="btn btn-primary">
        Show
      </button>
    </form>
  );
}
