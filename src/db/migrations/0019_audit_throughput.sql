-- Issue 15 (S12): audited writes of one organization, faster without weakening the chain.

-- 1. The durability barrier of src/db/commit-barrier.ts. Audited transactions commit asynchronously, so the
-- chain head's row lock is released as soon as the commit record is written instead of after the disk
-- flush; right after, the app runs this in its own transaction on the same connection. It writes one WAL
-- record (a transactional logical-decoding message: no table, nothing to vacuum) and commits synchronously,
-- which flushes the WAL up to its own commit record and therefore past the audited transaction's. Only then
-- does the app go on, so nothing the caller is told about can be lost in a crash.
CREATE OR REPLACE FUNCTION audit_commit_barrier() RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
BEGIN
  PERFORM set_config('synchronous_commit', 'on', true);
  PERFORM pg_logical_emit_message(true, 'helpdesk.commit_barrier', '');
END $$;--> statement-breakpoint
REVOKE ALL ON FUNCTION audit_commit_barrier() FROM PUBLIC;--> statement-breakpoint
GRANT EXECUTE ON FUNCTION audit_commit_barrier() TO helpdesk_app;
--> statement-breakpoint

-- 2. Appending in ONE statement, one event or many (the breach scan records a batch). Until now the app took
-- the link with audit_chain_next(), hashed the event in TypeScript and stored it with audit_append(): two
-- round trips per event while the head stayed locked. Here the database takes the lock, the time, the
-- sequence numbers and the previous hashes itself, and hashes each event; the app passes the event's
-- columns and its canonical encoding (src/db/audit-chain/hash.ts) in three pieces around the two values
-- only the database knows — the time and the sequence number:
--   p_before_time || '"<createdAt>"' || p_before_seq || '<seq>' || p_after_seq  is the canonical JSON,
-- and the hash is SHA-256 over it, a newline and the previous event's hash — the verifier's formula,
-- unchanged. The pieces are the app's word for the content, as the hash passed to audit_append() was: if
-- they do not describe the stored columns, the verifier recomputes from the columns and names the event
-- (hash_mismatch). The app can spoil its own events, never hide a change to the chain. The app role cannot
-- choose a time, a sequence number or a link: there is no parameter for them.
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
  -- Only the database writes these: a forged "audit.pruned" must not explain away a moved anchor.
  IF 'audit.pruned' = ANY (p_actions) OR 'audit.retention_changed' = ANY (p_actions) THEN
    RAISE EXCEPTION 'audit actions audit.pruned and audit.retention_changed are written by the database only' USING ERRCODE = 'insufficient_privilege';
  END IF;
  INSERT INTO "audit_chain_heads" ("organization_id") VALUES (p_org) ON CONFLICT DO NOTHING;
  SELECT * INTO v_head FROM "audit_chain_heads" h WHERE h."organization_id" = p_org FOR UPDATE;
  -- One time for the batch, taken after the lock (migration 0011): never before the chain's last event.
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
  -- A link left in the head by audit_chain_next() (the two-step append of 0008/0011) is used up: clear it.
  UPDATE "audit_chain_heads" h SET "last_seq" = v_seq, "last_hash" = v_prev, "next_at" = NULL, "next_xact" = NULL WHERE h."organization_id" = p_org;
END $$;--> statement-breakpoint
REVOKE ALL ON FUNCTION audit_append_batch(uuid, text[], varchar[], varchar[], text[], jsonb[], varchar[], varchar[], text[], text[], text[]) FROM PUBLIC;--> statement-breakpoint
GRANT EXECUTE ON FUNCTION audit_append_batch(uuid, text[], varchar[], varchar[], text[], jsonb[], varchar[], varchar[], text[], text[], text[]) TO helpdesk_app;
