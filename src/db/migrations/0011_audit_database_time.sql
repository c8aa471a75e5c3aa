-- Gap left from issue 9 item 3 (S12 "server timestamp"): audit_append() stored whatever created_at the app
-- role passed, so the app could append an event dated last year (or next year) and the chain still
-- verified. From here on the DATABASE chooses every event's time: audit_chain_next() takes it from the
-- database's clock while it locks the head, hands it out with the link and remembers it in the head row
-- together with the transaction; audit_append() accepts exactly that time, in that transaction, shortly
-- after, and nothing else. The fake clock of the tests (src/lib/clock) no longer reaches audit times;
-- tests that need old events write them as the owner (tests/support/owner-db.ts).

-- 1. Chains written before this migration carry the app's clock, which may step back (several app
-- servers, clock skew): the verifier checks time order only from `db_time_from_seq` on, the first event
-- the database timed. New chains start database-timed at 1. `next_at`/`next_xact` hold the time
-- audit_chain_next() handed out and the transaction it belongs to. The app role keeps SELECT only.
ALTER TABLE "audit_chain_heads" ADD COLUMN "db_time_from_seq" bigint DEFAULT 1 NOT NULL;--> statement-breakpoint
UPDATE "audit_chain_heads" SET "db_time_from_seq" = "last_seq" + 1;--> statement-breakpoint
ALTER TABLE "audit_chain_heads" ADD COLUMN "next_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "audit_chain_heads" ADD COLUMN "next_xact" bigint;--> statement-breakpoint

-- 2. The time of a chain's next event: the database's clock to the millisecond (the hash covers
-- milliseconds), never earlier than the chain's last database-timed event, so a clock stepped back by NTP
-- cannot make the chain's time run backwards. Called only under the head lock, by the functions below.
CREATE OR REPLACE FUNCTION audit_next_event_time(p_org uuid) RETURNS timestamptz
LANGUAGE sql VOLATILE SET search_path = pg_catalog, public AS $$
  SELECT greatest(date_trunc('milliseconds', clock_timestamp()), (
    SELECT e."created_at" FROM "audit_chain_heads" h
      JOIN "audit_events" e ON e."organization_id" = h."organization_id" AND e."seq" = h."last_seq"
      WHERE h."organization_id" = p_org AND h."last_seq" >= h."db_time_from_seq"))
$$;--> statement-breakpoint

-- 3. The link now carries its time. The result type changes, so the function is replaced, not altered.
DROP FUNCTION IF EXISTS audit_chain_next(uuid);--> statement-breakpoint
CREATE FUNCTION audit_chain_next(p_org uuid) RETURNS TABLE (seq bigint, prev_hash varchar, created_at timestamptz)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
DECLARE
  v_at timestamptz;
BEGIN
  INSERT INTO "audit_chain_heads" ("organization_id") VALUES (p_org) ON CONFLICT DO NOTHING;
  PERFORM 1 FROM "audit_chain_heads" h WHERE h."organization_id" = p_org FOR UPDATE;
  v_at := audit_next_event_time(p_org);
  UPDATE "audit_chain_heads" h SET "next_at" = v_at, "next_xact" = pg_current_xact_id()::text::bigint WHERE h."organization_id" = p_org;
  RETURN QUERY SELECT h."last_seq" + 1, h."last_hash", v_at FROM "audit_chain_heads" h WHERE h."organization_id" = p_org;
END $$;--> statement-breakpoint

-- 4. audit_append() keeps its signature (the hash, computed in TypeScript, covers created_at) but accepts
-- only the time audit_chain_next() handed out: in this transaction (a time left in the head by an earlier
-- transaction is not reusable later, i.e. backdated), at most 60 seconds ago (the app calls the two back to
-- back; a transaction that sits on the head lock cannot date an event long before it is written). The
-- head lock is held from audit_chain_next() to commit, so no other event can come in between.
CREATE OR REPLACE FUNCTION audit_append(
  p_org uuid, p_seq bigint, p_prev_hash varchar, p_hash varchar, p_actor_id text, p_action varchar,
  p_target_type varchar, p_target_id text, p_data jsonb, p_ip varchar, p_user_agent varchar, p_created_at timestamptz
) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
DECLARE
  v_head "audit_chain_heads"%ROWTYPE;
