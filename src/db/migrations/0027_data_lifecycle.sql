-- Issue 14 "Data lifecycle": retention of closed tickets per organization, erasure of a person on request,
-- and an audit chain that stays verifiable after both (docs/decisions/erasure-and-the-audit-chain.md).

-- 1. The retention rule: closed tickets untouched for N months are deleted or anonymised by the job
-- ticket-retention (src/jobs/ticket-retention.job.ts). NULL months = keep forever.
ALTER TABLE "organizations" ADD COLUMN "closed_ticket_retention_months" integer;--> statement-breakpoint
ALTER TABLE "organizations" ADD COLUMN "closed_ticket_retention_action" varchar(10) DEFAULT 'anonymise' NOT NULL;--> statement-breakpoint
ALTER TABLE "organizations" ADD CONSTRAINT "organizations_closed_ticket_retention_months_check"
  CHECK ("closed_ticket_retention_months" IS NULL OR "closed_ticket_retention_months" BETWEEN 1 AND 120);--> statement-breakpoint
ALTER TABLE "organizations" ADD CONSTRAINT "organizations_closed_ticket_retention_action_check"
  CHECK ("closed_ticket_retention_action" IN ('delete', 'anonymise'));--> statement-breakpoint
-- Set when retention anonymised the ticket: the job's marker, so a second run (or a second worker) skips it.
ALTER TABLE "tickets" ADD COLUMN "anonymised_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "tickets_org_closed_retention_idx" ON "tickets" ("organization_id", "updated_at") WHERE "status" = 'closed' AND "anonymised_at" IS NULL;--> statement-breakpoint
-- Set when the person was erased: the row stays (tickets and comments point at it) but holds no name or address.
ALTER TABLE "users" ADD COLUMN "erased_at" timestamp with time zone;--> statement-breakpoint

-- 2. Replacing a person's name and address inside text and jsonb, case-insensitively. Used by the erasure's
-- sweep of the organization's tables (src/db/scoped/erasure.ts) and by the audit redaction below.
CREATE OR REPLACE FUNCTION erase_personal_text(v text, needles text[]) RETURNS text
LANGUAGE plpgsql IMMUTABLE SET search_path = pg_catalog AS $$
DECLARE
  n text;
BEGIN
  IF v IS NULL THEN RETURN NULL; END IF;
  FOREACH n IN ARRAY coalesce(needles, '{}'::text[]) LOOP
    IF n IS NOT NULL AND n <> '' THEN
      v := regexp_replace(v, regexp_replace(n, '([!$()*+.:<=>?[\\\]^{|}#-])', '\\\1', 'g'), '[erased]', 'gi');
    END IF;
  END LOOP;
  RETURN v;
END $$;--> statement-breakpoint

CREATE OR REPLACE FUNCTION erase_personal_jsonb(v jsonb, needles text[]) RETURNS jsonb
LANGUAGE plpgsql IMMUTABLE SET search_path = pg_catalog, public AS $$
DECLARE
  out jsonb;
