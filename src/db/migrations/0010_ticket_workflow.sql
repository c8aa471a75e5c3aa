-- Issue 11: the agent's workflow. A version on every ticket (bumped by every write) is the ETag that
-- If-Match compares, so a stale page cannot silently overwrite a colleague's change; a follow-up ticket
-- names the closed ticket it continues; ticket_activity is the timeline of field changes, written in the
-- same transaction as the change it describes.
ALTER TABLE "tickets" ADD COLUMN "version" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "tickets" ADD COLUMN "follow_up_of" uuid;--> statement-breakpoint
ALTER TABLE "tickets" ADD CONSTRAINT "tickets_follow_up_fk" FOREIGN KEY ("follow_up_of","organization_id") REFERENCES "public"."tickets"("id","organization_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE TABLE "ticket_activity" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"seq" bigserial NOT NULL,
	"organization_id" uuid NOT NULL,
	"ticket_id" uuid NOT NULL,
	"actor_id" text,
	"field" varchar(32) NOT NULL,
	"from_value" text,
	"to_value" text,
	"staff_only" boolean DEFAULT true NOT NULL,
	"ticket_version" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "ticket_activity" ADD CONSTRAINT "ticket_activity_ticket_fk" FOREIGN KEY ("ticket_id","organization_id") REFERENCES "public"."tickets"("id","organization_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ticket_activity" ADD CONSTRAINT "ticket_activity_actor_fk" FOREIGN KEY ("actor_id","organization_id") REFERENCES "public"."users"("id","organization_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "ticket_activity_ticket_seq_idx" ON "ticket_activity" USING btree ("ticket_id","seq");