BEGIN
  -- Only the database writes these: a forged "audit.pruned" must not explain away a moved anchor.
  IF p_action IN ('audit.pruned', 'audit.retention_changed') THEN
    RAISE EXCEPTION 'audit action % is written by the database only', p_action USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF p_hash !~ '^[0-9a-f]{64}$' THEN
    RAISE EXCEPTION 'audit event hash must be 64 hex digits' USING ERRCODE = 'check_violation';
  END IF;
  SELECT * INTO v_head FROM "audit_chain_heads" WHERE "organization_id" = p_org FOR UPDATE;
  IF NOT FOUND OR p_seq IS DISTINCT FROM v_head."last_seq" + 1 OR p_prev_hash IS DISTINCT FROM v_head."last_hash" THEN
    RAISE EXCEPTION 'audit event does not follow the chain head of organization %', p_org USING ERRCODE = 'check_violation';
  END IF;
  IF v_head."next_at" IS NULL OR v_head."next_xact" IS DISTINCT FROM pg_current_xact_id()::text::bigint THEN
    RAISE EXCEPTION 'audit event time is taken by audit_chain_next() in the same transaction' USING ERRCODE = 'check_violation';
  END IF;
  IF p_created_at IS DISTINCT FROM v_head."next_at" THEN
    RAISE EXCEPTION 'audit event time is the database''s: % (audit_chain_next), not %', v_head."next_at", p_created_at USING ERRCODE = 'check_violation';
  END IF;
  IF clock_timestamp() - v_head."next_at" > interval '60 seconds' THEN
    RAISE EXCEPTION 'audit event time is stale: audit_chain_next() ran more than 60 seconds ago' USING ERRCODE = 'check_violation';
  END IF;
  INSERT INTO "audit_events" ("organization_id", "seq", "actor_id", "action", "target_type", "target_id", "data", "ip", "user_agent", "created_at", "prev_hash", "hash")
    VALUES (p_org, p_seq, p_actor_id, p_action, p_target_type, p_target_id, coalesce(p_data, '{}'::jsonb), p_ip, p_user_agent, p_created_at, p_prev_hash, p_hash);
  UPDATE "audit_chain_heads" SET "last_seq" = p_seq, "last_hash" = p_hash, "next_at" = NULL, "next_xact" = NULL WHERE "organization_id" = p_org;
END $$;--> statement-breakpoint

-- 5. The database's own events (retention, retention changes) took now(), the transaction's START: a
-- transaction that waited for the head lock wrote an event earlier than the one it waited for. They take
-- the same time as the app's events now, after the lock.
CREATE OR REPLACE FUNCTION audit_append_internal(p_org uuid, p_action varchar, p_target_type varchar, p_data jsonb) RETURNS bigint
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
DECLARE
  v_head "audit_chain_heads"%ROWTYPE;
  v_seq bigint;
  v_at timestamptz;
  v_hash varchar(64);
BEGIN
  INSERT INTO "audit_chain_heads" ("organization_id") VALUES (p_org) ON CONFLICT DO NOTHING;
  SELECT * INTO v_head FROM "audit_chain_heads" WHERE "organization_id" = p_org FOR UPDATE;
  v_seq := v_head."last_seq" + 1;
  v_at := audit_next_event_time(p_org);
  v_hash := encode(sha256(convert_to(
    audit_canonical_json(jsonb_build_object(
      'organizationId', p_org::text, 'seq', v_seq, 'actorId', NULL, 'action', p_action,
      'targetType', p_target_type, 'targetId', NULL, 'data', coalesce(p_data, '{}'::jsonb), 'ip', NULL, 'userAgent', NULL,
      'createdAt', to_char(v_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')))
    || E'\n' || v_head."last_hash", 'UTF8')), 'hex');
  INSERT INTO "audit_events" ("organization_id", "seq", "actor_id", "action", "target_type", "target_id", "data", "ip", "user_agent", "created_at", "prev_hash", "hash")
    VALUES (p_org, v_seq, NULL, p_action, p_target_type, NULL, coalesce(p_data, '{}'::jsonb), NULL, NULL, v_at, v_head."last_hash", v_hash);
  UPDATE "audit_chain_heads" SET "last_seq" = v_seq, "last_hash" = v_hash WHERE "organization_id" = p_org;
  RETURN v_seq;
END $$;--> statement-breakpoint

REVOKE ALL ON FUNCTION audit_next_event_time(uuid) FROM PUBLIC;--> statement-breakpoint
REVOKE ALL ON FUNCTION audit_chain_next(uuid) FROM PUBLIC;--> statement-breakpoint
GRANT EXECUTE ON FUNCTION audit_chain_next(uuid) TO helpdesk_app;--> statement-breakpoint
-- Unchanged, restated: the app role reads the audit tables and writes them only through the functions.
REVOKE INSERT, UPDATE, DELETE, TRUNCATE, TRIGGER, REFERENCES ON "audit_chain_heads", "audit_events" FROM helpdesk_app;