BEGIN
  IF v IS NULL THEN RETURN NULL; END IF;
  CASE jsonb_typeof(v)
    WHEN 'object' THEN
      SELECT coalesce(jsonb_object_agg(k, public.erase_personal_jsonb(v -> k, needles)), '{}'::jsonb) INTO out FROM jsonb_object_keys(v) AS k;
    WHEN 'array' THEN
      SELECT coalesce(jsonb_agg(public.erase_personal_jsonb(e, needles) ORDER BY i), '[]'::jsonb) INTO out FROM jsonb_array_elements(v) WITH ORDINALITY AS t(e, i);
    WHEN 'string' THEN
      out := to_jsonb(public.erase_personal_text(v #>> '{}', needles));
    ELSE
      out := v;
  END CASE;
  RETURN out;
END $$;--> statement-breakpoint

-- The live-event log (migration 0018) is append-only for the app; it holds ids only, but an erasure also
-- forgets which events were the erased person's own (their notifications, their "read" marks).
CREATE OR REPLACE FUNCTION live_events_forget_user(p_org uuid, p_user text) RETURNS bigint
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
DECLARE
  v_count bigint;
BEGIN
  DELETE FROM "live_events" WHERE "organization_id" = p_org AND ("user_id" = p_user OR "row_id" = p_user);
  GET DIAGNOSTICS v_count = ROW_COUNT;
  RETURN v_count;
END $$;--> statement-breakpoint
REVOKE ALL ON FUNCTION live_events_forget_user(uuid, text) FROM PUBLIC;--> statement-breakpoint
GRANT EXECUTE ON FUNCTION live_events_forget_user(uuid, text) TO helpdesk_app;--> statement-breakpoint

-- 3. The append-only rule gets one more exception, as narrow as retention's: inside audit_erase_person()
-- (which sets helpdesk.audit_redact_org for its own organization) an UPDATE may change `data` and
-- `target_id` of that organization's events, nothing else. The app role still has no UPDATE right at all.
CREATE OR REPLACE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' AND current_setting('helpdesk.audit_prune_org', true) = OLD.organization_id::text THEN
    RETURN OLD;
  END IF;
  IF TG_OP = 'UPDATE' AND current_setting('helpdesk.audit_redact_org', true) = OLD.organization_id::text
     AND NEW.id = OLD.id AND NEW.organization_id = OLD.organization_id AND NEW.seq = OLD.seq
     AND NEW.actor_id IS NOT DISTINCT FROM OLD.actor_id AND NEW.action = OLD.action AND NEW.target_type = OLD.target_type
     AND NEW.ip IS NOT DISTINCT FROM OLD.ip AND NEW.user_agent IS NOT DISTINCT FROM OLD.user_agent
     AND NEW.created_at = OLD.created_at AND NEW.prev_hash = OLD.prev_hash AND NEW.hash = OLD.hash THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'audit_events is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END $$;--> statement-breakpoint

-- 4. The seal of a redacted event: SHA-256 over its stored columns exactly as the verifier reads them (COPY
-- text: times in UTC, ISO style; jsonb as jsonb prints it), each as "<octets>:<text>\n" or "-\n" for NULL.
-- The verifier (src/domain/audit/walk-chain.ts, sealOfRow) computes the same from the streamed row.
CREATE OR REPLACE FUNCTION audit_seal(e "audit_events") RETURNS varchar
LANGUAGE sql STABLE SET search_path = pg_catalog, public SET "TimeZone" = 'UTC' SET "DateStyle" = 'ISO, MDY' AS $$
  SELECT encode(sha256(convert_to('helpdesk.audit.seal.v1' || E'\n' || string_agg(
    CASE WHEN f IS NULL THEN '-' ELSE octet_length(f)::text || ':' || f END || E'\n', '' ORDER BY i), 'UTF8')), 'hex')
  FROM unnest(ARRAY[e.seq::text, e.actor_id, e.action::text, e.target_type::text, e.target_id, e.data::text, e.ip::text,
    e.user_agent::text, e.created_at::text, e.prev_hash::text, e.hash::text]) WITH ORDINALITY AS t(f, i)
$$;--> statement-breakpoint

-- 5. Erasing a person from an organization's audit trail, inside the erasure's transaction. The database,
-- not the caller, decides what is erased: the person's current name and address (read here, before the
-- app anonymises the row) in their stored, lower-case and Unicode-normalised forms. Every event of the
-- organization whose data or target holds one of them gets those strings replaced by "[erased]"; its hash
-- is kept (the next event links to it), and its new content is sealed: the "person.erased" event appended
-- here lists {seq, seal} for every redacted event and is itself chained, so the verifier accepts a redacted
-- event only when its stored content matches a seal a later, intact event recorded. A name shorter than
-- four characters is not searched for (it would erase unrelated words); the address always is.
CREATE OR REPLACE FUNCTION audit_erase_person(p_org uuid, p_user text, p_actor text, p_ip varchar, p_user_agent varchar)
RETURNS TABLE (erasure_seq bigint, redacted integer)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
DECLARE
  v_name text;
  v_email text;
  v_needles text[];
  v_head "audit_chain_heads"%ROWTYPE;
  v_seals jsonb := '[]'::jsonb;
  v_event "audit_events"%ROWTYPE;
  v_data jsonb;
  v_target text;
  v_count integer := 0;
  v_seq bigint;
  v_at timestamptz;
  v_hash varchar(64);
  v_payload jsonb;
BEGIN
  SELECT u."name", u."email" INTO v_name, v_email FROM "users" u WHERE u."id" = p_user AND u."organization_id" = p_org AND u."erased_at" IS NULL;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'no person % to erase in organization %', p_user, p_org USING ERRCODE = 'no_data_found';
  END IF;
  SELECT array_agg(DISTINCT n) INTO v_needles FROM unnest(ARRAY[
    v_email, lower(v_email), normalize(v_email, NFKC), lower(normalize(v_email, NFKC)),
    CASE WHEN char_length(btrim(v_name)) >= 4 THEN btrim(v_name) END,
    CASE WHEN char_length(btrim(v_name)) >= 4 THEN lower(btrim(v_name)) END,
    CASE WHEN char_length(btrim(v_name)) >= 4 THEN normalize(btrim(v_name), NFC) END,
    CASE WHEN char_length(btrim(v_name)) >= 4 THEN normalize(btrim(v_name), NFD) END,
    CASE WHEN char_length(btrim(v_name)) >= 4 THEN lower(normalize(btrim(v_name), NFKC)) END]) AS n WHERE n IS NOT NULL AND n <> '';

  INSERT INTO "audit_chain_heads" ("organization_id") VALUES (p_org) ON CONFLICT DO NOTHING;
  SELECT * INTO v_head FROM "audit_chain_heads" h WHERE h."organization_id" = p_org FOR UPDATE;

  PERFORM set_config('helpdesk.audit_redact_org', p_org::text, true);
  FOR v_event IN
    SELECT * FROM "audit_events" e WHERE e."organization_id" = p_org
      AND EXISTS (SELECT 1 FROM unnest(v_needles) n WHERE strpos(lower(e."data"::text || ' ' || coalesce(e."target_id", '')), lower(n)) > 0)
      ORDER BY e."seq"
  LOOP
    v_data := erase_personal_jsonb(v_event."data", v_needles);
    v_target := erase_personal_text(v_event."target_id", v_needles);
    CONTINUE WHEN v_data = v_event."data" AND v_target IS NOT DISTINCT FROM v_event."target_id";
    UPDATE "audit_events" e SET "data" = v_data, "target_id" = v_target WHERE e."id" = v_event."id" RETURNING * INTO v_event;
    v_seals := v_seals || jsonb_build_array(jsonb_build_object('seq', v_event."seq", 'seal', audit_seal(v_event)));
    v_count := v_count + 1;
  END LOOP;
  PERFORM set_config('helpdesk.audit_redact_org', '', true);

  -- The "person.erased" event, hashed exactly as auditEventHash() does (the verifier's formula).
  v_seq := v_head."last_seq" + 1;
  v_at := audit_next_event_time(p_org);
  v_payload := jsonb_build_object('redacted', v_seals, 'redactedEvents', v_count);
  v_hash := encode(sha256(convert_to(
    audit_canonical_json(jsonb_build_object(
      'organizationId', p_org::text, 'seq', v_seq, 'actorId', p_actor, 'action', 'person.erased',
      'targetType', 'user', 'targetId', p_user, 'data', v_payload, 'ip', p_ip, 'userAgent', p_user_agent,
      'createdAt', to_char(v_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')))
    || E'\n' || v_head."last_hash", 'UTF8')), 'hex');
  INSERT INTO "audit_events" ("organization_id", "seq", "actor_id", "action", "target_type", "target_id", "data", "ip", "user_agent", "created_at", "prev_hash", "hash")
    VALUES (p_org, v_seq, p_actor, 'person.erased', 'user', p_user, v_payload, p_ip, p_user_agent, v_at, v_head."last_hash", v_hash);
  UPDATE "audit_chain_heads" h SET "last_seq" = v_seq, "last_hash" = v_hash, "next_at" = NULL, "next_xact" = NULL WHERE h."organization_id" = p_org;
  erasure_seq := v_seq;
  redacted := v_count;
  RETURN NEXT;
END $$;--> statement-breakpoint
-- The verifier reads every erasure's seals before it walks: found by this index, not by a scan of the chain.
CREATE INDEX "audit_events_erasures_idx" ON "audit_events" ("organization_id", "seq") WHERE "action" = 'person.erased';--> statement-breakpoint
REVOKE ALL ON FUNCTION audit_erase_person(uuid, text, text, varchar, varchar) FROM PUBLIC;--> statement-breakpoint
GRANT EXECUTE ON FUNCTION audit_erase_person(uuid, text, text, varchar, varchar) TO helpdesk_app;--> statement-breakpoint
REVOKE ALL ON FUNCTION audit_seal("audit_events") FROM PUBLIC;--> statement-breakpoint

-- 6. "person.erased" carries seals the verifier honours, so only the database may write it: the app's two
-- append paths refuse it as they refuse "audit.pruned" (functions of 0011 and 0019, restated with the one
-- more reserved action).
CREATE OR REPLACE FUNCTION audit_append(
  p_org uuid, p_seq bigint, p_prev_hash varchar, p_hash varchar, p_actor_id text, p_action varchar,
  p_target_type varchar, p_target_id text, p_data jsonb, p_ip varchar, p_user_agent varchar, p_created_at timestamptz
) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
DECLARE
  v_head "audit_chain_heads"%ROWTYPE;
BEGIN
  IF p_action IN ('audit.pruned', 'audit.retention_changed', 'person.erased') THEN
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

CREATE OR REPLACE FUNCTION audit_append_batch(
  p_org uuid, p_actor_ids text[], p_actions varchar[], p_target_types varchar[], p_target_ids text[], p_data jsonb[],
  p_ips varchar[], p_user_agents varchar[], p_before_time text[], p_before_seq text[], p_after_seq text[]
) RETURNS TABLE (seq bigint, hash varchar)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
DECLARE
  v_n integer := coalesce(array_length(p_actions, 1), 0);
  v_head "audit_chain_heads"%ROWTYPE;
  v_at timestamptz;
  v_at_text text;
  v_seq bigint;
  v_prev varchar(64);
  v_hash varchar(64);
BEGIN
  IF v_n = 0 THEN RETURN; END IF;
  IF coalesce(array_length(p_actor_ids, 1), 0) <> v_n OR coalesce(array_length(p_target_types, 1), 0) <> v_n
     OR coalesce(array_length(p_target_ids, 1), 0) <> v_n OR coalesce(array_length(p_data, 1), 0) <> v_n
     OR coalesce(array_length(p_ips, 1), 0) <> v_n OR coalesce(array_length(p_user_agents, 1), 0) <> v_n
     OR coalesce(array_length(p_before_time, 1), 0) <> v_n OR coalesce(array_length(p_before_seq, 1), 0) <> v_n
     OR coalesce(array_length(p_after_seq, 1), 0) <> v_n THEN
    RAISE EXCEPTION 'audit_append_batch: every array must hold one entry per event' USING ERRCODE = 'check_violation';
  END IF;
  IF 'audit.pruned' = ANY (p_actions) OR 'audit.retention_changed' = ANY (p_actions) OR 'person.erased' = ANY (p_actions) THEN
    RAISE EXCEPTION 'audit actions audit.pruned, audit.retention_changed and person.erased are written by the database only' USING ERRCODE = 'insufficient_privilege';
  END IF;
  INSERT INTO "audit_chain_heads" ("organization_id") VALUES (p_org) ON CONFLICT DO NOTHING;
  SELECT * INTO v_head FROM "audit_chain_heads" h WHERE h."organization_id" = p_org FOR UPDATE;
  v_at := date_trunc('milliseconds', audit_next_event_time(p_org));
  v_at_text := to_char(v_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"');
  v_seq := v_head."last_seq";
  v_prev := v_head."last_hash";
  FOR i IN 1 .. v_n LOOP
    v_seq := v_seq + 1;
    v_hash := encode(sha256(convert_to(
      p_before_time[i] || '"' || v_at_text || '"' || p_before_seq[i] || v_seq::text || p_after_seq[i] || E'\n' || v_prev, 'UTF8')), 'hex');
    INSERT INTO "audit_events" ("organization_id", "seq", "actor_id", "action", "target_type", "target_id", "data", "ip", "user_agent", "created_at", "prev_hash", "hash")
      VALUES (p_org, v_seq, p_actor_ids[i], p_actions[i], p_target_types[i], p_target_ids[i], coalesce(p_data[i], '{}'::jsonb), p_ips[i],
              p_user_agents[i], v_at, v_prev, v_hash);
    seq := v_seq;
    hash := v_hash;
    RETURN NEXT;
    v_prev := v_hash;
  END LOOP;
  UPDATE "audit_chain_heads" h SET "last_seq" = v_seq, "last_hash" = v_prev, "next_at" = NULL, "next_xact" = NULL WHERE h."organization_id" = p_org;
END $$;
