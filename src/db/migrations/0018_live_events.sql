-- Issue 11, "Live, and never across a boundary": an append-only log of what changed, per organization,
-- written by the database itself so that no writer can forget it. Each row names ids only (the ticket,
-- the kind of change and the changed row); what a client receives is re-read as that client through the
-- normal scoped read path when it is delivered (src/domain/events/). The log serves reconnects
-- (Last-Event-ID) for 24 hours; pg_notify tells every app instance at commit.
CREATE TABLE "live_events" (
	"seq" bigserial PRIMARY KEY NOT NULL,
	"organization_id" uuid NOT NULL,
	"kind" varchar(32) NOT NULL,
	"ticket_id" uuid,
	-- The changed row's id; for notification.read the reader's user id (one event per reader and transaction).
	"row_id" text NOT NULL,
	-- Notifications: their recipient, the only one who is told.
	"user_id" text,
	-- The writing transaction: one event per (transaction, kind, row), however often the row changed in it.
	"tx" xid8 DEFAULT pg_current_xact_id() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "live_events_org_seq_idx" ON "live_events" USING btree ("organization_id","seq");--> statement-breakpoint
CREATE UNIQUE INDEX "live_events_tx_kind_row_idx" ON "live_events" USING btree ("tx","kind","row_id");--> statement-breakpoint
CREATE INDEX "live_events_created_idx" ON "live_events" USING btree ("created_at");--> statement-breakpoint

-- Append-only for the app: it reads the log (replays); only the trigger function below writes it, and
-- only the pruning function deletes from it.
REVOKE INSERT, UPDATE, DELETE, TRUNCATE, TRIGGER, REFERENCES ON "live_events" FROM helpdesk_app;--> statement-breakpoint
GRANT SELECT ON "live_events" TO helpdesk_app;--> statement-breakpoint

-- Runs at COMMIT (the triggers below are DEFERRABLE INITIALLY DEFERRED): the sequence number is taken
-- as the transaction commits, so numbers follow commit order closely (a replay after seq N misses
-- nothing that committed before N was delivered, but for two transactions committing in the same
-- instant), and a rolled-back transaction, or savepoint, never reaches this. The notification carries
-- ids only and, like every NOTIFY, is delivered when the transaction commits.
CREATE OR REPLACE FUNCTION live_event_capture() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
DECLARE
  v_kind text := TG_ARGV[0];
  v_org uuid;
  v_ticket uuid;
  v_row text;
  v_user text;
  v_seq bigint;
BEGIN
  IF TG_TABLE_NAME = 'tickets' THEN
    v_org := NEW.organization_id; v_ticket := NEW.id; v_row := NEW.id::text;
  ELSIF TG_TABLE_NAME = 'notifications' THEN
    v_org := NEW.organization_id; v_ticket := NEW.ticket_id; v_user := NEW.user_id;
    v_row := CASE WHEN v_kind = 'notification.read' THEN NEW.user_id ELSE NEW.id::text END;
  ELSE
    -- comments, ticket_activity, attachments: rows of one ticket
    v_org := NEW.organization_id; v_ticket := NEW.ticket_id; v_row := NEW.id::text;
  END IF;
  INSERT INTO "live_events" ("organization_id", "kind", "ticket_id", "row_id", "user_id")
    VALUES (v_org, v_kind, v_ticket, v_row, v_user)
    ON CONFLICT ("tx", "kind", "row_id") DO NOTHING
    RETURNING "seq" INTO v_seq;
  IF v_seq IS NOT NULL THEN
    PERFORM pg_notify('helpdesk_live', concat_ws(' ', v_seq::text, v_org::text, v_kind, coalesce(v_ticket::text, '-'), v_row, coalesce(v_user, '-')));
  END IF;
  RETURN NULL;
END $$;--> statement-breakpoint
REVOKE ALL ON FUNCTION live_event_capture() FROM PUBLIC;--> statement-breakpoint

-- Bulk loads (benchmarks' generators) may switch the log off for their session:
-- SET helpdesk.live_events = 'off'. It only ever makes events quieter, never shows anything more.
CREATE CONSTRAINT TRIGGER "live_ticket_created" AFTER INSERT ON "tickets" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
  WHEN (coalesce(current_setting('helpdesk.live_events', true), '') <> 'off')
  EXECUTE FUNCTION live_event_capture('ticket.created');--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "live_ticket_updated" AFTER UPDATE ON "tickets" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
  WHEN (OLD.* IS DISTINCT FROM NEW.* AND coalesce(current_setting('helpdesk.live_events', true), '') <> 'off')
  EXECUTE FUNCTION live_event_capture('ticket.updated');--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "live_comment_created" AFTER INSERT ON "comments" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
  WHEN (coalesce(current_setting('helpdesk.live_events', true), '') <> 'off')
  EXECUTE FUNCTION live_event_capture('comment.created');--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "live_activity_created" AFTER INSERT ON "ticket_activity" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
  WHEN (coalesce(current_setting('helpdesk.live_events', true), '') <> 'off')
  EXECUTE FUNCTION live_event_capture('activity.created');--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "live_attachment_created" AFTER INSERT ON "attachments" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
  WHEN (coalesce(current_setting('helpdesk.live_events', true), '') <> 'off')
  EXECUTE FUNCTION live_event_capture('attachment.created');--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "live_attachment_updated" AFTER UPDATE ON "attachments" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
  WHEN (OLD.status IS DISTINCT FROM NEW.status AND coalesce(current_setting('helpdesk.live_events', true), '') <> 'off')
  EXECUTE FUNCTION live_event_capture('attachment.updated');--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "live_notification_created" AFTER INSERT ON "notifications" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
  WHEN (coalesce(current_setting('helpdesk.live_events', true), '') <> 'off')
  EXECUTE FUNCTION live_event_capture('notification.created');--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "live_notification_read" AFTER UPDATE ON "notifications" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
  WHEN (OLD.read_at IS NULL AND NEW.read_at IS NOT NULL AND coalesce(current_setting('helpdesk.live_events', true), '') <> 'off')
  EXECUTE FUNCTION live_event_capture('notification.read');--> statement-breakpoint

-- Retention: events older than the replay window are of no use (a client that far behind refetches).
-- The app may prune, never choose to keep less than an hour.
CREATE OR REPLACE FUNCTION live_events_prune(p_keep interval) RETURNS bigint
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
DECLARE
  v_count bigint;
BEGIN
  DELETE FROM "live_events" WHERE "created_at" < now() - greatest(p_keep, interval '1 hour');
  GET DIAGNOSTICS v_count = ROW_COUNT;
  RETURN v_count;
END $$;--> statement-breakpoint
REVOKE ALL ON FUNCTION live_events_prune(interval) FROM PUBLIC;--> statement-breakpoint
GRANT EXECUTE ON FUNCTION live_events_prune(interval) TO helpdesk_app;
