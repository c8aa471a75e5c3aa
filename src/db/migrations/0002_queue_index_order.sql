DROP INDEX "tickets_org_created_idx";--> statement-breakpoint
DROP INDEX "tickets_org_status_created_idx";--> statement-breakpoint
DROP INDEX "tickets_org_priority_created_idx";--> statement-breakpoint
DROP INDEX "tickets_org_requester_created_idx";--> statement-breakpoint
DROP INDEX "tickets_org_assignee_created_idx";--> statement-breakpoint
DROP INDEX "tickets_org_team_created_idx";--> statement-breakpoint
CREATE INDEX "tickets_org_created_idx" ON "tickets" USING btree ("organization_id","created_at" DESC NULLS FIRST,"id" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "tickets_org_status_created_idx" ON "tickets" USING btree ("organization_id","status","created_at" DESC NULLS FIRST,"id" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "tickets_org_priority_created_idx" ON "tickets" USING btree ("organization_id","priority","created_at" DESC NULLS FIRST,"id" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "tickets_org_requester_created_idx" ON "tickets" USING btree ("organization_id","requester_id","created_at" DESC NULLS FIRST,"id" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "tickets_org_assignee_created_idx" ON "tickets" USING btree ("organization_id","assignee_id","created_at" DESC NULLS FIRST,"id" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "tickets_org_team_created_idx" ON "tickets" USING btree ("organization_id","team_id","created_at" DESC NULLS FIRST,"id" DESC NULLS FIRST);