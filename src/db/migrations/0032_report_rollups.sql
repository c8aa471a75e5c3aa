-- Issue 13 (reports): what a manager's reports read, kept per organization and UTC day by the database
-- itself, so that a year of a million-ticket organization is a few hundred thousand small rows, not a scan
-- of the tickets. A trigger on tickets writes each change as delta rows (the ticket's contribution before
-- the change subtracted, after it added), in the writing transaction, whichever door wrote it (API, bulk,
-- mail, macros, seed). Delta rows are only ever inserted (no row lock shared between two writers, so no
-- waits or deadlocks between concurrent ticket writes); the reports-compact job folds them into one row per
-- key (`pending = false`). Reports sum both kinds, so they are exact before and after compaction.

-- Agents may open the reports when their organization allows it (like agent_exports_allowed).
ALTER TABLE "organizations" ADD COLUMN "agent_reports_allowed" boolean DEFAULT false NOT NULL;--> statement-breakpoint

-- Business time (ms, by the organization's SLA calendar when it was written) from creation to the first
-- public staff reply, and to the resolution. Written by the app (src/domain/reports/report-durations.ts).
ALTER TABLE "tickets" ADD COLUMN "first_response_business_ms" bigint;--> statement-breakpoint
ALTER TABLE "tickets" ADD COLUMN "resolution_business_ms" bigint;--> statement-breakpoint
-- The few tickets whose business time is still to be computed (the reports-durations job's work list).
CREATE INDEX "tickets_report_durations_missing_idx" ON "tickets" USING btree ("organization_id")
  WHERE ("first_responded_at" IS NOT NULL AND "first_response_business_ms" IS NULL)
     OR ("resolved_at" IS NOT NULL AND "resolution_business_ms" IS NULL);--> statement-breakpoint

-- Per day and (priority, team) as the ticket stands now: created on that day; first responses, solutions
-- and SLA targets met or missed on that day. Twenty keys a day at most, so a year is a few thousand rows.
CREATE TABLE "report_daily" (
	"organization_id" uuid NOT NULL REFERENCES "organizations"("id") ON DELETE CASCADE,
	"day" date NOT NULL,
	"priority" "ticket_priority" NOT NULL,
	"team_id" uuid,
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
	"pending" boolean DEFAULT true NOT NULL
);--> statement-breakpoint
CREATE INDEX "report_daily_org_day_idx" ON "report_daily" USING btree ("organization_id","day");--> statement-breakpoint
CREATE UNIQUE INDEX "report_daily_key" ON "report_daily" ("organization_id","day","priority","team_id") NULLS NOT DISTINCT WHERE NOT "pending";--> statement-breakpoint

-- The same per assignee, for the agents section only (up to priorities × teams × agents keys a day).
CREATE TABLE "report_agent_daily" (
	"organization_id" uuid NOT NULL REFERENCES "organizations"("id") ON DELETE CASCADE,
	"day" date NOT NULL,
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
	"pending" boolean DEFAULT true NOT NULL
);--> statement-breakpoint
CREATE INDEX "report_agent_daily_org_day_idx" ON "report_agent_daily" USING btree ("organization_id","day");--> statement-breakpoint
CREATE UNIQUE INDEX "report_agent_daily_key" ON "report_agent_daily" ("organization_id","day","priority","team_id","assignee_id") NULLS NOT DISTINCT WHERE NOT "pending";--> statement-breakpoint

-- Business-time histograms (for medians and 90th percentiles): tickets per duration bucket, per day of
-- the first response (metric 1) or the resolution (metric 2). Bucket b >= 1 holds [1.25^(b-1), 1.25^b)
-- minutes, bucket 0 under a minute: a percentile is read to within 25 %.
CREATE TABLE "report_durations" (
	"organization_id" uuid NOT NULL REFERENCES "organizations"("id") ON DELETE CASCADE,
	"day" date NOT NULL,
	"metric" smallint NOT NULL,
	"priority" "ticket_priority" NOT NULL,
	"team_id" uuid,
	"bucket" smallint NOT NULL,
	"tickets" integer NOT NULL,
	"pending" boolean DEFAULT true NOT NULL
);--> statement-breakpoint
CREATE INDEX "report_durations_org_day_idx" ON "report_durations" USING btree ("organization_id","day");--> statement-breakpoint
CREATE UNIQUE INDEX "report_durations_key" ON "report_durations" ("organization_id","day","metric","priority","team_id","bucket") NULLS NOT DISTINCT WHERE NOT "pending";--> statement-breakpoint

-- Backlog over time: tickets entering (+) and leaving (-) a (status, priority, team) on a day. The
-- backlog at the end of a day is the sum of every delta up to that day.
CREATE TABLE "report_backlog" (
	"organization_id" uuid NOT NULL REFERENCES "organizations"("id") ON DELETE CASCADE,
	"day" date NOT NULL,
	"status" "ticket_status" NOT NULL,
	"priority" "ticket_priority" NOT NULL,
	"team_id" uuid,
	"tickets" integer NOT NULL,
	"pending" boolean DEFAULT true NOT NULL
);--> statement-breakpoint
CREATE INDEX "report_backlog_org_day_idx" ON "report_backlog" USING btree ("organization_id","day");--> statement-breakpoint
CREATE UNIQUE INDEX "report_backlog_key" ON "report_backlog" ("organization_id","day","status","priority","team_id") NULLS NOT DISTINCT WHERE NOT "pending";--> statement-breakpoint

-- Read-only for the app: only the trigger, the compaction and the rebuild below write them, so no request
-- can make a report say something the tickets do not.
REVOKE INSERT, UPDATE, DELETE, TRUNCATE, TRIGGER, REFERENCES ON "report_daily", "report_agent_daily", "report_durations", "report_backlog" FROM helpdesk_app;--> statement-breakpoint
GRANT SELECT ON "report_daily", "report_agent_daily", "report_durations", "report_backlog" TO helpdesk_app;--> statement-breakpoint

CREATE OR REPLACE FUNCTION report_day(at timestamptz) RETURNS date
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT (at AT TIME ZONE 'UTC')::date $$;--> statement-breakpoint

CREATE OR REPLACE FUNCTION report_bucket(ms bigint) RETURNS smallint
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE WHEN ms < 60000 THEN 0 ELSE least(120, floor(ln(ms / 60000.0) / ln(1.25))::int + 1) END::smallint
$$;--> statement-breakpoint

-- One ticket's contribution to report_daily and report_durations, times `sign` (+1 add, -1 take back).
CREATE OR REPLACE FUNCTION report_contribute(t tickets, sign integer) RETURNS void
LANGUAGE plpgsql SET search_path = pg_catalog, public AS $$
BEGIN
  -- Up to three rows (the day created, the day of the first response, the day solved), written to the
  -- organization's table and to the per-assignee one in one statement.
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
  )
  INSERT INTO report_daily (organization_id, day, priority, team_id, created, solved, first_responses,
    first_response_ms, first_response_targets, first_response_met, resolutions, resolution_ms, resolution_targets, resolution_met)
  SELECT t.organization_id, c.day, t.priority, t.team_id, c.created, c.solved, c.first_responses,
    c.first_response_ms, c.first_response_targets, c.first_response_met, c.resolutions, c.resolution_ms, c.resolution_targets, c.resolution_met
  FROM c;
  IF t.first_responded_at IS NOT NULL AND t.first_response_business_ms IS NOT NULL THEN
    INSERT INTO report_durations (organization_id, day, metric, priority, team_id, bucket, tickets)
    VALUES (t.organization_id, report_day(t.first_responded_at), 1, t.priority, t.team_id, report_bucket(t.first_response_business_ms), sign);
  END IF;
  IF t.resolved_at IS NOT NULL AND t.resolution_business_ms IS NOT NULL THEN
    INSERT INTO report_durations (organization_id, day, metric, priority, team_id, bucket, tickets)
    VALUES (t.organization_id, report_day(t.resolved_at), 2, t.priority, t.team_id, report_bucket(t.resolution_business_ms), sign);
  END IF;
END $$;--> statement-breakpoint

CREATE OR REPLACE FUNCTION report_rollup_capture() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
BEGIN
  -- Bulk loaders (bench:generate) switch capture off and call report_rollups_rebuild() once at the end.
  IF current_setting('helpdesk.report_rollups', true) = 'off' THEN RETURN NULL; END IF;
  IF TG_OP = 'INSERT' THEN
    PERFORM report_contribute(NEW, 1);
    INSERT INTO report_backlog (organization_id, day, status, priority, team_id, tickets)
    VALUES (NEW.organization_id, report_day(NEW.created_at), NEW.status, NEW.priority, NEW.team_id, 1);
  ELSIF TG_OP = 'DELETE' THEN
    -- An organization being deleted takes its rollups with it (cascade): nothing to take back.
    IF NOT EXISTS (SELECT 1 FROM organizations WHERE id = OLD.organization_id) THEN RETURN NULL; END IF;
    PERFORM report_contribute(OLD, -1);
    INSERT INTO report_backlog (organization_id, day, status, priority, team_id, tickets)
    VALUES (OLD.organization_id, report_day(now()), OLD.status, OLD.priority, OLD.team_id, -1);
  ELSE
    IF (OLD.created_at, OLD.priority, OLD.team_id, OLD.assignee_id, OLD.first_responded_at, OLD.resolved_at,
        OLD.first_response_business_ms, OLD.resolution_business_ms, OLD.first_response_due_at, OLD.resolution_due_at)
       IS DISTINCT FROM
       (NEW.created_at, NEW.priority, NEW.team_id, NEW.assignee_id, NEW.first_responded_at, NEW.resolved_at,
        NEW.first_response_business_ms, NEW.resolution_business_ms, NEW.first_response_due_at, NEW.resolution_due_at) THEN
      PERFORM report_contribute(OLD, -1);
      PERFORM report_contribute(NEW, 1);
    END IF;
    -- The backlog moves on the day of the change (the app stamps updated_at with the change's time).
    IF (OLD.status, OLD.priority, OLD.team_id) IS DISTINCT FROM (NEW.status, NEW.priority, NEW.team_id) THEN
      INSERT INTO report_backlog (organization_id, day, status, priority, team_id, tickets)
      VALUES (OLD.organization_id, report_day(NEW.updated_at), OLD.status, OLD.priority, OLD.team_id, -1),
             (NEW.organization_id, report_day(NEW.updated_at), NEW.status, NEW.priority, NEW.team_id, 1);
    END IF;
  END IF;
  RETURN NULL;
END $$;--> statement-breakpoint

SELECT set_config('helpdesk.live_events', 'off', true);--> statement-breakpoint
-- Backfill, before the trigger exists (one pass, no delta rows) and without a live event per ticket (a
-- migration is not news). Where the organization's calendar is 24/7 (no SLA settings, or always open), business time
-- is elapsed time; elsewhere the reports-durations job computes it with the app's calendar code.
UPDATE "tickets" t SET
  "first_response_business_ms" = CASE WHEN t.first_responded_at IS NOT NULL
    THEN greatest(0, (extract(epoch FROM t.first_responded_at - t.created_at) * 1000)::bigint) END,
  "resolution_business_ms" = CASE WHEN t.resolved_at IS NOT NULL
    THEN greatest(0, (extract(epoch FROM t.resolved_at - t.created_at) * 1000)::bigint) END
WHERE (t.first_responded_at IS NOT NULL OR t.resolved_at IS NOT NULL)
  AND NOT EXISTS (SELECT 1 FROM sla_settings s WHERE s.organization_id = t.organization_id AND NOT s.always_open);--> statement-breakpoint
CREATE TRIGGER "tickets_report_rollup" AFTER INSERT OR UPDATE OR DELETE ON "tickets"
FOR EACH ROW EXECUTE FUNCTION report_rollup_capture();--> statement-breakpoint

-- Folds the delta rows into one row per key. One compactor at a time (the advisory lock); writers keep
-- inserting delta rows meanwhile, which the next run takes.
CREATE OR REPLACE FUNCTION report_rollups_compact() RETURNS integer
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
DECLARE
  moved integer := 0;
  n integer;
BEGIN
  PERFORM pg_advisory_xact_lock(hashtext('report_rollups_compact'));
  WITH gone AS (DELETE FROM report_daily WHERE pending RETURNING *)
  INSERT INTO report_daily AS r (organization_id, day, priority, team_id, created, solved,
    first_responses, first_response_ms, resolutions, resolution_ms, first_response_targets, first_response_met,
    resolution_targets, resolution_met, pending)
  SELECT organization_id, day, priority, team_id, sum(created), sum(solved),
    sum(first_responses), sum(first_response_ms), sum(resolutions), sum(resolution_ms), sum(first_response_targets),
    sum(first_response_met), sum(resolution_targets), sum(resolution_met), false
  FROM gone GROUP BY organization_id, day, priority, team_id
  ON CONFLICT (organization_id, day, priority, team_id) WHERE NOT pending DO UPDATE SET
    created = r.created + excluded.created, solved = r.solved + excluded.solved,
    first_responses = r.first_responses + excluded.first_responses, first_response_ms = r.first_response_ms + excluded.first_response_ms,
    resolutions = r.resolutions + excluded.resolutions, resolution_ms = r.resolution_ms + excluded.resolution_ms,
    first_response_targets = r.first_response_targets + excluded.first_response_targets,
    first_response_met = r.first_response_met + excluded.first_response_met,
    resolution_targets = r.resolution_targets + excluded.resolution_targets, resolution_met = r.resolution_met + excluded.resolution_met;
  GET DIAGNOSTICS n = ROW_COUNT; moved := moved + n;
  DELETE FROM report_daily WHERE NOT pending AND created = 0 AND solved = 0 AND first_responses = 0 AND first_response_ms = 0
    AND resolutions = 0 AND resolution_ms = 0 AND first_response_targets = 0 AND first_response_met = 0
    AND resolution_targets = 0 AND resolution_met = 0;

  WITH gone AS (DELETE FROM report_agent_daily WHERE pending RETURNING *)
  INSERT INTO report_agent_daily AS r (organization_id, day, priority, team_id, assignee_id, created, solved,
    first_responses, first_response_ms, resolutions, resolution_ms, first_response_targets, first_response_met,
    resolution_targets, resolution_met, pending)
  SELECT organization_id, day, priority, team_id, assignee_id, sum(created), sum(solved),
    sum(first_responses), sum(first_response_ms), sum(resolutions), sum(resolution_ms), sum(first_response_targets),
    sum(first_response_met), sum(resolution_targets), sum(resolution_met), false
  FROM gone GROUP BY organization_id, day, priority, team_id, assignee_id
  ON CONFLICT (organization_id, day, priority, team_id, assignee_id) WHERE NOT pending DO UPDATE SET
    created = r.created + excluded.created, solved = r.solved + excluded.solved,
    first_responses = r.first_responses + excluded.first_responses, first_response_ms = r.first_response_ms + excluded.first_response_ms,
    resolutions = r.resolutions + excluded.resolutions, resolution_ms = r.resolution_ms + excluded.resolution_ms,
    first_response_targets = r.first_response_targets + excluded.first_response_targets,
    first_response_met = r.first_response_met + excluded.first_response_met,
    resolution_targets = r.resolution_targets + excluded.resolution_targets, resolution_met = r.resolution_met + excluded.resolution_met;
  GET DIAGNOSTICS n = ROW_COUNT; moved := moved + n;
  DELETE FROM report_agent_daily WHERE NOT pending AND created = 0 AND solved = 0 AND first_responses = 0 AND first_response_ms = 0
    AND resolutions = 0 AND resolution_ms = 0 AND first_response_targets = 0 AND first_response_met = 0
    AND resolution_targets = 0 AND resolution_met = 0;

  WITH gone AS (DELETE FROM report_durations WHERE pending RETURNING *)
  INSERT INTO report_durations AS r (organization_id, day, metric, priority, team_id, bucket, tickets, pending)
  SELECT organization_id, day, metric, priority, team_id, bucket, sum(tickets), false
  FROM gone GROUP BY organization_id, day, metric, priority, team_id, bucket
  ON CONFLICT (organization_id, day, metric, priority, team_id, bucket) WHERE NOT pending DO UPDATE SET tickets = r.tickets + excluded.tickets;
  GET DIAGNOSTICS n = ROW_COUNT; moved := moved + n;
  DELETE FROM report_durations WHERE NOT pending AND tickets = 0;

  WITH gone AS (DELETE FROM report_backlog WHERE pending RETURNING *)
  INSERT INTO report_backlog AS r (organization_id, day, status, priority, team_id, tickets, pending)
  SELECT organization_id, day, status, priority, team_id, sum(tickets), false
  FROM gone GROUP BY organization_id, day, status, priority, team_id
  ON CONFLICT (organization_id, day, status, priority, team_id) WHERE NOT pending DO UPDATE SET tickets = r.tickets + excluded.tickets;
  GET DIAGNOSTICS n = ROW_COUNT; moved := moved + n;
  DELETE FROM report_backlog WHERE NOT pending AND tickets = 0;
  RETURN moved;
END $$;--> statement-breakpoint
-- Functions are callable by everyone unless revoked: the app may fold deltas, never write or rebuild.
REVOKE ALL ON FUNCTION report_contribute(tickets, integer) FROM PUBLIC;--> statement-breakpoint
REVOKE ALL ON FUNCTION report_rollup_capture() FROM PUBLIC;--> statement-breakpoint
REVOKE ALL ON FUNCTION report_rollups_compact() FROM PUBLIC;--> statement-breakpoint
GRANT EXECUTE ON FUNCTION report_rollups_compact() TO helpdesk_app;--> statement-breakpoint

-- Rebuilds every rollup from the tickets and their timeline (this migration's backfill; bulk loaders).
-- The backlog's history comes from ticket_activity: each ticket starts in the status, priority and team
-- its first recorded change moved it from (or where it is now), and moves with each recorded change. A
-- finished ticket with no recorded status change (written before the timeline existed) counts as open
-- from its creation until it was resolved.
CREATE OR REPLACE FUNCTION report_rollups_rebuild() RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
BEGIN
  PERFORM pg_advisory_xact_lock(hashtext('report_rollups_compact'));
  TRUNCATE report_daily, report_agent_daily, report_durations, report_backlog;

  INSERT INTO report_agent_daily (organization_id, day, priority, team_id, assignee_id, created, solved,
    first_responses, first_response_ms, resolutions, resolution_ms, first_response_targets, first_response_met,
    resolution_targets, resolution_met, pending)
  SELECT organization_id, day, priority, team_id, assignee_id, sum(created), sum(solved), sum(fr), sum(fr_ms),
    sum(res), sum(res_ms), sum(fr_targets), sum(fr_met), sum(res_targets), sum(res_met), false
  FROM (
    SELECT organization_id, report_day(created_at) AS day, priority, team_id, assignee_id, 1 AS created, 0 AS solved,
      0 AS fr, 0::bigint AS fr_ms, 0 AS res, 0::bigint AS res_ms, 0 AS fr_targets, 0 AS fr_met, 0 AS res_targets, 0 AS res_met
    FROM tickets
    UNION ALL
    SELECT organization_id, report_day(first_responded_at), priority, team_id, assignee_id, 0, 0,
      (first_response_business_ms IS NOT NULL)::int, coalesce(first_response_business_ms, 0), 0, 0,
      (first_response_due_at IS NOT NULL)::int, (first_response_due_at IS NOT NULL AND first_responded_at <= first_response_due_at)::int, 0, 0
    FROM tickets WHERE first_responded_at IS NOT NULL
    UNION ALL
    SELECT organization_id, report_day(resolved_at), priority, team_id, assignee_id, 0, 1, 0, 0,
      (resolution_business_ms IS NOT NULL)::int, coalesce(resolution_business_ms, 0), 0, 0,
      (resolution_due_at IS NOT NULL)::int, (resolution_due_at IS NOT NULL AND resolved_at <= resolution_due_at)::int
    FROM tickets WHERE resolved_at IS NOT NULL
  ) c
  GROUP BY organization_id, day, priority, team_id, assignee_id;

  INSERT INTO report_daily (organization_id, day, priority, team_id, created, solved, first_responses, first_response_ms,
    resolutions, resolution_ms, first_response_targets, first_response_met, resolution_targets, resolution_met, pending)
  SELECT organization_id, day, priority, team_id, sum(created), sum(solved), sum(first_responses), sum(first_response_ms),
    sum(resolutions), sum(resolution_ms), sum(first_response_targets), sum(first_response_met), sum(resolution_targets), sum(resolution_met), false
  FROM report_agent_daily GROUP BY organization_id, day, priority, team_id;

  INSERT INTO report_durations (organization_id, day, metric, priority, team_id, bucket, tickets, pending)
  SELECT organization_id, day, metric, priority, team_id, bucket, count(*), false
  FROM (
    SELECT organization_id, report_day(first_responded_at) AS day, 1::smallint AS metric, priority, team_id, report_bucket(first_response_business_ms) AS bucket
    FROM tickets WHERE first_responded_at IS NOT NULL AND first_response_business_ms IS NOT NULL
    UNION ALL
    SELECT organization_id, report_day(resolved_at), 2::smallint, priority, team_id, report_bucket(resolution_business_ms)
    FROM tickets WHERE resolved_at IS NOT NULL AND resolution_business_ms IS NOT NULL
  ) d
  GROUP BY organization_id, day, metric, priority, team_id, bucket;

  INSERT INTO report_backlog (organization_id, day, status, priority, team_id, tickets, pending)
  WITH changes AS (
    SELECT a.ticket_id, a.seq, a.created_at, a.field, a.from_value, a.to_value
    FROM ticket_activity a WHERE a.field IN ('status', 'priority', 'team')
  ),
  firsts AS (
    SELECT ticket_id,
      (array_agg(from_value ORDER BY seq) FILTER (WHERE field = 'status'))[1] AS status0,
      (array_agg(from_value ORDER BY seq) FILTER (WHERE field = 'priority'))[1] AS priority0,
      (array_agg(coalesce(from_value, '') ORDER BY seq) FILTER (WHERE field = 'team'))[1] AS team0
    FROM changes GROUP BY ticket_id
  ),
  events AS (
    -- Creation, in the ticket's first state.
    SELECT t.id AS ticket_id, t.organization_id, t.created_at AS at, 0::bigint AS seq, NULL::text AS field, NULL::text AS to_value,
      coalesce(f.status0, CASE WHEN t.status IN ('resolved', 'closed') THEN 'open' ELSE t.status::text END) AS status0,
      coalesce(f.priority0, t.priority::text) AS priority0,
      CASE WHEN f.team0 IS NULL THEN coalesce(t.team_id::text, '') ELSE f.team0 END AS team0
    FROM tickets t LEFT JOIN firsts f ON f.ticket_id = t.id
    UNION ALL
    SELECT c.ticket_id, t.organization_id, c.created_at, c.seq, c.field, coalesce(c.to_value, ''), NULL, NULL, NULL
    FROM changes c JOIN tickets t ON t.id = c.ticket_id
    UNION ALL
    -- Finished before the timeline recorded status changes: open until resolved.
    SELECT t.id, t.organization_id, coalesce(t.resolved_at, t.updated_at), 9223372036854775807, 'status', t.status::text, NULL, NULL, NULL
    FROM tickets t
    WHERE t.status IN ('resolved', 'closed') AND NOT EXISTS (SELECT 1 FROM changes c WHERE c.ticket_id = t.id AND c.field = 'status')
  ),
  states AS (
    SELECT ticket_id, organization_id, at, seq,
      coalesce((array_agg(to_value) FILTER (WHERE field = 'status') OVER w)[count(*) FILTER (WHERE field = 'status') OVER w],
               first_value(status0) OVER w) AS status,
      coalesce((array_agg(to_value) FILTER (WHERE field = 'priority') OVER w)[count(*) FILTER (WHERE field = 'priority') OVER w],
               first_value(priority0) OVER w) AS priority,
      coalesce((array_agg(to_value) FILTER (WHERE field = 'team') OVER w)[count(*) FILTER (WHERE field = 'team') OVER w],
               first_value(team0) OVER w) AS team
    FROM events
    WINDOW w AS (PARTITION BY ticket_id ORDER BY seq ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)
  ),
  moves AS (
    SELECT organization_id, report_day(at) AS day, status, priority, team, 1 AS tickets FROM states
    UNION ALL
    SELECT organization_id, report_day(at), prev_status, prev_priority, prev_team, -1
    FROM (
      SELECT organization_id, at,
        lag(status) OVER p AS prev_status, lag(priority) OVER p AS prev_priority, lag(team) OVER p AS prev_team
      FROM states WINDOW p AS (PARTITION BY ticket_id ORDER BY seq)
    ) x WHERE prev_status IS NOT NULL
  )
  SELECT organization_id, day, status::ticket_status, priority::ticket_priority, nullif(team, '')::uuid, sum(tickets), false
  FROM moves
  GROUP BY organization_id, day, status, priority, team
  HAVING sum(tickets) <> 0;
END $$;--> statement-breakpoint

REVOKE ALL ON FUNCTION report_rollups_rebuild() FROM PUBLIC;--> statement-breakpoint
SELECT report_rollups_rebuild();--> statement-breakpoint
-- Live events back on for the rest of this transaction (the migrator runs every pending file in one).
SELECT set_config('helpdesk.live_events', '', true);
