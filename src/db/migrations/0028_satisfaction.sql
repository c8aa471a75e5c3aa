-- Issue 13 (customer satisfaction): one request per resolution of a ticket, holding the single-use link's
-- SHA-256 only, and the answers in their own table with what reports group by (see src/db/schema/satisfaction.ts).
CREATE TABLE "satisfaction_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"ticket_id" uuid NOT NULL,
	"resolution" integer NOT NULL,
	"requester_id" text NOT NULL,
	"assignee_id" text,
	"team_id" uuid,
	"priority" "ticket_priority" NOT NULL,
	"token_hash" varchar(64) NOT NULL,
	"resolved_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"answered_at" timestamp with time zone,
	"withdrawn_at" timestamp with time zone,
	CONSTRAINT "satisfaction_requests_token_unique" UNIQUE("token_hash"),
	CONSTRAINT "satisfaction_requests_ticket_resolution_unique" UNIQUE("ticket_id","resolution")
);
--> statement-breakpoint
CREATE TABLE "satisfaction_ratings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"request_id" uuid NOT NULL,
	"ticket_id" uuid NOT NULL,
	"resolution" integer NOT NULL,
	"rating" varchar(8) NOT NULL,
	"comment" text,
	"requester_id" text NOT NULL,
	"assignee_id" text,
	"team_id" uuid,
	"priority" "ticket_priority" NOT NULL,
	"resolved_at" timestamp with time zone NOT NULL,
	"answered_at" timestamp with time zone NOT NULL,
	CONSTRAINT "satisfaction_ratings_request_unique" UNIQUE("request_id"),
	CONSTRAINT "satisfaction_ratings_ticket_resolution_unique" UNIQUE("ticket_id","resolution"),
	CONSTRAINT "satisfaction_ratings_rating_check" CHECK ("satisfaction_ratings"."rating" in ('good', 'bad')),
	CONSTRAINT "satisfaction_ratings_comment_check" CHECK (char_length("satisfaction_ratings"."comment") <= 2000)
);
--> statement-breakpoint
ALTER TABLE "satisfaction_requests" ADD CONSTRAINT "satisfaction_requests_ticket_fk" FOREIGN KEY ("ticket_id","organization_id") REFERENCES "public"."tickets"("id","organization_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "satisfaction_requests" ADD CONSTRAINT "satisfaction_requests_requester_fk" FOREIGN KEY ("requester_id","organization_id") REFERENCES "public"."users"("id","organization_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "satisfaction_ratings" ADD CONSTRAINT "satisfaction_ratings_request_fk" FOREIGN KEY ("request_id") REFERENCES "public"."satisfaction_requests"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "satisfaction_ratings" ADD CONSTRAINT "satisfaction_ratings_ticket_fk" FOREIGN KEY ("ticket_id","organization_id") REFERENCES "public"."tickets"("id","organization_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "satisfaction_ratings_org_answered_idx" ON "satisfaction_ratings" USING btree ("organization_id","answered_at");
