-- Issue 13 (reports, "well under a second" at 1M tickets): a month grain beside the day for the two
-- rollups a year of reports reads most — the per-assignee sums (report_agent_daily: 235,000 rows for a
-- year of the biggest bench organization) and the business-time histograms (report_durations: 134,000).
-- A report reads the monthly rows for the months its range covers (whole, or nearly whole with the few
-- days outside the range taken away) and daily rows only for the partial months at its ends
-- (src/db/scoped/report-months.ts). The monthly rows are kept exactly like the daily ones: the same trigger
-- writes both as delta rows in the writing transaction, the compaction folds both, the rebuild rebuilds
-- both, so a month's row is always the sum of its days. report_daily (a few thousand rows a year, and the
-- per-day series needs its days anyway) and report_backlog stay daily.

-- No ticket write between the backfill below and the new trigger function: one would add daily delta rows
-- without their monthly twins. Held until this migration commits (the migrator runs it in one transaction).
LOCK TABLE "tickets" IN SHARE ROW EXCLUSIVE MODE;--> statement-breakpoint

CREATE OR REPLACE FUNCTION report_month(day date) RETURNS date
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT date_trunc('month', day::timestamp)::date $$;--> statement-breakpoint

-- report_agent_daily per month (the first day of the month).
CREATE TABLE "report_agent_monthly" (
	"organization_id" uuid NOT NULL REFERENCES "organizations"("id") ON DELETE CASCADE,
	"month" date NOT NULL,
	"priority" "ticket_priority" NOT NULL,
	"team_id" uuid,
	"assignee_id" text,
	"created" integer DEFAULT 0 NOT NULL,
	"solved" integer DEFAULT 0 NOT NULL,
	"first_responses" integer DEFAULT 0 NOT NULL,
	"first_response_ms" bigint DEFAULT 0 NOT NULL,
	"resolutions" integer DEFAULT 0 NOT NULL,
	"resolution_ms" bigint DEFAULT 0 NOT NULL,
	"first_response_targets" integer DEFAULT 0 NOT NULL,
	"first_response_met" integer DEFAULT 0 NOT NULL,
	"resolution_targets" integer DEFAULT 0 NOT NULL,
	"resolution_met" integer DEFAULT 0 NOT NULL,
	"pending" boolean DEFAULT true NOT NULL,
	CONSTRAINT "report_agent_monthly_first_day" CHECK ("month" = report_month("month"))
);--> statement-breakpoint
CREATE INDEX "report_agent_monthly_org_month_idx" ON "report_agent_monthly" USING btree ("organization_id","month");--> statement-breakpoint
CREATE UNIQUE INDEX "report_agent_monthly_key" ON "report_agent_monthly" ("organization_id","month","priority","team_id","assignee_id") NULLS NOT DISTINCT WHERE NOT "pending";--> statement-breakpoint

-- report_durations per month.
CREATE TABLE "report_durations_monthly" (
	"organization_id" uuid NOT NULL REFERENCES "organizations"("id") ON DELETE CASCADE,
	"month" date NOT NULL,
	"metric" smallint NOT NULL,
	"priority" "ticket_priority" NOT NULL,
	"team_id" uuid,
	"bucket" smallint NOT NULL,
	"tickets" integer NOT NULL,
	"pending" boolean DEFAULT true NOT NULL,
	CONSTRAINT "report_durations_monthly_first_day" CHECK ("month" = report_month("month"))
);--> statement-breakpoint
CREATE INDEX "report_durations_monthly_org_month_idx" ON "report_durations_monthly" USING btree ("organization_id","month");--> statement-breakpoint
CREATE UNIQUE INDEX "report_durations_monthly_key" ON "report_durations_monthly" ("organization_id","month","metric","priority","team_id","bucket") NULLS NOT DISTINCT WHERE NOT "pending";--> statement-breakpoint

-- Read-only for the app, like the daily rollups (0032).
REVOKE INSERT, UPDATE, DELETE, TRUNCATE, TRIGGER, REFERENCES ON "report_agent_monthly", "report_durations_monthly" FROM helpdesk_app;--> statement-breakpoint
GRANT SELECT ON "report_agent_monthly", "report_durations_monthly" TO helpdesk_app;--> statement-breakpoint

