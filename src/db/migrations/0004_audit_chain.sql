CREATE TABLE "audit_chain_heads" (
	"organization_id" uuid PRIMARY KEY NOT NULL,
	"last_seq" bigint DEFAULT 0 NOT NULL,
	"last_hash" varchar(64) DEFAULT '0000000000000000000000000000000000000000000000000000000000000000' NOT NULL,
	"anchor_seq" bigint DEFAULT 0 NOT NULL,
	"anchor_hash" varchar(64) DEFAULT '0000000000000000000000000000000000000000000000000000000000000000' NOT NULL,
	"retention_days" integer
);
--> statement-breakpoint
ALTER TABLE "audit_events" ADD COLUMN "seq" bigint;--> statement-breakpoint
ALTER TABLE "audit_events" ADD COLUMN "prev_hash" varchar(64);--> statement-breakpoint
ALTER TABLE "audit_events" ADD COLUMN "hash" varchar(64);--> statement-breakpoint
-- Events written before the chain existed are numbered but unchained; each chain starts after them
-- (its anchor), so verification covers everything written from now on.
UPDATE "audit_events" e SET "seq" = r.n, "prev_hash" = '', "hash" = ''
  FROM (SELECT "id", row_number() OVER (PARTITION BY "organization_id" ORDER BY "created_at", "id") AS n FROM "audit_events") r
  WHERE r."id" = e."id";--> statement-breakpoint
INSERT INTO "audit_chain_heads" ("organization_id", "last_seq", "anchor_seq")
  SELECT "organization_id", max("seq"), max("seq") FROM "audit_events" GROUP BY "organization_id";--> statement-breakpoint
ALTER TABLE "audit_events" ALTER COLUMN "seq" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "audit_events" ALTER COLUMN "prev_hash" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "audit_events" ALTER COLUMN "hash" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "audit_chain_heads" ADD CONSTRAINT "audit_chain_heads_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_events" ADD CONSTRAINT "audit_events_org_seq_unique" UNIQUE("organization_id","seq");--> statement-breakpoint
-- S12: append-only. UPDATE, DELETE and TRUNCATE are refused for everyone, the table owner included;
-- the only deletion is retention through audit_prune() below, which is itself recorded in the chain.
CREATE OR REPLACE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' AND current_setting('helpdesk.audit_prune_org', true) = OLD.organization_id::text THEN
    RETURN OLD;
  END IF;
  RAISE EXCEPTION 'audit_events is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END $$;--> statement-breakpoint
CREATE TRIGGER audit_events_append_only_rows BEFORE UPDATE OR DELETE ON "audit_events" FOR EACH ROW EXECUTE FUNCTION audit_events_append_only();--> statement-breakpoint
CREATE TRIGGER audit_events_append_only_truncate BEFORE TRUNCATE ON "audit_events" FOR EACH STATEMENT EXECUTE FUNCTION audit_events_append_only();--> statement-breakpoint
-- Retention: removes an organization's events up to a sequence number and moves the chain's anchor to
-- the last removed hash, so the remaining chain still verifies. Runs with the owner's rights; the app
-- role may call it but has no DELETE right on the table itself.
CREATE OR REPLACE FUNCTION audit_prune(p_org uuid, p_through_seq bigint) RETURNS integer
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
  v_anchor varchar(64);
  v_count integer;
BEGIN
  SELECT "hash" INTO v_anchor FROM "audit_events" WHERE "organization_id" = p_org AND "seq" = p_through_seq;
  IF v_anchor IS NULL THEN
    RAISE EXCEPTION 'no audit event % in organization %', p_through_seq, p_org;
  END IF;
  PERFORM set_config('helpdesk.audit_prune_org', p_org::text, true);
  DELETE FROM "audit_events" WHERE "organization_id" = p_org AND "seq" <= p_through_seq;
  GET DIAGNOSTICS v_count = ROW_COUNT;
  PERFORM set_config('helpdesk.audit_prune_org', '', true);
  UPDATE "audit_chain_heads" SET "anchor_seq" = p_through_seq, "anchor_hash" = v_anchor WHERE "organization_id" = p_org;
  RETURN v_count;
END $$;--> statement-breakpoint
-- The role the application runs as (the pool does SET ROLE helpdesk_app): full rights on its tables but
-- no UPDATE/DELETE/TRUNCATE on audit_events, so even an injected statement cannot rewrite history.
DO $$ BEGIN
  CREATE ROLE helpdesk_app NOLOGIN;
EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
END $$;--> statement-breakpoint
GRANT USAGE ON SCHEMA public TO helpdesk_app;--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO helpdesk_app;--> statement-breakpoint
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO helpdesk_app;--> statement-breakpoint
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO helpdesk_app;--> statement-breakpoint
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO helpdesk_app;--> statement-breakpoint
REVOKE UPDATE, DELETE, TRUNCATE ON "audit_events" FROM helpdesk_app;--> statement-breakpoint
REVOKE ALL ON FUNCTION audit_prune(uuid, bigint) FROM PUBLIC;--> statement-breakpoint
GRANT EXECUTE ON FUNCTION audit_prune(uuid, bigint) TO helpdesk_app;
