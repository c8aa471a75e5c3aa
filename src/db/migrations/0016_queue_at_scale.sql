-- Issue 15: the queue at a million tickets.
--
-- 1. "Due soonest" with any filter (S7, S9). The due order lived on ticket_sla while the filters live on
-- tickets, so a filtered due list walked the organization's clocks in due order and probed each ticket:
-- a filter matching few tickets read the whole organization (1.9 s at 100k). tickets.sla_due_at is a copy
-- of the clock's next_due_at ('infinity' when no deadline runs), kept by a trigger on ticket_sla so no
-- writer can forget it, and each filter the queue offers gets an index in due order, as it has one in
-- created order. Priority has none: four values, each common, are a cheap filter on the plain due walk.
-- The copy is written only when next_due_at really changes (the WHEN clause): request transactions,
-- which lock the ticket before its clock, change it; the breach scan, which locks only clocks, records
-- breaches without moving next_due_at, so it never waits for a ticket row here.
ALTER TABLE "tickets" ADD COLUMN "sla_due_at" timestamp with time zone DEFAULT 'infinity' NOT NULL;--> statement-breakpoint
UPDATE "tickets" t SET "sla_due_at" = s."next_due_at"
  FROM "ticket_sla" s WHERE s."ticket_id" = t."id" AND s."next_due_at" IS NOT NULL;--> statement-breakpoint
CREATE OR REPLACE FUNCTION ticket_sla_due_to_ticket() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, public AS $$
BEGIN
  UPDATE "tickets" SET "sla_due_at" = coalesce(NEW."next_due_at", 'infinity'::timestamptz)
    WHERE "id" = NEW."ticket_id" AND "organization_id" = NEW."organization_id"
      AND "sla_due_at" IS DISTINCT FROM coalesce(NEW."next_due_at", 'infinity'::timestamptz);
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER "ticket_sla_due_inserted" AFTER INSERT ON "ticket_sla"
  FOR EACH ROW WHEN (NEW."next_due_at" IS NOT NULL) EXECUTE FUNCTION ticket_sla_due_to_ticket();--> statement-breakpoint
CREATE TRIGGER "ticket_sla_due_changed" AFTER UPDATE OF "next_due_at" ON "ticket_sla"
  FOR EACH ROW WHEN (OLD."next_due_at" IS DISTINCT FROM NEW."next_due_at") EXECUTE FUNCTION ticket_sla_due_to_ticket();--> statement-breakpoint
CREATE INDEX "tickets_org_due_idx" ON "tickets" USING btree ("organization_id", "sla_due_at", "id");--> statement-breakpoint
CREATE INDEX "tickets_org_status_due_idx" ON "tickets" USING btree ("organization_id", "status", "sla_due_at", "id");--> statement-breakpoint
CREATE INDEX "tickets_org_assignee_due_idx" ON "tickets" USING btree ("organization_id", "assignee_id", "sla_due_at", "id");--> statement-breakpoint
CREATE INDEX "tickets_org_team_due_idx" ON "tickets" USING btree ("organization_id", "team_id", "sla_due_at", "id");--> statement-breakpoint
-- A requester's own tickets (their visibility) in due order.
CREATE INDEX "tickets_org_requester_due_idx" ON "tickets" USING btree ("organization_id", "requester_id", "sla_due_at", "id");--> statement-breakpoint
-- The clocks' own due index served only that walk.
DROP INDEX "ticket_sla_org_due_idx";--> statement-breakpoint

-- 2. Search (S15) scoped to the organization inside the index: every search names one organization, and a
-- GIN index over (organization_id, search_vector) hands back only that organization's matches instead of
-- every tenant's (btree_gin gives GIN the uuid equality; a trusted contrib extension).
CREATE EXTENSION IF NOT EXISTS btree_gin;--> statement-breakpoint
CREATE INDEX "tickets_org_search_idx" ON "tickets" USING gin ("organization_id", "search_vector");--> statement-breakpoint
DROP INDEX "tickets_search_idx";
