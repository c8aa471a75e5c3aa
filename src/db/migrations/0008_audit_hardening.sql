-- Issue 9 item 3 (S12): the app's role could erase an organization's audit trail. `audit_prune(org, seq)`
-- let the caller choose the cut-off (the whole chain), and helpdesk_app could write audit_chain_heads
-- directly. From here on the app role only READS the audit tables; every write goes through the
-- SECURITY DEFINER functions below (owned by the migration owner, search_path pinned), which keep the
-- chain linked, choose the retention cut-off themselves and record what they do in the chain.

-- 1. No direct writes by the app role: SELECT only, on both tables.
REVOKE INSERT, UPDATE, DELETE, TRUNCATE, TRIGGER, REFERENCES ON "audit_chain_heads" FROM helpdesk_app;--> statement-breakpoint
REVOKE INSERT, UPDATE, DELETE, TRUNCATE, TRIGGER, REFERENCES ON "audit_events" FROM helpdesk_app;--> statement-breakpoint
GRANT SELECT ON "audit_chain_heads", "audit_events" TO helpdesk_app;--> statement-breakpoint
-- The client-chosen cut-off is gone for good (the old two-argument signature).
DROP FUNCTION IF EXISTS audit_prune(uuid, bigint);--> statement-breakpoint

-- 2. The canonical encoding of src/domain/audit/audit-hash.ts, in SQL, for the events the database writes
-- itself (retention, retention changes). Keys sorted bytewise at every depth, no whitespace; strings and
-- numbers as jsonb prints them (the same as JSON.stringify for the strings and integers written here).
CREATE OR REPLACE FUNCTION audit_canonical_json(v jsonb) RETURNS text
LANGUAGE plpgsql IMMUTABLE SET search_path = pg_catalog AS $$
DECLARE
  out text;
BEGIN
  IF v IS NULL THEN RETURN 'null'; END IF;
  CASE jsonb_typeof(v)
    WHEN 'object' THEN
      SELECT '{' || coalesce(string_agg(to_json(k)::text || ':' || public.audit_canonical_json(v -> k), ',' ORDER BY k COLLATE "C"), '') || '}'
        INTO out FROM jsonb_object_keys(v) AS k;
    WHEN 'array' THEN
      SELECT '[' || coalesce(string_agg(public.audit_canonical_json(e), ',' ORDER BY i), '') || ']'
        INTO out FROM jsonb_array_elements(v) WITH ORDINALITY AS t(e, i);
    ELSE
      out := v::text;
  END CASE;
  RETURN out;
END $$;--> statement-breakpoint

-- Appends an event whose content the database decides (never callable by the app role directly):
-- takes the locked head, computes the hash exactly as auditEventHash() does, inserts, moves the head.
CREATE OR REPLACE FUNCTION audit_append_internal(p_org uuid, p_action varchar, p_target_type varchar, p_data jsonb) RETURNS bigint
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
DECLARE
  v_head "audit_chain_heads"%ROWTYPE;
  v_seq bigint;
  v_at timestamptz := date_trunc('milliseconds', now());
  v_hash varchar(64);
BEGIN
  INSERT INTO "audit_chain_heads" ("organization_id") VALUES (p_org) ON CONFLICT DO NOTHING;
  SELECT * INTO v_head FROM "audit_chain_heads" WHERE "organization_id" = p_org FOR UPDATE;
  v_seq := v_head."last_seq" + 1;
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

-- 3. The app's append, in two steps because the hash is computed in TypeScript (audit-hash.ts) over the
-- sequence number: audit_chain_next() locks the head row for the rest of the caller's transaction (so
-- concurrent writers append one after another) and says which seq/prev_hash come next; audit_append()
-- accepts exactly that link and nothing else, so the head only ever moves forward by one stored event.
CREATE OR REPLACE FUNCTION audit_chain_next(p_org uuid) RETURNS TABLE (seq bigint, prev_hash varchar)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
BEGIN
  INSERT INTO "audit_chain_heads" ("organization_id") VALUES (p_org) ON CONFLICT DO NOTHING;
  RETURN QUERY SELECT h."last_seq" + 1, h."last_hash" FROM "audit_chain_heads" h WHERE h."organization_id" = p_org FOR UPDATE;
END $$;--> statement-breakpoint

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
  INSERT INTO "audit_events" ("organization_id", "seq", "actor_id", "action", "target_type", "target_id", "data", "ip", "user_agent", "created_at", "prev_hash", "hash")
    VALUES (p_org, p_seq, p_actor_id, p_action, p_target_type, p_target_id, coalesce(p_data, '{}'::jsonb), p_ip, p_user_agent, p_created_at, p_prev_hash, p_hash);
  UPDATE "audit_chain_heads" SET "last_seq" = p_seq, "last_hash" = p_hash WHERE "organization_id" = p_org;
END $$;--> statement-breakpoint

-- 4. Retention setting: same bounds as the admin form (30..3650 days, or NULL = keep forever), and every
-- change is recorded in the chain by the database itself, whoever calls it.
CREATE OR REPLACE FUNCTION audit_set_retention(p_org uuid, p_days integer) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
DECLARE
  v_before integer;