-- Backfill from the daily rows as they are now (compacted and pending alike), before the trigger writes
-- monthly rows too (the lock above keeps writers out until then).
INSERT INTO "report_agent_monthly" (organization_id, month, priority, team_id, assignee_id, created, solved, first_responses,
  first_response_ms, resolutions, resolution_ms, first_response_targets, first_response_met, resolution_targets, resolution_met, pending)
SELECT organization_id, report_month(day), priority, team_id, assignee_id, sum(created), sum(solved), sum(first_responses),
  sum(first_response_ms), sum(resolutions), sum(resolution_ms), sum(first_response_targets), sum(first_response_met),
  sum(resolution_targets), sum(resolution_met), false
FROM report_agent_daily
GROUP BY organization_id, report_month(day), priority, team_id, assignee_id
HAVING sum(created) <> 0 OR sum(solved) <> 0 OR sum(first_responses) <> 0 OR sum(first_response_ms) <> 0 OR sum(resolutions) <> 0
  OR sum(resolution_ms) <> 0 OR sum(first_response_targets) <> 0 OR sum(first_response_met) <> 0 OR sum(resolution_targets) <> 0
  OR sum(resolution_met) <> 0;--> statement-breakpoint
INSERT INTO "report_durations_monthly" (organization_id, month, metric, priority, team_id, bucket, tickets, pending)
SELECT organization_id, report_month(day), metric, priority, team_id, bucket, sum(tickets), false
FROM report_durations
GROUP BY organization_id, report_month(day), metric, priority, team_id, bucket
HAVING sum(tickets) <> 0;--> statement-breakpoint

-- One ticket's contribution (0032's), now written to the monthly tables as well: the daily and monthly
-- rows of one change go in the same statement.
CREATE OR REPLACE FUNCTION report_contribute(t tickets, sign integer) RETURNS void
LANGUAGE plpgsql SET search_path = pg_catalog, public AS $$
BEGIN
  WITH c (day, created, solved, first_responses, first_response_ms, first_response_targets, first_response_met,
          resolutions, resolution_ms, resolution_targets, resolution_met) AS (
    SELECT report_day(t.created_at), sign, 0, 0, 0::bigint, 0, 0, 0, 0::bigint, 0, 0
    UNION ALL
    SELECT report_day(t.first_responded_at), 0, 0, sign * (t.first_response_business_ms IS NOT NULL)::int,
      sign * coalesce(t.first_response_business_ms, 0), sign * (t.first_response_due_at IS NOT NULL)::int,
      sign * (t.first_response_due_at IS NOT NULL AND t.first_responded_at <= t.first_response_due_at)::int, 0, 0::bigint, 0, 0
    WHERE t.first_responded_at IS NOT NULL
    UNION ALL
    SELECT report_day(t.resolved_at), 0, sign, 0, 0::bigint, 0, 0, sign * (t.resolution_business_ms IS NOT NULL)::int,
      sign * coalesce(t.resolution_business_ms, 0), sign * (t.resolution_due_at IS NOT NULL)::int,
      sign * (t.resolution_due_at IS NOT NULL AND t.resolved_at <= t.resolution_due_at)::int
    WHERE t.resolved_at IS NOT NULL
  ),
  per_agent AS (
    INSERT INTO report_agent_daily (organization_id, day, priority, team_id, assignee_id, created, solved, first_responses,
      first_response_ms, first_response_targets, first_response_met, resolutions, resolution_ms, resolution_targets, resolution_met)
    SELECT t.organization_id, c.day, t.priority, t.team_id, t.assignee_id, c.created, c.solved, c.first_responses,
      c.first_response_ms, c.first_response_targets, c.first_response_met, c.resolutions, c.resolution_ms, c.resolution_targets, c.resolution_met
    FROM c
  ),
  per_agent_month AS (
    INSERT INTO report_agent_monthly (organization_id, month, priority, team_id, assignee_id, created, solved, first_responses,
      first_response_ms, first_response_targets, first_response_met, resolutions, resolution_ms, resolution_targets, resolution_met)
    SELECT t.organization_id, report_month(c.day), t.priority, t.team_id, t.assignee_id, c.created, c.solved, c.first_responses,
      c.first_response_ms, c.first_response_targets, c.first_response_met, c.resolutions, c.resolution_ms, c.resolution_targets, c.resolution_met
    FROM c
  )
  INSERT INTO report_daily (organization_id, day, priority, team_id, created, solved, first_responses,
    first_response_ms, first_response_targets, first_response_met, resolutions, resolution_ms, resolution_targets, resolution_met)
  SELECT t.organization_id, c.day, t.priority, t.team_id, c.created, c.solved, c.first_responses,
    c.first_response_ms, c.first_response_targets, c.first_response_met, c.resolutions, c.resolution_ms, c.resolution_targets, c.resolution_met
  FROM c;

  WITH d (day, metric, bucket) AS (
    SELECT report_day(t.first_responded_at), 1::smallint, report_bucket(t.first_response_business_ms)
    WHERE t.first_responded_at IS NOT NULL AND t.first_response_business_ms IS NOT NULL
    UNION ALL
    SELECT report_day(t.resolved_at), 2::smallint, report_bucket(t.resolution_business_ms)
    WHERE t.resolved_at IS NOT NULL AND t.resolution_business_ms IS NOT NULL
  ),
  per_month AS (
    INSERT INTO report_durations_monthly (organization_id, month, metric, priority, team_id, bucket, tickets)
    SELECT t.organization_id, report_month(d.day), d.metric, t.priority, t.team_id, d.bucket, sign FROM d
  )
  INSERT INTO report_durations (organization_id, day, metric, priority, team_id, bucket, tickets)
  SELECT t.organization_id, d.day, d.metric, t.priority, t.team_id, d.bucket, sign FROM d;
