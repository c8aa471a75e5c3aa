-- Outside review after issue 9 item 3: audit_prune chose its cut-off as "the last event older than the
-- window", so ONE backdated event appended by the app role (audit_append takes created_at from the
-- caller) made every event before it prunable, today's included. Pruning now walks the chain in order
-- and stops at the first event inside the window: a backdated event can make nothing before it prunable.
-- The newest event is still never pruned, and the pruning is still recorded in the chain.
CREATE OR REPLACE FUNCTION audit_prune(p_org uuid) RETURNS integer
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
DECLARE
  v_head "audit_chain_heads"%ROWTYPE;
  v_cutoff timestamptz;
  v_first_kept bigint;
  v_through bigint;
  v_anchor varchar(64);
  v_count integer;
BEGIN
  SELECT * INTO v_head FROM "audit_chain_heads" WHERE "organization_id" = p_org FOR UPDATE;
  IF NOT FOUND OR v_head."retention_days" IS NULL OR v_head."retention_days" < 1 THEN
    RAISE EXCEPTION 'organization % has no audit retention period; nothing may be pruned', p_org USING ERRCODE = 'check_violation';
  END IF;
  v_cutoff := now() - make_interval(days => v_head."retention_days");
  SELECT min("seq") INTO v_first_kept FROM "audit_events"
    WHERE "organization_id" = p_org AND "seq" > v_head."anchor_seq" AND "created_at" >= v_cutoff;
  v_through := least(coalesce(v_first_kept, v_head."last_seq" + 1) - 1, v_head."last_seq" - 1);
  IF v_through <= v_head."anchor_seq" THEN
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
REVOKE ALL ON FUNCTION audit_prune(uuid) FROM PUBLIC;--> statement-breakpoint
GRANT EXECUTE ON FUNCTION audit_prune(uuid) TO helpdesk_app;