BEGIN
  IF p_days IS NOT NULL AND (p_days < 30 OR p_days > 3650) THEN
    RAISE EXCEPTION 'audit retention must be between 30 and 3650 days, or unset' USING ERRCODE = 'check_violation';
  END IF;
  INSERT INTO "audit_chain_heads" ("organization_id") VALUES (p_org) ON CONFLICT DO NOTHING;
  SELECT "retention_days" INTO v_before FROM "audit_chain_heads" WHERE "organization_id" = p_org FOR UPDATE;
  IF v_before IS NOT DISTINCT FROM p_days THEN RETURN; END IF;
  UPDATE "audit_chain_heads" SET "retention_days" = p_days WHERE "organization_id" = p_org;
  PERFORM audit_append_internal(p_org, 'audit.retention_changed', 'audit', jsonb_build_object('from', v_before, 'to', p_days));
END $$;--> statement-breakpoint

-- 5. Retention itself. The caller names only the organization: the cut-off is now() minus that
-- organization's retention setting (nothing is removed while it is unset), the newest event always
-- stays, and the pruning is appended to the chain with what it removed and the new anchor.
CREATE OR REPLACE FUNCTION audit_prune(p_org uuid) RETURNS integer
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
DECLARE
  v_head "audit_chain_heads"%ROWTYPE;
  v_cutoff timestamptz;
  v_through bigint;
  v_anchor varchar(64);
  v_count integer;
BEGIN
  SELECT * INTO v_head FROM "audit_chain_heads" WHERE "organization_id" = p_org FOR UPDATE;
  IF NOT FOUND OR v_head."retention_days" IS NULL OR v_head."retention_days" < 1 THEN
    RAISE EXCEPTION 'organization % has no audit retention period; nothing may be pruned', p_org USING ERRCODE = 'check_violation';
  END IF;
  v_cutoff := now() - make_interval(days => v_head."retention_days");
  SELECT max("seq") INTO v_through FROM "audit_events"
    WHERE "organization_id" = p_org AND "created_at" < v_cutoff AND "seq" < v_head."last_seq";
  IF v_through IS NULL OR v_through <= v_head."anchor_seq" THEN
    RETURN 0;
  END IF;
  SELECT "hash" INTO v_anchor FROM "audit_events" WHERE "organization_id" = p_org AND "seq" = v_through;
  PERFORM set_config('helpdesk.audit_prune_org', p_org::text, true);
  DELETE FROM "audit_events" WHERE "organization_id" = p_org AND "seq" <= v_through;
  GET DIAGNOSTICS v_count = ROW_COUNT;
  PERFORM set_config('helpdesk.audit_prune_org', '', true);
  UPDATE "audit_chain_heads" SET "anchor_seq" = v_through, "anchor_hash" = v_anchor WHERE "organization_id" = p_org;
  PERFORM audit_append_internal(p_org, 'audit.pruned', 'audit', jsonb_build_object(
    'removed', v_count, 'throughSeq', v_through, 'anchorHash', v_anchor, 'retentionDays', v_head."retention_days",
    'cutoff', to_char(v_cutoff AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')));
  RETURN v_count;
END $$;--> statement-breakpoint

REVOKE ALL ON FUNCTION audit_canonical_json(jsonb) FROM PUBLIC;--> statement-breakpoint
REVOKE ALL ON FUNCTION audit_append_internal(uuid, varchar, varchar, jsonb) FROM PUBLIC;--> statement-breakpoint
REVOKE ALL ON FUNCTION audit_chain_next(uuid) FROM PUBLIC;--> statement-breakpoint
REVOKE ALL ON FUNCTION audit_append(uuid, bigint, varchar, varchar, text, varchar, varchar, text, jsonb, varchar, varchar, timestamptz) FROM PUBLIC;--> statement-breakpoint
REVOKE ALL ON FUNCTION audit_set_retention(uuid, integer) FROM PUBLIC;--> statement-breakpoint
REVOKE ALL ON FUNCTION audit_prune(uuid) FROM PUBLIC;--> statement-breakpoint
GRANT EXECUTE ON FUNCTION audit_chain_next(uuid) TO helpdesk_app;--> statement-breakpoint
GRANT EXECUTE ON FUNCTION audit_append(uuid, bigint, varchar, varchar, text, varchar, varchar, text, jsonb, varchar, varchar, timestamptz) TO helpdesk_app;--> statement-breakpoint
GRANT EXECUTE ON FUNCTION audit_set_retention(uuid, integer) TO helpdesk_app;--> statement-breakpoint
GRANT EXECUTE ON FUNCTION audit_prune(uuid) TO helpdesk_app;--> statement-breakpoint

-- 6. pg-boss keeps its own schema. When the app logs in as a member-only role of helpdesk_app (the
-- production setup the start-up check demands), that role must be able to install and use it.
CREATE SCHEMA IF NOT EXISTS pgboss;--> statement-breakpoint
GRANT USAGE, CREATE ON SCHEMA pgboss TO helpdesk_app;--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA pgboss TO helpdesk_app;--> statement-breakpoint
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA pgboss TO helpdesk_app;--> statement-breakpoint
GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA pgboss TO helpdesk_app;--> statement-breakpoint
ALTER DEFAULT PRIVILEGES IN SCHEMA pgboss GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO helpdesk_app;--> statement-breakpoint
ALTER DEFAULT PRIVILEGES IN SCHEMA pgboss GRANT USAGE, SELECT ON SEQUENCES TO helpdesk_app;