END $$;--> statement-breakpoint
REVOKE ALL ON FUNCTION report_contribute(tickets, integer) FROM PUBLIC;--> statement-breakpoint

-- The compaction and the rebuild of 0032 keep doing the daily tables under new names; the functions
-- everyone calls do the daily tables through them, then the monthly ones, in the same transaction.
ALTER FUNCTION report_rollups_compact() RENAME TO report_rollups_compact_days;--> statement-breakpoint
REVOKE ALL ON FUNCTION report_rollups_compact_days() FROM PUBLIC, helpdesk_app;--> statement-breakpoint
ALTER FUNCTION report_rollups_rebuild() RENAME TO report_rollups_rebuild_days;--> statement-breakpoint
REVOKE ALL ON FUNCTION report_rollups_rebuild_days() FROM PUBLIC, helpdesk_app;--> statement-breakpoint

CREATE FUNCTION report_rollups_compact() RETURNS integer
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
DECLARE
  moved integer;
  n integer;
BEGIN
  -- Takes the compaction's advisory lock (held to the end of the transaction).
  moved := report_rollups_compact_days();

  WITH gone AS (DELETE FROM report_agent_monthly WHERE pending RETURNING *)
  INSERT INTO report_agent_monthly AS r (organization_id, month, priority, team_id, assignee_id, created, solved,
    first_responses, first_response_ms, resolutions, resolution_ms, first_response_targets, first_response_met,
    resolution_targets, resolution_met, pending)
  SELECT organization_id, month, priority, team_id, assignee_id, sum(created), sum(solved),
    sum(first_responses), sum(first_response_ms), sum(resolutions), sum(resolution_ms), sum(first_response_targets),
    sum(first_response_met), sum(resolution_targets), sum(resolution_met), false
  FROM gone GROUP BY organization_id, month, priority, team_id, assignee_id
  ON CONFLICT (organization_id, month, priority, team_id, assignee_id) WHERE NOT pending DO UPDATE SET
    created = r.created + excluded.created, solved = r.solved + excluded.solved,
    first_responses = r.first_responses + excluded.first_responses, first_response_ms = r.first_response_ms + excluded.first_response_ms,
    resolutions = r.resolutions + excluded.resolutions, resolution_ms = r.resolution_ms + excluded.resolution_ms,
    first_response_targets = r.first_response_targets + excluded.first_response_targets,
    first_response_met = r.first_response_met + excluded.first_response_met,
    resolution_targets = r.resolution_targets + excluded.resolution_targets, resolution_met = r.resolution_met + excluded.resolution_met;
  GET DIAGNOSTICS n = ROW_COUNT; moved := moved + n;
  DELETE FROM report_agent_monthly WHERE NOT pending AND created = 0 AND solved = 0 AND first_responses = 0 AND first_response_ms = 0
    AND resolutions = 0 AND resolution_ms = 0 AND first_response_targets = 0 AND first_response_met = 0
    AND resolution_targets = 0 AND resolution_met = 0;

  WITH gone AS (DELETE FROM report_durations_monthly WHERE pending RETURNING *)
  INSERT INTO report_durations_monthly AS r (organization_id, month, metric, priority, team_id, bucket, tickets, pending)
  SELECT organization_id, month, metric, priority, team_id, bucket, sum(tickets), false
  FROM gone GROUP BY organization_id, month, metric, priority, team_id, bucket
  ON CONFLICT (organization_id, month, metric, priority, team_id, bucket) WHERE NOT pending DO UPDATE SET tickets = r.tickets + excluded.tickets;
  GET DIAGNOSTICS n = ROW_COUNT; moved := moved + n;
  DELETE FROM report_durations_monthly WHERE NOT pending AND tickets = 0;
  RETURN moved;
END $$;--> statement-breakpoint
REVOKE ALL ON FUNCTION report_rollups_compact() FROM PUBLIC;--> statement-breakpoint
GRANT EXECUTE ON FUNCTION report_rollups_compact() TO helpdesk_app;--> statement-breakpoint

CREATE FUNCTION report_rollups_rebuild() RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
BEGIN
  -- The daily tables from the tickets and their timeline (0032), under the compaction's lock; the months
  -- are their days summed.
  PERFORM report_rollups_rebuild_days();
  TRUNCATE report_agent_monthly, report_durations_monthly;
  INSERT INTO report_agent_monthly (organization_id, month, priority, team_id, assignee_id, created, solved, first_responses,
    first_response_ms, resolutions, resolution_ms, first_response_targets, first_response_met, resolution_targets, resolution_met, pending)
  SELECT organization_id, report_month(day), priority, team_id, assignee_id, sum(created), sum(solved), sum(first_responses),
    sum(first_response_ms), sum(resolutions), sum(resolution_ms), sum(first_response_targets), sum(first_response_met),
    sum(resolution_targets), sum(resolution_met), false
  FROM report_agent_daily
  GROUP BY organization_id, report_month(day), priority, team_id, assignee_id;
  INSERT INTO report_durations_monthly (organization_id, month, metric, priority, team_id, bucket, tickets, pending)
  SELECT organization_id, report_month(day), metric, priority, team_id, bucket, sum(tickets), false
  FROM report_durations
  GROUP BY organization_id, report_month(day), metric, priority, team_id, bucket;
END $$;--> statement-breakpoint
REVOKE ALL ON FUNCTION report_rollups_rebuild() FROM PUBLIC;
--> statement-breakpoint

-- Customer satisfaction in the reports (issue 13, CSAT): the questions asked per resolution day and the
-- answers per answer day of one organization, read straight from their tables (a year of the biggest
-- organization is at most a few hundred thousand questions) by index-only range scans with what a
-- report groups and filters by included.
CREATE INDEX "satisfaction_requests_org_resolved_report_idx" ON "satisfaction_requests" USING btree ("organization_id","resolved_at") INCLUDE ("priority","team_id","answered_at","withdrawn_at");--> statement-breakpoint
CREATE INDEX "satisfaction_ratings_org_answered_report_idx" ON "satisfaction_ratings" USING btree ("organization_id","answered_at") INCLUDE ("rating","priority","team_id");
